using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monolith.BuildingBlocks.Postgres;
using Monolith.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests;

/// <summary>
/// One data folder per test for the Host's embedded PostgreSQL (under the system temp folder, so the
/// <c>postgres</c> OS user can reach it when the tests run as root), Hosts started on it as processes, direct
/// access to the cluster (pg_ctl, SQL) and cleanup: whatever server is still running is stopped, the folder deleted.
/// </summary>
public sealed class FaultHarness : IAsyncDisposable
{
    private readonly List<HostProcess> _hosts = [];
    private readonly ITestOutputHelper _output;

    public FaultHarness(ITestOutputHelper output, string tenant)
    {
        _output = output;
        Tenant = tenant;
        DataDirectory = Path.Combine(Path.GetTempPath(), "monolith-reliability", Guid.NewGuid().ToString("N"));
    }

    public string DataDirectory { get; }
    public string Cluster => Path.Combine(DataDirectory, "pgdata");
    public string Tenant { get; }
    public Dictionary<string, string> Settings { get; } = new();

    /// <param name="overrides">Settings of this Host only, over <see cref="Settings"/> (e.g. one node's connection string).</param>
    public HostProcess StartHost(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["EmbeddedPostgres__DataDirectory"] = DataDirectory,
            ["CritterStack__DurabilityMode"] = "Solo",
            ["Observability__ConsoleLogFormat"] = "simple",
        };
        foreach (var (k, v) in Settings) environment[k] = v;
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>()) environment[k] = v;
        var host = HostProcess.Start(environment);
        _hosts.Add(host);
        return host;
    }

    public async Task<HostProcess> StartReadyHostAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var started = Stopwatch.StartNew();
        var host = StartHost(overrides);
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        Log($"host pid {host.ProcessId} ready in {started.Elapsed.TotalSeconds:0.0} s");
        return host;
    }

    public void Log(string line) => _output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}] {line}");

    /// <summary>The embedded server's port, from line 4 of postmaster.pid (null when it is not running).</summary>
    public int? PostgresPort()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(Cluster, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
        }
        catch (IOException) { return null; }
    }

    public string ConnectionString(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Password = File.ReadAllText(Path.Combine(DataDirectory, "password")).Trim(),
        Database = "monolith",
        Pooling = false,
    }.ConnectionString;

    public async Task<List<(T1, T2)>> QueryAsync<T1, T2>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(PostgresPort() ?? throw new InvalidOperationException("PostgreSQL is not running")));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(T1, T2)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetFieldValue<T1>(0), reader.GetFieldValue<T2>(1)));
        return rows;
    }

    /// <summary>pg_ctl on this test's cluster, as the postgres OS user when root (PostgreSQL refuses to run as root).</summary>
    public async Task<(int ExitCode, string Output)> PgCtlAsync(params string[] args)
    {
        var pgCtl = Path.Combine(PostgresBinaries.Locate(null), "pg_ctl");
        var info = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "runuser" : pgCtl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess) foreach (var a in new[] { "-u", "postgres", "--", pgCtl }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = default!;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{what} not reached within {timeout.TotalSeconds:0} s; last: {last}");
    }

    /// <summary>A small text invoice, different per <paramref name="number"/> (so never a duplicate of another).</summary>
    public static byte[] Invoice(string run, int number) => Encoding.UTF8.GetBytes($"""
        ACME Supplies GmbH
        Hauptstraße 1, 10115 Berlin
        VAT ID: DE123456789

        INVOICE
        Invoice No: INV-{run}-{number:0000}
        Invoice Date: 12.03.2024
        Due Date: 11.04.2024
        Bill to: Contoso Ltd

        Description            Qty   Unit price   Amount
        Office chairs            2       150.00   300.00
        Desk lamp                1        50.00    50.00

        Subtotal                                 350.00
        VAT 19%                                   66.50
        Total                                EUR 416.50
        """);

    public static MultipartFormDataContent Form(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent("finance"), "department");
        return form;
    }

    /// <summary>Every document of the tenant through the API (status by id).</summary>
    public static async Task<Dictionary<Guid, string>> DocumentsAsync(HttpClient client)
    {
        var result = new Dictionary<Guid, string>();
        for (var page = 1; ; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/documents?page={page}&pageSize=200", UriKind.Relative));
            var items = body.GetProperty("items");
            foreach (var item in items.EnumerateArray())
                result[item.GetProperty("id").GetGuid()] = item.GetProperty("status").GetString()!;
            if (items.GetArrayLength() < 200) return result;
        }
    }

    public static bool IsFinished(string status) => status is "Decided" or "NeedsReview" or "Failed" or "Approved" or "Rejected";

    /// <summary>The audit trail's event types of one stream (documents or analyses).</summary>
    public static async Task<List<JsonElement>> EventsAsync(HttpClient client, string url)
    {
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative));
        return [.. body.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>
    /// Exactly <paramref name="expected"/> documents of this harness's tenant were scored, each exactly once, and none
    /// stopped (failed or sent to review): every document here is a valid invoice, so a stop is a loss, not a decision.
    /// Counted in <c>mt_events</c>; optionally no dead letters.
    /// </summary>
    public async Task AssertEachDocumentScoredOnceAsync(int expected, bool noDeadLetters = false)
    {
        var events = await QueryAsync<string, long>(
            "select type, count(*) from monolith.mt_events where tenant_id = @t and type = 'document_processing_stopped' group by type",
            ("t", Tenant));
        Xunit.Assert.True(events.Count == 0, $"{events.Sum(e => e.Item2)} document(s) stopped instead of being scored");
        var scorings = await QueryAsync<Guid, long>(
            "select stream_id, count(*) from monolith.mt_events where tenant_id = @t and type = 'document_scored' group by stream_id",
            ("t", Tenant));
        Xunit.Assert.Equal(expected, scorings.Count);
        Xunit.Assert.All(scorings, d => Xunit.Assert.Equal(1, d.Item2));
        if (!noDeadLetters) return;
        var deadLetters = await DeadLettersAsync();
        Xunit.Assert.True(deadLetters.Length == 0, "dead letters:\n" + deadLetters);
    }

    /// <summary>Wolverine's dead letters: message type and exception, one line each (empty = none).</summary>
    public async Task<string> DeadLettersAsync() => string.Join("\n", (await QueryAsync<string, string>(
        "select message_type, coalesce(exception_type, '') || ': ' || coalesce(exception_message, '') from wolverine.wolverine_dead_letters"))
        .Select(r => $"{r.Item1} {r.Item2}"));

    /// <summary>What is stuck where: Wolverine's inbox by status and owner, its dead letters, the Host's error lines.</summary>
    public async Task<string> DiagnoseAsync(HostProcess? host)
    {
        var inbox = await QueryAsync<string, long>(
            "select message_type || ' ' || status || ' owner=' || owner_id || ' attempts=' || attempts, count(*) from wolverine.wolverine_incoming_envelopes group by 1");
        var lines = new List<string> { "inbox: " + string.Join("; ", inbox.Select(r => $"{r.Item1} x{r.Item2}")), "dead letters: " + await DeadLettersAsync() };
        if (host is not null)
            lines.AddRange((host.StandardOutput + host.StandardError).Split('\n')
                .Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("exception", StringComparison.OrdinalIgnoreCase))
                .TakeLast(40));
        return string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        // Last started first: a Host that started the embedded PostgreSQL stops it when it exits, and the Hosts
        // started after it (other nodes on the same server) should not shut down against a stopped server.
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            try { await host.DisposeAsync(); }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        }
        if (Directory.Exists(Cluster) && File.Exists(Path.Combine(Cluster, "postmaster.pid")))
        {
            try { await PgCtlAsync("stop", "-D", Cluster, "-m", "immediate", "-w", "-t", "30"); }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception) { }
        }
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
