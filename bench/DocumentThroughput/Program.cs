using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentThroughput;

// Throughput and latency of document processing against a running Host (see bench/document-throughput.sh).
//   dotnet DocumentThroughput.dll --base-url http://127.0.0.1:5198 [--documents 2000] [--uploaders 16]
//     [--latency-seconds 60] [--latency-fraction 0.5] [--host-pid PID] [--timeout-seconds 900] [--label TEXT]
// 1. Throughput: N unique one-page PDF invoices uploaded by a bounded number of concurrent uploaders, then polled
//    until every one is finished (Decided, NeedsReview or Failed).
// 2. Latency: a paced open-loop run at a fraction of the measured throughput, each upload with ?wait=true.
var options = Options.Parse(args);
if (Array.IndexOf(args, "--write-sample") is var sample and >= 0 && sample + 1 < args.Length)
{
    await File.WriteAllBytesAsync(args[sample + 1], Invoices.Create("sample", 1)); // to look at what is uploaded
    return 0;
}
var c = CultureInfo.InvariantCulture;
var baseUri = new Uri(options.BaseUrl);
if (!baseUri.IsLoopback) { Console.Error.WriteLine("Only loopback hosts are measured."); return 2; }

using var handler = new SocketsHttpHandler
{
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    MaxConnectionsPerServer = options.MaxInFlight + 16,
    AutomaticDecompression = DecompressionMethods.None,
    UseProxy = false,
};
using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };
var deadline = Stopwatch.StartNew();
bool TimeLeft() => deadline.Elapsed.TotalSeconds < options.TimeoutSeconds;
var run = Convert.ToHexString(Guid.NewGuid().ToByteArray()[..4]).ToLowerInvariant();

Console.WriteLine($"# Document throughput — {options.Label}");
Console.WriteLine(Machine.Describe());
Console.WriteLine($"base {baseUri}, documents {options.Documents}, uploaders {options.Uploaders}, run {run}");

// Warm-up (not measured): compiles the endpoint and handler chains (Dynamic code generation) and JITs the pipeline.
var warmTenant = $"bench-{run}-warm";
var warm = Enumerable.Range(0, 8).Select(i => Invoices.Create(run + "w", i)).ToArray();
await Parallel.ForEachAsync(warm, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (pdf, ct) =>
{
    using var response = await Api.Upload(http, warmTenant, pdf, wait: true, ct);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"warm-up upload answered {(int)response.StatusCode}");
});

// ---------- 1. Throughput ----------
var generate = Stopwatch.StartNew();
var pdfs = new byte[options.Documents][];
Parallel.For(0, options.Documents, i => pdfs[i] = Invoices.Create(run, i));
Console.WriteLine($"generated {pdfs.Length} PDFs in {generate.Elapsed.TotalSeconds:0.0} s, {pdfs.Average(p => p.Length):0} bytes on average");

var tenant = $"bench-{run}";
var ids = new Guid[options.Documents];
var uploadMs = new double[options.Documents];
var uploadFailures = 0;
var next = -1;
var cpuStart = CpuSampler.Sample(options.HostPid);
var clock = Stopwatch.StartNew();
var firstUploadAt = DateTimeOffset.UtcNow;
string? topDuringRun = null;

var counts = new FinishedCounts();
counts.Expect(options.Documents);
using var pollStop = new CancellationTokenSource();
var poller = Task.Run(async () =>
{
    while (!pollStop.IsCancellationRequested)
    {
        try
        {
            await counts.Refresh(http, tenant, clock.Elapsed, pollStop.Token);
            if (counts.FinishedAt is not null) return;
        }
        catch (OperationCanceledException) { return; }
        catch (HttpRequestException) { }
        try { await Task.Delay(options.PollMs, pollStop.Token); } catch (OperationCanceledException) { return; }
    }
});

