using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests;

/// <summary>
/// The embedded PostgreSQL stops under a running Host and comes back: readiness follows it (503, then 200 without a
/// Host restart), documents accepted before the outage and uploads retried after it are all processed, exactly once.
/// </summary>
public sealed class when_postgres_restarts_under_a_running_host(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Before = 20;
    private const int During = 5;
    private static readonly TimeSpan OutageAtLeast = TimeSpan.FromSeconds(8);
    private readonly FaultHarness _harness = new(output, "pg-restart");

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task readiness_follows_the_database_and_nothing_accepted_is_lost()
    {
        _harness.Settings["Documents__ProcessingConcurrency"] = "1";
        var run = Guid.NewGuid().ToString("N")[..8];
        var host = await _harness.StartReadyHostAsync();
        using var client = host.Client(_harness.Tenant);
        using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        var accepted = new Dictionary<int, Guid>();
        for (var i = 0; i < Before; i++)
        {
            using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted[i] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }

        var port = _harness.PostgresPort() ?? throw new InvalidOperationException("no postmaster.pid");
        var stop = await _harness.PgCtlAsync("stop", "-D", _harness.Cluster, "-m", "fast", "-w", "-t", "30");
        Assert.True(stop.ExitCode == 0, stop.Output);
        var outage = Stopwatch.StartNew();
        _harness.Log("PostgreSQL stopped");

        await FaultHarness.PollAsync(async () => (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode,
            s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20), "/health/ready 503");
        _harness.Log($"not ready after {outage.Elapsed.TotalSeconds:0.0} s");

        // Uploads during the outage are refused (never a 202 that was not stored).
        for (var i = Before; i < Before + During; i++)
        {
            try
            {
                using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"));
                Assert.True((int)response.StatusCode >= 500, $"upload during the outage answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }

        // Keep the server down for a while (longer than the first few in-place retries of an in-flight message).
        if (outage.Elapsed < OutageAtLeast) await Task.Delay(OutageAtLeast - outage.Elapsed);
        var start = await _harness.PgCtlAsync("start", "-D", _harness.Cluster, "-l", Path.Combine(_harness.DataDirectory, "postgres.log"),
            "-w", "-t", "60", "-o", $"-p {port}");
        Assert.True(start.ExitCode == 0, start.Output);
        _harness.Log($"PostgreSQL started again after {outage.Elapsed.TotalSeconds:0.0} s");
        var restarted = Stopwatch.StartNew();

        await FaultHarness.PollAsync(async () => (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/health/ready 200");
        _harness.Log($"ready again {restarted.Elapsed.TotalSeconds:0.0} s after PostgreSQL came back");
        Assert.False(host.HasExited);

        // The client retries what was refused.
        for (var i = Before; i < Before + During; i++)
        {
            var index = i;
            var response = await FaultHarness.PollAsync(
                () => client.PostAsync(new Uri("/api/documents", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, index), $"invoice-{index}.txt")),
                r => r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, TimeSpan.FromSeconds(20), $"retry of upload {i}");
            accepted[i] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }

        Dictionary<Guid, string> documents;
        try
        {
            documents = await FaultHarness.PollAsync(() => FaultHarness.DocumentsAsync(client),
                d => d.Count >= Before + During && d.Values.All(FaultHarness.IsFinished), TimeSpan.FromSeconds(60), "every document finished");
        }
        catch (TimeoutException e)
        {
            var statuses = (await FaultHarness.DocumentsAsync(client)).GroupBy(d => d.Value).Select(g => $"{g.Key} x{g.Count()}");
            throw new TimeoutException($"{e.Message}\nstatuses: {string.Join(", ", statuses)}\n{await _harness.DiagnoseAsync(host)}", e);
        }
        _harness.Log($"all {documents.Count} finished {restarted.Elapsed.TotalSeconds:0.0} s after PostgreSQL came back");

        Assert.Equal(accepted.Values.Order(), documents.Keys.Order());
        await _harness.AssertEachDocumentScoredOnceAsync(Before + During, noDeadLetters: true);
    }
}
