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
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync().GetAwaiter().GetResult();
            TryDelete(directory);
        };
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
            var pidFile = Path.Combine(dir, "pgdata", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster) && IsAlive(postmaster))
            {
                try { Process.GetProcessById(postmaster).Kill(); } catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
            TryDelete(dir);
        }
    }

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
