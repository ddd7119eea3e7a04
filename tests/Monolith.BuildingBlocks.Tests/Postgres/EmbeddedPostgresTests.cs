using Microsoft.Extensions.Logging.Abstractions;
using Monolith.BuildingBlocks.Postgres;
using Npgsql;

namespace Monolith.BuildingBlocks.Tests.Postgres;

/// <summary>The launcher against the real PostgreSQL binaries installed on this machine, each test in its own folder.</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "monolith-launcher-tests", Guid.NewGuid().ToString("N"));

    private EmbeddedPostgresOptions Options(int port = 0) => new()
    {
        DataDirectory = _directory,
        Durable = false,
        Port = port,
        Database = "launcher",
    };

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task a_second_start_reuses_the_data_folder_and_keeps_the_data()
    {
        var first = await EmbeddedPostgresServer.StartAsync(Options(), NullLogger.Instance);
        await ScalarAsync(first.ConnectionString(), "create table kept(v text); insert into kept values ('still here')");
        await first.StopAsync();

        await using var second = await EmbeddedPostgresServer.StartAsync(Options(), NullLogger.Instance);
        Assert.Equal("still here", await ScalarAsync(second.ConnectionString(), "select v from kept"));
    }

    [Fact]
    public async Task it_listens_on_loopback_only_without_a_unix_socket_and_with_a_password()
    {
        await using var server = await EmbeddedPostgresServer.StartAsync(Options(), NullLogger.Instance);
        Assert.Equal("127.0.0.1", await ScalarAsync(server.ConnectionString(), "show listen_addresses"));
        Assert.Equal("", await ScalarAsync(server.ConnectionString(), "show unix_socket_directories"));

        var wrongPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Password = "wrong" }.ConnectionString;
        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(wrongPassword, "select 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task a_configured_port_is_used_and_stop_really_stops_the_server()
    {
        var port = EmbeddedPostgresServer.FreePort();
        var server = await EmbeddedPostgresServer.StartAsync(Options(port), NullLogger.Instance);
        Assert.Equal(port, server.Port);
        Assert.Equal(1, await ScalarAsync(server.ConnectionString(), "select 1"));

        await server.StopAsync();
        NpgsqlConnection.ClearAllPools();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(server.ConnectionString(), "select 1"));
        Assert.False(File.Exists(Path.Combine(server.ClusterDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task a_server_left_running_by_a_killed_process_is_adopted_not_started_twice()
    {
        var orphan = await EmbeddedPostgresServer.StartAsync(Options(), NullLogger.Instance);
        // No stop: as if the owning process had been killed.

        await using var adopted = await EmbeddedPostgresServer.StartAsync(Options(), NullLogger.Instance);
        Assert.Equal(orphan.Port, adopted.Port);
        Assert.Equal(1, await ScalarAsync(adopted.ConnectionString(), "select 1"));
    }

    [Fact]
    public async Task the_configured_database_is_created_once()
    {
        await using var server = await EmbeddedPostgresServer.StartAsync(Options(), NullLogger.Instance);
        await server.EnsureDatabaseAsync("launcher");
        Assert.Equal(1L, await ScalarAsync(server.ConnectionString("postgres"), "select count(*) from pg_database where datname = 'launcher'"));
    }

    [Fact]
    public async Task a_wrong_bin_directory_is_a_one_line_error_naming_the_setting()
    {
        var options = Options();
        options.BinDirectory = "/nonexistent/postgres/bin";
        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance));
        Assert.Contains("EmbeddedPostgres:BinDirectory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task as_root_a_data_folder_the_server_user_cannot_reach_falls_back_to_the_given_folder_and_keeps_it()
    {
        // A checkout in a private home folder: the folder itself is fine for root, not for the 'postgres' OS user.
        var home = Path.Combine(_directory, "home");
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = Options();
        options.DataDirectory = Path.Combine(home, "checkout", "src", "Host", ".data", "postgres");
        var fallback = Path.Combine(_directory, "system", "postgres");

        var first = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance, fallbackDataDirectory: fallback);
        var expected = Environment.IsPrivilegedProcess ? fallback : options.DataDirectory;
        Assert.Equal(expected, first.DataDirectory);
        await ScalarAsync(first.ConnectionString(), "create table kept (id int); insert into kept values (42)");
        await first.StopAsync();

        await using var second = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance, fallbackDataDirectory: fallback);
        Assert.Equal(expected, second.DataDirectory);
        Assert.Equal(42, await ScalarAsync(second.ConnectionString(), "select id from kept"));
    }

    [Fact]
    public void the_system_fallback_is_one_folder_per_checkout()
    {
        var a = EmbeddedDataDirectory.SystemFallback("/root/work/monolith/src/Host");
        Assert.Equal(a, EmbeddedDataDirectory.SystemFallback("/root/work/monolith/src/Host/"));
        Assert.NotEqual(a, EmbeddedDataDirectory.SystemFallback("/root/other/monolith/src/Host"));
        Assert.StartsWith(EmbeddedDataDirectory.SystemRoot + "/", a, StringComparison.Ordinal);
        Assert.EndsWith("/postgres", a, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