var uploaders = Enumerable.Range(0, options.Uploaders).Select(_ => Task.Run(async () =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < options.Documents && TimeLeft())
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await Api.Upload(http, tenant, pdfs[i], wait: false, CancellationToken.None);
            uploadMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Accepted) { Interlocked.Increment(ref uploadFailures); continue; }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            ids[i] = body.RootElement.GetProperty("id").GetGuid();
        }
        catch (HttpRequestException) { Interlocked.Increment(ref uploadFailures); }
        catch (TaskCanceledException) { Interlocked.Increment(ref uploadFailures); }
    }
})).ToArray();
await Task.WhenAll(uploaders);
var uploadSeconds = clock.Elapsed.TotalSeconds;
var finishedWhenUploaded = counts.Finished;
var uploaded = ids.Count(id => id != Guid.Empty);
counts.Expect(uploaded);

// A snapshot of top half-way through the processing that remains, as evidence of who uses the CPU.
while (counts.Finished < uploaded && TimeLeft() && !poller.IsCompleted)
{
    if (topDuringRun is null && counts.Finished > uploaded / 2) topDuringRun = CpuSampler.Top();
    await Task.Delay(50);
}
await pollStop.CancelAsync();
await poller;
var observedFinishedSeconds = counts.FinishedAt?.TotalSeconds ?? clock.Elapsed.TotalSeconds;
var cpuThroughput = CpuSampler.Between(cpuStart, CpuSampler.Sample(options.HostPid));
topDuringRun ??= CpuSampler.Top();

