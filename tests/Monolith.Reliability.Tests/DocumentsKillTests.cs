using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests;

/// <summary>
/// SIGKILL while a bulk ingest is being processed: after a restart on the same data folder every accepted document
/// reaches a terminal state exactly once (one decision event per stream), none is lost, none is added.
/// </summary>
public sealed class when_the_host_is_killed_mid_document_ingest(ITestOutputHelper output) : IAsyncLifetime
{
    private const int N = 60;
    private readonly FaultHarness _harness = new(output, "kill-docs");

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task every_accepted_document_is_processed_exactly_once_after_a_restart()
    {
        // One document at a time, so a backlog is certainly queued when the process dies.
        _harness.Settings["Documents__ProcessingConcurrency"] = "1";
        var run = Guid.NewGuid().ToString("N")[..8];
        var first = await _harness.StartReadyHostAsync();
        using var client = first.Client(_harness.Tenant);

        // Warm the list endpoint (its handler chain compiles on first use), so the look before the kill is quick.
        Assert.Empty(await FaultHarness.DocumentsAsync(client));
        var accepted = new ConcurrentDictionary<int, Guid>();
        // Document 0 waits for its processing, so the pipeline's handler chain is compiled and running at the kill.
        using (var warm = await client.PostAsync(new Uri("/api/documents?wait=true", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, 0), "invoice-0.txt")))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
            accepted[0] = JsonDocument.Parse(await warm.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }
        using var killed = new CancellationTokenSource();
        var killAt = N / 2;
        var killClock = new Stopwatch();
        // Three clients upload one by one; the Host is killed once half of them got their 202.
        var next = 0;
        var killing = 0;
        async Task Uploader()
        {
            while (!killed.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= N) return;
                try
                {
                    using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative),
                        FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"), killed.Token);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        accepted[i] = body.RootElement.GetProperty("id").GetGuid();
                        if (accepted.Count >= killAt && Interlocked.Exchange(ref killing, 1) == 0)
                        {
                            var before = await FaultHarness.DocumentsAsync(client);
                            _harness.Log($"killing with {accepted.Count} accepted, {before.Values.Count(FaultHarness.IsFinished)} finished");
                            first.Kill();
                            killClock.Start();
                            await killed.CancelAsync();
                        }
                    }
                    else Assert.Fail($"upload {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { return; }
            }
        }
        await Task.WhenAll(Uploader(), Uploader(), Uploader());
        Assert.True(first.HasExited);
        var acceptedBeforeKill = accepted.Count;

        // The Host dies; its PostgreSQL does not: the next start adopts it.
        var second = await _harness.StartReadyHostAsync();
        _harness.Log($"ready again {killClock.Elapsed.TotalSeconds:0.0} s after the kill");
        Assert.Contains("Adopting the PostgreSQL server", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
        using var again = second.Client(_harness.Tenant);

        // A client retries what got no 202 (also a request in flight at the kill): the same bytes are the same
        // document, so a retry of one that was stored after all is recognised, not added twice.
        for (var i = 0; i < N; i++)
        {
            if (accepted.ContainsKey(i)) continue;
            using var response = await again.PostAsync(new Uri("/api/documents", UriKind.Relative),
                FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"));
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"retry {i}: {(int)response.StatusCode}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            accepted[i] = body.RootElement.GetProperty("id").GetGuid();
        }

        var documents = await FaultHarness.PollAsync(() => FaultHarness.DocumentsAsync(again),
            d => d.Count >= N && d.Values.All(FaultHarness.IsFinished), TimeSpan.FromSeconds(60), "every document finished");
        _harness.Log($"all {N} finished {killClock.Elapsed.TotalSeconds:0.0} s after the kill");

        Assert.Equal(N, documents.Count);
        Assert.Equal(accepted.Values.Order(), documents.Keys.Order());
        foreach (var id in documents.Keys)
        {
            var types = (await FaultHarness.EventsAsync(again, $"/api/documents/{id}/events")).Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Equal(1, types.Count(t => t == "document_accepted"));
            Assert.Equal(1, types.Count(t => t == "document_scored"));
            Assert.DoesNotContain("document_processing_stopped", types);
            Assert.Equal(types.Count, types.Distinct().Count());
        }
        await _harness.AssertEachDocumentScoredOnceAsync(N, noDeadLetters: true);
        _harness.Log($"N={N}, accepted before the kill={acceptedBeforeKill}, retried after={N - acceptedBeforeKill}");
    }
}
