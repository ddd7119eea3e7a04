using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Testing;
using Npgsql;

namespace Monolith.Host.Tests.Limits;

/// <summary>A request held up by the database (a real slow path: a table lock) is cancelled and answered 504.</summary>
public sealed class SlowRequestFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Limits:RequestTimeoutSeconds"] = "1" };
}

public sealed class when_an_api_request_takes_longer_than_the_timeout(SlowRequestFixture app) : IClassFixture<SlowRequestFixture>
{
    [Fact]
    public async Task it_is_cancelled_and_answered_504_problem_naming_the_limit()
    {
        // Warm up (the first request compiles its handler and creates the tables, which may itself take over 1 s).
        for (var i = 0; i < 20; i++)
        {
            var warm = await app.Host.Scenario(s => { s.Get.Url("/api/supplier-analyses"); s.WithRequestHeader("X-Customer-Id", "slow"); s.IgnoreStatusCode(); });
            if (warm.Context.Response.StatusCode == 200) break;
        }
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        string table;
        await using (var find = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables where table_name like 'mt_doc_%supplieranalysis%' limit 1", connection))
            table = (string)(await find.ExecuteScalarAsync())!;
        await using var lockTx = await connection.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"lock table {table} in access exclusive mode", connection, lockTx))
            await lockCommand.ExecuteNonQueryAsync();

        var watch = Stopwatch.StartNew();
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/supplier-analyses"); s.WithRequestHeader("X-Customer-Id", "slow");
            s.StatusCodeShouldBe(HttpStatusCode.GatewayTimeout);
        });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"answered after {watch.Elapsed}");
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal(504, problem.GetProperty("status").GetInt32());
        Assert.Contains("longer than 1 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await lockTx.RollbackAsync();
    }
}

/// <summary>Kestrel's limits only hold on a real server: the Host as a process with small limits.</summary>
public sealed class LimitedHostFixture : IAsyncLifetime
{
    private string? _database;
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(nameof(LimitedHostFixture));
        Host = HostProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await TestPostgres.ConnectionStringAsync(_database),
            ["CritterStack__DurabilityMode"] = "Solo",
            ["Limits__MaxRequestBodyBytes"] = "65536",
            ["Limits__RequestHeadersTimeoutSeconds"] = "2",
        });
        await Host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
    }
}

public sealed class when_a_client_exceeds_the_request_limits(LimitedHostFixture fixture) : IClassFixture<LimitedHostFixture>
{
    [Fact]
    public async Task an_oversized_body_is_refused_with_413_problem_naming_the_limit()
    {
        using var client = fixture.Host.Client("limits");
        var body = "{\"url\":\"https://big.example\",\"country\":\"NL\",\"padding\":\"" + new string('x', 200_000) + "\"}";
        using var response = await client.PostAsync(new Uri("/api/supplier-analyses", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("65536", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_small_document_upload_still_fits_its_own_raised_limit()
    {
        using var client = fixture.Host.Client("limits");
        using var form = new MultipartFormDataContent();
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.4\n" + new string('x', 100_000) + "\n%%EOF\n");
        form.Add(new ByteArrayContent(bytes) { Headers = { ContentType = new("application/pdf") } }, "file", "big.pdf");
        using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), form);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task a_client_dripping_headers_is_disconnected_within_the_header_timeout()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Host.BaseAddress.Host, fixture.Host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var watch = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: localhost\r\n"));
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(buffer) > 0) { }
            }
            catch (IOException) { }
        });
        using var drip = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            for (var i = 0; !reading.IsCompleted && !drip.IsCancellationRequested; i++)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"X-Drip-{i}: a\r\n"), drip.Token);
                await Task.WhenAny(reading, Task.Delay(500, drip.Token));
            }
        }
        catch (IOException) { }
        catch (OperationCanceledException) { }
        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(reading.IsCompleted, "the connection is still open after 30 s of dripping headers");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"closed only after {watch.Elapsed} (header timeout 2 s)");
    }
}