// Exact times from the API (server clock): first receivedAt, last completedAt, per-document status.
var views = new ConcurrentBag<Api.DocumentTimes>();
await Parallel.ForEachAsync(ids.Where(id => id != Guid.Empty), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
{
    if (await Api.Get(http, tenant, id, ct) is { } view) views.Add(view);
});
var finished = views.Where(v => v.IsFinished).ToList();
var serverFirst = finished.Count > 0 ? finished.Min(v => v.ReceivedAt) : firstUploadAt;
var serverLast = finished.Count > 0 ? finished.Max(v => v.CompletedAt ?? v.ReceivedAt) : firstUploadAt;
var serverSeconds = (serverLast - serverFirst).TotalSeconds;
var docsPerMinute = serverSeconds > 0 ? finished.Count / serverSeconds * 60 : 0;
var clientDocsPerMinute = observedFinishedSeconds > 0 ? finished.Count / observedFinishedSeconds * 60 : 0;
var byStatus = finished.GroupBy(v => v.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
var measuredUploads = uploadMs.Where(ms => ms > 0).ToArray();
var throughputLatency = finished.Select(v => v.ProcessingMs).ToArray();
// Processing rate once uploads stopped competing for the CPU: documents finished after the last upload / time.
var drainSeconds = observedFinishedSeconds - uploadSeconds;
var drainRate = drainSeconds > 1 ? (finished.Count - finishedWhenUploaded) / drainSeconds * 60 : double.NaN;

Console.WriteLine();
Console.WriteLine("## 1. Throughput");
Console.WriteLine($"uploaded {uploaded}/{options.Documents} in {uploadSeconds:0.0} s ({uploaded / uploadSeconds:0.0} uploads/s), {uploadFailures} failed; " +
                  $"upload latency p50 {Stats.Percentile(measuredUploads, 50):0} ms, p95 {Stats.Percentile(measuredUploads, 95):0} ms, p99 {Stats.Percentile(measuredUploads, 99):0} ms");
Console.WriteLine($"finished {finished.Count} ({Stats.Format(byStatus)}); {finishedWhenUploaded} were finished when the last upload returned");
Console.WriteLine($"server: first receivedAt → last completedAt {serverSeconds:0.0} s = {docsPerMinute:0} documents/min; " +
                  $"client: first upload → all observed finished {observedFinishedSeconds:0.0} s = {clientDocsPerMinute:0} documents/min");
Console.WriteLine($"after the uploads: {drainRate:0} documents/min; receivedAt→completedAt under this load p50 {Stats.Percentile(throughputLatency, 50):0} ms, p95 {Stats.Percentile(throughputLatency, 95):0} ms");
Console.WriteLine($"cpu (avg over the phase, % of one core): {cpuThroughput}");
Console.WriteLine("top while processing:");
Console.WriteLine(topDuringRun);

// ---------- 2. Latency at a fraction of the throughput ----------
LatencyResult? latency = null;
if (options.LatencySeconds > 0 && docsPerMinute > 0 && TimeLeft())
{
    var rate = options.LatencyRate ?? docsPerMinute * options.LatencyFraction / 60; // documents per second
    var count = Math.Max(1, (int)Math.Round(rate * options.LatencySeconds));
    var paced = new byte[count][];
    Parallel.For(0, count, i => paced[i] = Invoices.Create(run + "p", i));
    var pacedTenant = $"bench-{run}-paced";
    var serverMs = new ConcurrentBag<double>();
    var clientMs = new ConcurrentBag<double>();
    var pacedStatus = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
    var lateStarts = 0;
    var refused = 0;
    var errors = 0;
    using var inFlight = new SemaphoreSlim(options.MaxInFlight);
    var tasks = new List<Task>(count);
    var cpuPacedStart = CpuSampler.Sample(options.HostPid);
    var start = Stopwatch.GetTimestamp();
    var interval = 1.0 / rate;
    for (var i = 0; i < count && TimeLeft(); i++)
    {
        var due = TimeSpan.FromSeconds(i * interval);
        var wait = due - Stopwatch.GetElapsedTime(start);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        else if (wait < TimeSpan.FromMilliseconds(-50)) lateStarts++;
        if (!inFlight.Wait(0)) { refused++; continue; } // open loop: never wait for the system, count what could not be sent
        var pdf = paced[i];
        tasks.Add(Task.Run(async () =>
        {
            try
            {
                var sent = Stopwatch.GetTimestamp();
                var view = await Api.UploadAndWait(http, pacedTenant, pdf, CancellationToken.None);
                if (view is null) { Interlocked.Increment(ref errors); return; }
                clientMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                serverMs.Add(view.ProcessingMs);
                pacedStatus.AddOrUpdate(view.Status, 1, (_, n) => n + 1);
            }
            catch (HttpRequestException) { Interlocked.Increment(ref errors); }
            catch (TaskCanceledException) { Interlocked.Increment(ref errors); }
            finally { inFlight.Release(); }
        }));
    }
    var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    await Task.WhenAll(tasks);
    var cpuPaced = CpuSampler.Between(cpuPacedStart, CpuSampler.Sample(options.HostPid));
    latency = new LatencyResult(rate * 60, tasks.Count, sendSeconds, serverMs.ToArray(), clientMs.ToArray(),
        new Dictionary<string, int>(pacedStatus, StringComparer.Ordinal), lateStarts, refused, errors, cpuPaced);

    Console.WriteLine();
    Console.WriteLine($"## 2. Latency at {rate * 60:0} documents/min ({options.LatencyFraction:P0} of {docsPerMinute:0}), open loop, {options.LatencySeconds} s");
    Console.WriteLine($"sent {tasks.Count} in {sendSeconds:0.0} s ({lateStarts} late by > 50 ms, {refused} not sent: {options.MaxInFlight} in flight), {errors} errors; {Stats.Format(latency.Status)}");
    Console.WriteLine($"server receivedAt→completedAt p50 {Stats.Percentile(latency.ServerMs, 50):0} ms, p95 {Stats.Percentile(latency.ServerMs, 95):0} ms, p99 {Stats.Percentile(latency.ServerMs, 99):0} ms, max {latency.ServerMs.DefaultIfEmpty().Max():0} ms");
    Console.WriteLine($"client upload→finished answer (?wait=true) p50 {Stats.Percentile(latency.ClientMs, 50):0} ms, p95 {Stats.Percentile(latency.ClientMs, 95):0} ms, p99 {Stats.Percentile(latency.ClientMs, 99):0} ms");
    Console.WriteLine($"cpu (avg, % of one core): {cpuPaced}");
}

// ---------- 3. Markdown ----------
Console.WriteLine();
Console.WriteLine("## Markdown");
Console.WriteLine();
Console.WriteLine("| setting | documents | uploads/s | upload p50 / p95 (ms) | documents/min (first upload → last decision) | Decided / NeedsReview / Failed | CPU host / postgres / client / other (%) | paced rate (docs/min) | decision latency p50 / p95 / p99 (ms) | client wall p50 / p95 / p99 (ms) | CPU paced host / postgres / other (%) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
string Triple(double[] values) => values.Length == 0 ? "–" :
    string.Create(c, $"{Stats.Percentile(values, 50):0} / {Stats.Percentile(values, 95):0} / {Stats.Percentile(values, 99):0}");
var row = string.Create(c, $"| {options.Label} | {finished.Count} | {uploaded / uploadSeconds:0.0} | {Stats.Percentile(measuredUploads, 50):0} / {Stats.Percentile(measuredUploads, 95):0} | ")
    + string.Create(c, $"**{docsPerMinute:0}** | {byStatus.GetValueOrDefault("Decided")} / {byStatus.GetValueOrDefault("NeedsReview")} / {byStatus.GetValueOrDefault("Failed")} | ")
    + string.Create(c, $"{cpuThroughput.Host:0} / {cpuThroughput.Postgres:0} / {cpuThroughput.Client:0} / {cpuThroughput.Other:0} | ")
    + (latency is null ? "– | – | – | – |" : string.Create(c,
        $"{latency.RatePerMinute:0} | {Triple(latency.ServerMs)} | {Triple(latency.ClientMs)} | {latency.Cpu.Host:0} / {latency.Cpu.Postgres:0} / {latency.Cpu.Other:0} |"));
Console.WriteLine(row);
return finished.Count == options.Documents ? 0 : 1;

namespace DocumentThroughput
{
    internal sealed record LatencyResult(double RatePerMinute, int Sent, double SendSeconds, double[] ServerMs, double[] ClientMs,
        Dictionary<string, int> Status, int LateStarts, int Refused, int Errors, CpuUse Cpu);

    internal sealed record Options(string BaseUrl, int Documents, int Uploaders, int LatencySeconds, double LatencyFraction,
        double? LatencyRate, int? HostPid, int TimeoutSeconds, string Label, int PollMs, int MaxInFlight)
    {
        public static Options Parse(string[] args)
        {
            string? Get(string name)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            }
            int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var rate = Get("--latency-rate");
            var pid = Get("--host-pid");
            return new Options(
                Get("--base-url") ?? "http://127.0.0.1:5080",
                Math.Clamp(Int("--documents", 2000), 1, 100_000),
                Math.Clamp(Int("--uploaders", 16), 1, 256),
                Math.Clamp(Int("--latency-seconds", 60), 0, 3600),
                Get("--latency-fraction") is { } f ? double.Parse(f, CultureInfo.InvariantCulture) : 0.5,
                rate is null ? null : double.Parse(rate, CultureInfo.InvariantCulture) / 60,
                pid is null ? null : int.Parse(pid, CultureInfo.InvariantCulture),
                Math.Clamp(Int("--timeout-seconds", 900), 10, 7200),
                Get("--label") ?? "default",
                Math.Clamp(Int("--poll-ms", 500), 50, 10_000),
                Math.Clamp(Int("--max-in-flight", 256), 1, 4096));
        }
    }

    /// <summary>How many of the run's documents are finished, from the list endpoint's totals per final status.</summary>
    internal sealed class FinishedCounts
    {
        private static readonly string[] Final = ["Decided", "NeedsReview", "Failed"];
        private volatile int _finished;
        public int Finished => _finished;
        public TimeSpan? FinishedAt { get; private set; }
        private volatile int _target = int.MaxValue;

        public async Task Refresh(HttpClient http, string tenant, TimeSpan now, CancellationToken ct)
        {
            var total = 0L;
            foreach (var status in Final)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents?status={status}&pageSize=1");
                request.Headers.Add("X-Customer-Id", tenant);
                using var response = await http.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                total += body.RootElement.GetProperty("total").GetInt64();
            }
            _finished = (int)total;
            if (total >= _target && FinishedAt is null) FinishedAt = now;
        }

        public void Expect(int target) => _target = target;
    }

    internal static class Api
    {
        internal sealed record DocumentTimes(Guid Id, string Status, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt, double ProcessingMs)
        {
            public bool IsFinished => Status is "Decided" or "NeedsReview" or "Failed";

            public static DocumentTimes From(JsonElement e) => new(
                e.GetProperty("id").GetGuid(), e.GetProperty("status").GetString() ?? "",
                e.GetProperty("receivedAt").GetDateTimeOffset(),
                e.GetProperty("completedAt").ValueKind == JsonValueKind.Null ? null : e.GetProperty("completedAt").GetDateTimeOffset(),
                e.GetProperty("processingMs").ValueKind == JsonValueKind.Number ? e.GetProperty("processingMs").GetDouble() : double.NaN);
        }

        private static readonly string[] Departments = ["finance", "purchasing", "logistics"];
        private static int _upload;

        public static Task<HttpResponseMessage> Upload(HttpClient http, string tenant, byte[] pdf, bool wait, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _upload);
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", $"invoice-{n}.pdf");
            form.Add(new StringContent(Departments[n % Departments.Length]), "department");
            form.Add(new StringContent("wholesale"), "industry");
            var request = new HttpRequestMessage(HttpMethod.Post, wait ? "/api/documents?wait=true" : "/api/documents") { Content = form };
            request.Headers.Add("X-Customer-Id", tenant);
            return SendAndDispose(http, request, ct);
        }

        private static async Task<HttpResponseMessage> SendAndDispose(HttpClient http, HttpRequestMessage request, CancellationToken ct)
        {
            using (request) return await http.SendAsync(request, ct);
        }

        public static async Task<DocumentTimes?> Get(HttpClient http, string tenant, Guid id, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}");
            request.Headers.Add("X-Customer-Id", tenant);
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return null;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return DocumentTimes.From(body.RootElement);
        }

        /// <summary>Uploads with <c>?wait=true</c>; if the Host answers 202 (its wait timed out), polls until finished.</summary>
        public static async Task<DocumentTimes?> UploadAndWait(HttpClient http, string tenant, byte[] pdf, CancellationToken ct)
        {
            Guid id;
            using (var response = await Upload(http, tenant, pdf, wait: true, ct))
            {
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted)) return null;
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                if (response.StatusCode == HttpStatusCode.OK) return DocumentTimes.From(body.RootElement);
                id = body.RootElement.GetProperty("id").GetGuid();
            }
            for (var attempt = 0; attempt < 600; attempt++)
            {
                await Task.Delay(100, ct);
                if (await Get(http, tenant, id, ct) is { IsFinished: true } view) return view;
            }
            return null;
        }
    }

    internal static class Stats
    {
        public static double Percentile(double[] values, double p)
        {
            var finite = values.Where(double.IsFinite).Order().ToArray();
            if (finite.Length == 0) return double.NaN;
            var rank = p / 100 * (finite.Length - 1);
            var lo = (int)Math.Floor(rank);
            var hi = (int)Math.Ceiling(rank);
            return finite[lo] + (finite[hi] - finite[lo]) * (rank - lo);
        }

        public static string Format(IReadOnlyDictionary<string, int> byStatus) =>
            string.Join(", ", byStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
    }

    internal static class Machine
    {
        public static string Describe()
        {
            if (!OperatingSystem.IsLinux()) return $"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}";
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
            var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            var memGiB = long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
            return string.Create(CultureInfo.InvariantCulture,
                $"machine: nproc {Environment.ProcessorCount}, memory {memGiB:0.0} GiB, CPU {model}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        }
    }
}
