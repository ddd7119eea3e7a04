using System.Diagnostics;
using System.Text;

namespace Monolith.BuildingBlocks.Postgres;

/// <summary>Runs a program to completion, optionally as another OS user (via runuser or su), capturing its output.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string file, IReadOnlyList<string> args, string? asUser, TimeSpan timeout,
        CancellationToken ct = default)
    {
        var (program, arguments) = Wrap(file, args, asUser);
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // The C locale keeps PostgreSQL's messages stable for callers that inspect them.
        info.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new EmbeddedPostgresException($"'{file} {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:0} s.");
        }
        lock (output) return new Result(process.ExitCode, output.ToString());
    }

    private static (string Program, IReadOnlyList<string> Args) Wrap(string file, IReadOnlyList<string> args, string? asUser)
    {
        if (asUser is null) return (file, args);
        if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser"))
            return (File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser", ["-u", asUser, "--", file, .. args]);
        var command = string.Join(' ', new[] { file }.Concat(args).Select(Quote));
        return ("su", ["-s", "/bin/sh", asUser, "-c", command]);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
