using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Monolith.BuildingBlocks.Postgres;

namespace Monolith.Testing;

/// <summary>
/// One embedded PostgreSQL server per test process, started by the product's own launcher in a throw-away
/// folder under the system temp directory, stopped and deleted when the process exits. Folders left by a
/// killed test run (their owning process is gone) are cleaned up at the next start.
/// </summary>
public static class TestPostgres
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "monolith-tests");
    private static readonly Lazy<Task<EmbeddedPostgresServer>> Server = new(StartAsync);

    public static Task<EmbeddedPostgresServer> ServerAsync() => Server.Value;

    /// <summary>A fresh, empty database for one test class; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await ServerAsync();
        var name = $"t_{new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(28).ToArray())}_{Guid.NewGuid():N}";
        await server.EnsureDatabaseAsync(name);
        return name;
    }

    public static async Task DropDatabaseAsync(string database) => await (await ServerAsync()).DropDatabaseAsync(database);

    public static async Task<string> ConnectionStringAsync(string database) => (await ServerAsync()).ConnectionString(database);

    private static async Task<EmbeddedPostgresServer> StartAsync()
    {
        SweepLeftovers();
        var directory = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
        var server = await EmbeddedPostgresServer.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = directory,
            Durable = false,
            Database = "postgres",
        }, NullLogger.Instance);
        StartWatchdog(directory);
        return server;
    }

    private static void SweepLeftovers()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.GetDirectories(Root))
        {
            var owner = Path.GetFileName(dir).Split('-')[0];
            if (int.TryParse(owner, out var pid) && IsAlive(pid)) continue;
            // The owning test process died without cleaning up: stop its server (if still running) and delete.
            QuitPostmaster(dir);
            TryDelete(dir);
        }
    }

    /// <summary>
    /// The test runner kills an exiting test host within milliseconds, so cleanup cannot run in-process. A
    /// detached shell waits for this process to end (normally or not), then shuts the throw-away cluster down
    /// immediately and deletes its folder.
    /// </summary>
    private static void StartWatchdog(string directory)
    {
        var script = "exec </dev/null >/dev/null 2>&1; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; " +
                     $"pid=$(head -1 '{directory}/pgdata/postmaster.pid' 2>/dev/null); " +
                     "[ -n \"$pid\" ] && kill -QUIT \"$pid\" 2>/dev/null; " +
                     "for i in 1 2 3 4 5 6 7 8 9 10; do [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null || break; sleep 0.2; done; " +
                     $"rm -rf '{directory}'";
        var info = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh") { UseShellExecute = false };
        if (info.FileName.EndsWith("setsid", StringComparison.Ordinal)) info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var _ = Process.Start(info);
    }

    private static void QuitPostmaster(string directory)
    {
        var pidFile = Path.Combine(directory, "pgdata", "postmaster.pid");
        try
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster) && IsAlive(postmaster))
            {
                _ = Kill(postmaster, SigQuit);
                for (var i = 0; i < 50 && IsAlive(postmaster); i++) Thread.Sleep(20);
            }
        }
        catch (IOException)
        {
            // Nothing to stop.
        }
    }

    private const int SigQuit = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static bool IsAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
