using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monolith.BuildingBlocks.Postgres;

/// <summary>
/// A private PostgreSQL server started from the installed binaries: its cluster lives in
/// <see cref="EmbeddedPostgresOptions.DataDirectory"/> (kept between runs), it listens on 127.0.0.1 only
/// (no Unix socket), authenticates with a generated password, and runs as
/// <see cref="EmbeddedPostgresOptions.OsUserWhenRoot"/> when this process is root. A server left running
/// by a killed process is adopted rather than started twice.
/// </summary>
public sealed class EmbeddedPostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly EmbeddedPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly string? _runAs;
    private readonly string _password;
    private int _stopped;
    private bool _borrowed;

    private EmbeddedPostgresServer(EmbeddedPostgresOptions options, ILogger logger, string binDirectory, string? runAs,
        string dataDirectory, int port, string password)
    {
        _options = options;
        _logger = logger;
        _binDirectory = binDirectory;
        _runAs = runAs;
        DataDirectory = dataDirectory;
        Port = port;
        _password = password;
    }

    public string DataDirectory { get; }
    public string ClusterDirectory => Path.Combine(DataDirectory, "pgdata");
    public int Port { get; }

    /// <summary>Connection string for <paramref name="database"/> (default: the configured application database).</summary>
    public string ConnectionString(string? database = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database ?? _options.Database,
        MaxPoolSize = 100,
    }.ConnectionString;

    /// <param name="fallbackDataDirectory">Where to keep the data instead when this process is root and the server's OS
    /// user cannot reach <see cref="EmbeddedPostgresOptions.DataDirectory"/> (which then holds no cluster yet); null = fail
    /// with an error naming the setting.</param>
    public static async Task<EmbeddedPostgresServer> StartAsync(EmbeddedPostgresOptions options, ILogger logger,
        CancellationToken ct = default, string? fallbackDataDirectory = null)
    {
        var bin = PostgresBinaries.Locate(options.BinDirectory);
        var runAs = Environment.IsPrivilegedProcess ? options.OsUserWhenRoot : null;
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var timeout = TimeSpan.FromSeconds(options.StartTimeoutSeconds);
        if (runAs is not null && fallbackDataDirectory is not null && !HoldsCluster(dataDirectory)
            && !await ReachableAsync(runAs, dataDirectory, timeout, ct))
        {
            var fallback = Path.GetFullPath(fallbackDataDirectory);
            logger.LogInformation(
                "OS user {User} (the embedded PostgreSQL runs as it, because this process is root) cannot reach {Preferred}, a private folder; keeping the data in {Fallback} instead (set EmbeddedPostgres:DataDirectory to choose)",
                runAs, dataDirectory, fallback);
            dataDirectory = fallback;
        }
        var cluster = Path.Combine(dataDirectory, "pgdata");
        var passwordFile = Path.Combine(dataDirectory, "password");
        var logFile = Path.Combine(dataDirectory, "postgres.log");

        try
        {
            Directory.CreateDirectory(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmbeddedPostgresException(
                $"Cannot create EmbeddedPostgres:DataDirectory '{dataDirectory}': {e.Message} Set EmbeddedPostgres:DataDirectory to a writable folder.", e);
        }

        if (runAs is not null) await HandOverToOsUserAsync(runAs, dataDirectory, timeout, ct);

        var initialised = HoldsCluster(dataDirectory);
        string password;
        if (!initialised)
        {
            password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            await WritePrivateFileAsync(passwordFile, password, runAs, timeout, ct);
            logger.LogInformation("Initialising a PostgreSQL cluster in {Directory}", cluster);
            var init = await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"),
                ["-D", cluster, "-U", Superuser, "--auth=scram-sha-256", "--pwfile", passwordFile, "-E", "UTF8", "--no-locale"],
                runAs, timeout, ct);
            if (init.ExitCode != 0)
                throw new EmbeddedPostgresException($"initdb failed in EmbeddedPostgres:DataDirectory '{dataDirectory}': {Last(init.Output)}");
            var settings = new List<string>
            {
                "", "# written by Monolith's embedded PostgreSQL launcher",
                "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "max_connections = 300",
            };
            if (!options.Durable) settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
            await File.AppendAllLinesAsync(Path.Combine(cluster, "postgresql.conf"), settings, ct);
        }
        else if (!File.Exists(passwordFile))
        {
            throw new EmbeddedPostgresException(
                $"EmbeddedPostgres:DataDirectory '{dataDirectory}' holds a cluster but not its password file; delete the folder to start afresh or point the setting elsewhere.");
        }
        password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        var pgCtl = Path.Combine(bin, "pg_ctl");
        int port;
        var status = await ProcessRunner.RunAsync(pgCtl, ["status", "-D", cluster], runAs, timeout, ct);
        var ownerFile = Path.Combine(dataDirectory, "owner.pid");
        var borrowed = false;
        if (status.ExitCode == 0 && TryReadPort(cluster, out port))
        {
            // Running: either its owner (the process that started it) is alive — e.g. the Host, while `keys create`
            // runs next to it — and we only use it, or the owner died (kill -9) and we take it over, stopping it at exit.
            if (LiveOwner(ownerFile) is { } owner)
            {
                borrowed = true;
                logger.LogInformation("Using the PostgreSQL server of process {Owner} on port {Port}; it keeps running when this process exits", owner, port);
            }
            else
            {
                logger.LogWarning("Adopting the PostgreSQL server already running on port {Port} for {Directory}", port, cluster);
            }
        }
        else
        {
            port = options.Port > 0 ? options.Port : FreePort();
            var start = await ProcessRunner.RunAsync(pgCtl,
                ["start", "-D", cluster, "-l", logFile, "-w", "-t", options.StartTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-o", $"-p {port}"], runAs, timeout + TimeSpan.FromSeconds(5), ct);
            if (start.ExitCode != 0)
            {
                var log = File.Exists(logFile) ? Last(await File.ReadAllTextAsync(logFile, ct)) : "";
                throw new EmbeddedPostgresException(
                    $"PostgreSQL did not start on 127.0.0.1:{port} (EmbeddedPostgres:Port; 0 = a free port): {Last(start.Output)} {log}".Trim());
            }
        }

        if (!borrowed) await File.WriteAllTextAsync(ownerFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var server = new EmbeddedPostgresServer(options, logger, bin, runAs, dataDirectory, port, password) { _borrowed = borrowed };
        await server.WaitUntilAcceptingAsync(timeout, ct);
        await server.EnsureDatabaseAsync(options.Database, ct);
        logger.LogInformation("Embedded PostgreSQL ready on 127.0.0.1:{Port}, data in {Directory}", port, dataDirectory);
        return server;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between the check and the create.
        }
    }

    public async Task DropDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var drop = new NpgsqlCommand(
            $"drop database if exists \"{database.Replace("\"", "", StringComparison.Ordinal)}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (_borrowed) return; // another live process started it and stops it
        NpgsqlConnection.ClearAllPools();
        var result = await ProcessRunner.RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", _options.StopTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            _runAs, TimeSpan.FromSeconds(_options.StopTimeoutSeconds + 5));
        if (result.ExitCode == 0) _logger.LogInformation("Embedded PostgreSQL on port {Port} stopped", Port);
        else _logger.LogWarning("Stopping embedded PostgreSQL failed: {Output}", Last(result.Output));
    }

    /// <summary>The process recorded as the server's owner, when it is still alive and is not this process.</summary>
    internal static int? LiveOwner(string ownerFile)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(ownerFile).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId) return null;
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task WaitUntilAcceptingAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static bool HoldsCluster(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, "pgdata", "PG_VERSION"));

    /// <summary>Can <paramref name="user"/> traverse to <paramref name="directory"/>: checked on its nearest existing
    /// ancestor (the folders created below it are created world-traversable, then handed over).</summary>
    private static async Task<bool> ReachableAsync(string user, string directory, TimeSpan timeout, CancellationToken ct)
    {
        var existing = directory;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        var probe = await ProcessRunner.RunAsync("test", ["-x", existing], user, timeout, ct);
        return probe.ExitCode == 0;
    }

    private static async Task HandOverToOsUserAsync(string user, string dataDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{user}:", dataDirectory], null, timeout, ct);
        if (chown.ExitCode != 0)
            throw new EmbeddedPostgresException(
                $"This process runs as root, and PostgreSQL refuses to run as root, so the embedded server runs as OS user '{user}' " +
                $"(EmbeddedPostgres:OsUserWhenRoot), but handing it '{dataDirectory}' failed: {Last(chown.Output)} " +
                "Create that user (apt-get install postgresql creates 'postgres') or run as a non-root user.");
        var access = await ProcessRunner.RunAsync("test", ["-w", dataDirectory, "-a", "-x", dataDirectory], user, timeout, ct);
        if (access.ExitCode != 0)
            throw new EmbeddedPostgresException(
                $"OS user '{user}' cannot reach EmbeddedPostgres:DataDirectory '{dataDirectory}' (a parent folder is not traversable). " +
                "Set EmbeddedPostgres:DataDirectory to a folder outside private home folders, e.g. /var/tmp/monolith/postgres.");
    }

    private static async Task WritePrivateFileAsync(string path, string content, string? owner, TimeSpan timeout, CancellationToken ct)
    {
        await File.WriteAllTextAsync(path, content, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (owner is not null) await ProcessRunner.RunAsync("chown", [$"{owner}:", path], null, timeout, ct);
    }

    private static bool TryReadPort(string cluster, out int port)
    {
        port = 0;
        var pidFile = Path.Combine(cluster, "postmaster.pid");
        try
        {
            // Line 4 of postmaster.pid is the port (PostgreSQL's documented layout).
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out port);
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Last(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }
}
