using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Monolith.Testing;

/// <summary>
/// The real Host as a separate OS process (<c>dotnet Monolith.Host.dll</c>), for what only a process shows:
/// start-up errors, signals, restarts, the embedded PostgreSQL starting and stopping with it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <param name="listenOn">The address the Host binds (clients always use 127.0.0.1).</param>
    public static HostProcess Start(IDictionary<string, string> environment, int? port = null, string listenOn = "127.0.0.1")
    {
        var dll = HostAssemblyPath();
        var chosenPort = port ?? FreePort();
        var address = new Uri($"http://127.0.0.1:{chosenPort}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://{listenOn}:{chosenPort}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Postgres"] = "";
        // Keys mode, as in production: the Host knows the test keys' hashes (Client adds the key).
        foreach (var (key, value) in TestKeys.Environment()) info.Environment[key] = value;
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var host = new HostProcess(process, address);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (host._stdout) host._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._stderr) host._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until 200 (or the process dies, or the time is up).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Host exited with {_process.ExitCode} before it was ready.\n{StandardError}\n{Tail(StandardOutput)}");
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Host not ready within {timeout}.\n{StandardError}\n{Tail(StandardOutput)}");
    }

    /// <summary>A client calling as <paramref name="tenant"/> with that tenant's test key (<see cref="TestKeys"/>) of <paramref name="role"/>.</summary>
    public HttpClient Client(string tenant = "default", Monolith.BuildingBlocks.Access.AccessRole role = Monolith.BuildingBlocks.Access.AccessRole.Admin)
    {
        if (!TestKeys.Tenants.Contains(tenant))
            throw new ArgumentException($"No test key for tenant '{tenant}': add it to TestKeys.Tenants.", nameof(tenant));
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestKeys.For(tenant, role));
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient AnonymousClient() =>
        // Generous: the first request compiles its handler chain (runtime codegen), slow when the whole suite shares two cores.
        new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>Sends SIGTERM (what an orchestrator sends) and waits for the process to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited) _ = Kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, the process alone (not its tree): a crash. The embedded PostgreSQL it started keeps running.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public int ProcessId => _process.Id;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flush redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { await TerminateAsync(TimeSpan.FromSeconds(30)); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    public static string HostAssemblyPath()
    {
        // The Host's own build output, same configuration and framework as this test assembly.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "Host", "bin", configuration, framework, "Monolith.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the Host first", dll);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(30));

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
