using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests;

/// <summary>
/// SIGTERM with uploads in flight: requests already being received complete with their answer, the process exits 0
/// within <c>CritterStack:DrainTimeoutSeconds</c> plus a margin, and after a restart every accepted document is processed.
/// </summary>
public sealed class when_the_host_gets_sigterm_with_uploads_in_flight(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Queued = 20;
    private const int Slow = 4;
    private const int FilesPerSlow = 5;
    private const int DrainSeconds = 10;
    private readonly FaultHarness _harness = new(output, "sigterm");

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task in_flight_requests_complete_the_process_exits_0_and_nothing_is_lost()
    {
        _harness.Settings["Documents__ProcessingConcurrency"] = "1";
        _harness.Settings["CritterStack__DrainTimeoutSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var run = Guid.NewGuid().ToString("N")[..8];
        var host = await _harness.StartReadyHostAsync();
        using var client = host.Client(_harness.Tenant);
        var ids = new HashSet<Guid>();

        // Warm both endpoints (first use of a handler chain compiles it), then queue a backlog.
        using (var warm = await client.PostAsync(new Uri("/api/documents/bulk", UriKind.Relative), BulkForm(run, 1000, 1)))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        for (var i = 0; i < Queued; i++)
        {
            using var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, i), $"invoice-{i}.txt"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        // Bulk uploads whose bodies are still arriving when SIGTERM comes.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Enumerable.Range(0, Slow).Select(s => new SlowContent(BulkForm(run, 100 * (s + 1), FilesPerSlow), gate.Task)).ToList();
        var clients = slow.Select(_ => host.Client(_harness.Tenant)).ToList();
        var responses = slow.Select((content, s) => clients[s].PostAsync(new Uri("/api/documents/bulk", UriKind.Relative), content)).ToList();
        await Task.WhenAll(slow.Select(c => c.Started)).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);

        var clock = Stopwatch.StartNew();
        var exit = host.TerminateAsync(TimeSpan.FromSeconds(DrainSeconds + 20));
        _harness.Log("SIGTERM sent with the bulk bodies half sent");
        await Task.Delay(1000);
        gate.SetResult();

        foreach (var task in responses)
        {
            using var response = await task;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal(FilesPerSlow, json.RootElement.GetProperty("accepted").GetInt32());
            foreach (var item in json.RootElement.GetProperty("items").EnumerateArray()) ids.Add(item.GetProperty("id").GetGuid());
        }
        _harness.Log($"in-flight requests answered {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM");
        Assert.Equal(0, await exit);
        var exitedAfter = clock.Elapsed;
        _harness.Log($"exited 0 after {exitedAfter.TotalSeconds:0.0} s");
        Assert.True(exitedAfter < TimeSpan.FromSeconds(DrainSeconds + 10), $"exit took {exitedAfter}");
        Assert.False(File.Exists(Path.Combine(_harness.Cluster, "postmaster.pid")), "PostgreSQL still running after a graceful stop");
        foreach (var c in clients) c.Dispose();

        var again = await _harness.StartReadyHostAsync();
        using var after = again.Client(_harness.Tenant);
        var restarted = Stopwatch.StartNew();
        var documents = await FaultHarness.PollAsync(() => FaultHarness.DocumentsAsync(after),
            d => d.Count >= ids.Count + 1 && d.Values.All(FaultHarness.IsFinished), TimeSpan.FromSeconds(60), "every document finished");
        _harness.Log($"all {documents.Count} finished {restarted.Elapsed.TotalSeconds:0.0} s after the restart");
        Assert.Equal(Queued + Slow * FilesPerSlow + 1, documents.Count);
        Assert.Subset(documents.Keys.ToHashSet(), ids);
        await _harness.AssertEachDocumentScoredOnceAsync(documents.Count);
    }

    private static MultipartFormDataContent BulkForm(string run, int first, int count)
    {
        var form = new MultipartFormDataContent();
        for (var i = first; i < first + count; i++)
        {
            var file = new ByteArrayContent(FaultHarness.Invoice(run, i));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "files", $"invoice-{i}.txt");
        }
        return form;
    }

    /// <summary>Sends the first half of a body, then waits for <paramref name="gate"/> before the rest.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Task _gate;
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SlowContent(HttpContent inner, Task gate)
        {
            _body = inner.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
            Headers.ContentLength = _body.Length;
            _gate = gate;
            inner.Dispose();
        }

        public Task Started => _started.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _started.TrySetResult();
            await _gate;
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
