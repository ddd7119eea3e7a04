using System.Globalization;

namespace DocumentThroughput;

/// <summary>CPU time of one sample: the Host process, every <c>postgres</c> process, this client, and the machine.</summary>
internal readonly record struct CpuTicks(long Host, long Postgres, long Client, long MachineBusy, long MachineTotal, long At);

/// <summary>Average CPU over a phase, in % of one core (200 % = both cores of a 2-core machine).</summary>
internal sealed record CpuUse(double Host, double Postgres, double Client, double Machine)
{
    /// <summary>Everything else on the machine (other processes, kernel): a busy neighbour makes the numbers unfair.</summary>
    public double Other => Math.Max(0, Machine - Host - Postgres - Client);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"host {Host:0}%, postgres {Postgres:0}%, client {Client:0}%, other {Other:0}%, machine {Machine:0}% (of {Environment.ProcessorCount * 100}%)");
}

/// <summary>Reads /proc (Linux only; elsewhere every figure is 0). Clock ticks are 1/100 s on Linux.</summary>
internal static class CpuSampler
{
    private const double TicksPerSecond = 100;

    public static CpuTicks Sample(int? hostPid)
    {
        long host = 0, postgres = 0, busy = 0, total = 0;
        if (!OperatingSystem.IsLinux()) return new(0, 0, 0, 0, 0, Environment.TickCount64);
        if (hostPid is { } pid) host = ProcessTicks(pid);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0])) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres")
                    postgres += ProcessTicks(int.Parse(name, CultureInfo.InvariantCulture));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        var client = ProcessTicks(Environment.ProcessId);
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        total = cpu.Take(8).Sum();
        busy = total - cpu[3] - cpu[4]; // idle, iowait
        return new(host, postgres, client, busy, total, Environment.TickCount64);
    }

    public static CpuUse Between(CpuTicks a, CpuTicks b)
    {
        var seconds = Math.Max(0.001, (b.At - a.At) / 1000.0);
        double Pct(long ticks) => ticks / TicksPerSecond / seconds * 100;
        var machine = b.MachineTotal > a.MachineTotal
            ? (double)(b.MachineBusy - a.MachineBusy) / (b.MachineTotal - a.MachineTotal) * Environment.ProcessorCount * 100
            : 0;
        return new(Pct(b.Host - a.Host), Pct(b.Postgres - a.Postgres), Pct(b.Client - a.Client), machine);
    }

    /// <summary>utime + stime of one process (fields 14 and 15 of /proc/pid/stat), 0 when it is gone.</summary>
    private static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    /// <summary>A one-shot <c>top</c> of the busiest processes, as evidence next to the averages.</summary>
    public static string Top()
    {
        try
        {
            using var top = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("top", "-b -n1 -w 160")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (top is null) return "";
            var output = top.StandardOutput.ReadToEnd();
            top.WaitForExit();
            return string.Join('\n', output.Split('\n').Take(17));
        }
        catch (System.ComponentModel.Win32Exception) { return "(top not available)"; }
    }
}
