using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monolith.Testing;
using Monolith.Testing.CompanySites;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests.SustainedLoad;

/// <summary>
/// A sustained mixed load on one real Host process for minutes (<c>MONOLITH_LOAD_SECONDS</c>, default 180: at 120 s the middle third still falls in the warm-up climb): paced document
/// uploads (single and bulk), supplier and prospect analyses against the fixture company sites (cold URLs and repeated,
/// cached ones) and dashboard queries, all at once. Asserted: no 5xx, no unexpected 4xx, no transport error; every accepted
/// document and analysis reaches a terminal state after the load; no dead letters; the Host's memory (RSS and the GC heap
/// after collections) flat after the warm-up. Rates and latencies are written to the test output (docs/reliability.md §5).
/// </summary>
public sealed class when_the_host_carries_a_sustained_mixed_load(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] ProspectSites =
        ["acme-dental.test", "alpen-ingenieure.test", "bakkerij-devries.test", "lumiere-logiciel.test",
         "nordlicht-logistik.test", "sabores-del-sur.test", "sparkle-facility.test", "villa-serena-hotels.test", "hostile-corp.test"];
    private static readonly string[] SupplierSites = ["brightpath-it.test", "lumiere-logiciel.test", "nordlicht-logistik.test"];
    private static readonly string[] UnfinishedDocuments = ["Received", "TextRead", "Classified", "Extracted", "Validated"];

    private readonly FaultHarness _harness = new(output, "sustained-load");
    private readonly ConcurrentQueue<Sample> _requests = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private CompanySitesServer _sites = null!;

    public async Task InitializeAsync() => _sites = await CompanySitesServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _sites.DisposeAsync();
    }

    [Fact]
    public async Task it_stays_error_free_drains_everything_and_keeps_its_memory_flat()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("MONOLITH_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) && s >= 30 ? s : 180;
        var duration = TimeSpan.FromSeconds(seconds);
        foreach (var (key, value) in _sites.HostAddressSettings()) _harness.Settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        var host = await _harness.StartReadyHostAsync();
        using var client = host.Client(_harness.Tenant);
        var run = Guid.NewGuid().ToString("N")[..8];

        // Warm-up (not measured): a supplier with clusters the Prospect module knows, a prospect, both companies' history.
        using var supplier = await client.PostAsJsonAsync(new Uri("/api/supplier-analyses?wait=true", UriKind.Relative),
            new { url = _sites.UrlOf("brightpath-it.test").ToString(), country = "GB" });
        Assert.Equal(HttpStatusCode.OK, supplier.StatusCode);
        var supplierId = (await supplier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await FaultHarness.PollAsync(async () =>
        {
            using var probe = await client.PostAsJsonAsync(new Uri("/api/prospect-analyses?wait=true", UriKind.Relative),
                new { url = _sites.UrlOf("nordlicht-logistik.test").ToString(), country = "DE", supplierAnalysisId = supplierId });
            return probe.StatusCode;
        }, c => c == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "a prospect finished");
        string[] historyDomains = ["brightpath-it.test", "nordlicht-logistik.test"];
        foreach (var domain in historyDomains)
        {
            await FaultHarness.PollAsync(async () =>
            {
                using var history = await client.GetAsync(new Uri($"/api/analytics/companies/{domain}/history", UriKind.Relative));
                return history.StatusCode;
            }, c => c == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"{domain}'s history");
        }
        using (var warm = await client.PostAsync(new Uri("/api/documents?wait=true", UriKind.Relative), FaultHarness.Form(FaultHarness.Invoice(run, 0), "invoice-0.txt")))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        _harness.Log($"warm-up done; load for {duration.TotalSeconds:0} s");

        var documents = new ConcurrentBag<Guid>();
        var suppliers = new ConcurrentBag<Guid>();
        var prospects = new ConcurrentBag<Guid>();
        var memory = new ConcurrentQueue<MemorySample>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        var number = 0;

        // Paced (open loop) at a rate the Host sustains on two cores beside the analyses: 2 uploaders × 4/s, every 10th a bulk of 5.
        async Task Uploader()
        {
            var tick = 0;
            await foreach (var _ in Paced(TimeSpan.FromMilliseconds(250), stop.Token))
            {
                if (++tick % 10 == 0)
                {
                    using var form = new MultipartFormDataContent();
                    for (var i = 0; i < 5; i++)
                    {
                        var n = Interlocked.Increment(ref number);
                        var file = new ByteArrayContent(FaultHarness.Invoice(run, n));
                        form.Add(file, "files", $"invoice-{n}.txt");
                    }
                    form.Add(new StringContent("finance"), "department");
                    var body = await SendAsync("upload-bulk", HttpStatusCode.OK, () => client.PostAsync(new Uri("/api/documents/bulk", UriKind.Relative), form));
                    if (body is not { } b) continue;
                    foreach (var item in b.GetProperty("items").EnumerateArray())
                    {
                        if (item.GetProperty("outcome").GetString() == "accepted") documents.Add(item.GetProperty("id").GetGuid());
                        else _failures.Enqueue($"bulk item {item}");
                    }
                }
                else
                {
                    var n = Interlocked.Increment(ref number);
                    var body = await SendAsync("upload", HttpStatusCode.Accepted, () => client.PostAsync(new Uri("/api/documents", UriKind.Relative),
                        FaultHarness.Form(FaultHarness.Invoice(run, n), $"invoice-{n}.txt")));
                    if (body is { } b) documents.Add(b.GetProperty("id").GetGuid());
                }
            }
        }

        // One supplier analysis every 6 s, one prospect analysis every 1.5 s; every other one a URL seen before (crawl cached).
        async Task Analyst(string kind, string list, TimeSpan interval, string[] sites, Func<Uri, object> request, ConcurrentBag<Guid> accepted)
        {
            var i = 0;
            await foreach (var _ in Paced(interval, stop.Token))
            {
                var site = sites[i % sites.Length];
                var path = i++ % 2 == 0 ? "/" : $"/?load={run}-{i}";
                var body = await SendAsync($"{kind} ({(path == "/" ? "warm" : "cold")})", HttpStatusCode.Accepted, () =>
                    client.PostAsJsonAsync(new Uri(list, UriKind.Relative), request(_sites.UrlOf(site, path))));
                if (body is { } b) accepted.Add(b.GetProperty("id").GetGuid());
            }
        }

        // Two dashboard users, each a query every 250 ms, round the dashboard's screens.
        (string Kind, string Url)[] queries =
        [
            ("GET /api/analytics/automation", "/api/analytics/automation?range=24h"),
            ("GET /api/analytics/usage", "/api/analytics/usage?range=24h"),
            ("GET /api/documents", "/api/documents?page=1&pageSize=50"),
            ("GET /api/documents/review-queue", "/api/documents/review-queue"),
            ("GET /api/analytics/companies/{domain}/history", $"/api/analytics/companies/{historyDomains[0]}/history"),
            ("GET /api/supplier-analyses", "/api/supplier-analyses?page=1&pageSize=50"),
            ("GET /", "/"),
            ("GET /api/analytics/companies/{domain}/history", $"/api/analytics/companies/{historyDomains[1]}/history"),
        ];
        async Task DashboardUser(int offset)
        {
            var i = offset;
            await foreach (var _ in Paced(TimeSpan.FromMilliseconds(250), stop.Token))
            {
                var (kind, url) = queries[i++ % queries.Length];
                await SendAsync(kind, HttpStatusCode.OK, () => client.GetAsync(new Uri(url, UriKind.Relative)), readJson: false);
            }
        }

        async Task Sampler()
        {
            await foreach (var _ in Paced(TimeSpan.FromSeconds(2), stop.Token))
            {
                try { memory.Enqueue(new MemorySample(clock.Elapsed, ResidentBytes(host.ProcessId), await GcHeapBytesAsync(client))); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { _failures.Enqueue($"memory sample: {e.Message}"); }
            }
        }

        await Task.WhenAll(Uploader(), Uploader(),
            Analyst("supplier", "/api/supplier-analyses", TimeSpan.FromSeconds(6), SupplierSites, url => new { url = url.ToString(), country = "GB" }, suppliers),
            Analyst("prospect", "/api/prospect-analyses", TimeSpan.FromMilliseconds(1500), ProspectSites,
                url => new { url = url.ToString(), country = "DE", supplierAnalysisId = supplierId }, prospects),
            DashboardUser(0), DashboardUser(3), Sampler());
        var loadTime = clock.Elapsed;
        var backlog = await CountAsync(client, "/api/documents", UnfinishedDocuments);
        _harness.Log($"load over after {loadTime.TotalSeconds:0.0} s: {_requests.Count} requests, {documents.Count} documents, "
            + $"{suppliers.Count} supplier and {prospects.Count} prospect analyses accepted; {backlog} documents still queued");

        // Drain: every accepted item terminal (a deadline, polled), the totals exactly what was accepted (+ the warm-up's).
        var lastLog = Stopwatch.StartNew();
        (long Documents, long Suppliers, long Prospects) drain;
        try
        {
            drain = await FaultHarness.PollAsync(async () =>
                {
                    var counts = (Documents: await CountAsync(client, "/api/documents", UnfinishedDocuments),
                        Suppliers: (await AnalysesAsync(client, "/api/supplier-analyses")).Count(a => !IsFinishedAnalysis(a)),
                        Prospects: (await AnalysesAsync(client, "/api/prospect-analyses")).Count(a => !IsFinishedAnalysis(a)));
                    if (lastLog.Elapsed > TimeSpan.FromSeconds(15)) { _harness.Log($"draining: {counts}"); lastLog.Restart(); }
                    return counts;
                },
                d => d is (0, 0, 0), TimeSpan.FromSeconds(120) + duration / 2, "every accepted item finished");
        }
        catch (TimeoutException)
        {
            foreach (var list in new[] { "/api/documents", "/api/supplier-analyses", "/api/prospect-analyses" })
            {
                var statuses = list == "/api/documents" ? UnfinishedDocuments : ["Requested", "Running"];
                var breakdown = new List<string>();
                foreach (var status in statuses) breakdown.Add($"{status}={await CountAsync(client, list, status)}");
                _harness.Log($"{list}: {string.Join(", ", breakdown)}, total={await CountAsync(client, list)}");
            }
            _harness.Log(await _harness.DiagnoseAsync(host));
            Report(duration, loadTime, clock.Elapsed, documents.Count, suppliers.Count, prospects.Count, memory.ToList(), host);
            throw;
        }
        var drained = clock.Elapsed;
        _harness.Log($"drained {(drained - loadTime).TotalSeconds:0.0} s after the load: {drain}");
        Assert.Equal(documents.Count + 1, await CountAsync(client, "/api/documents"));
        await _harness.AssertEachDocumentScoredOnceAsync(documents.Count + 1);
        var supplierList = await AnalysesAsync(client, "/api/supplier-analyses");
        var prospectList = await AnalysesAsync(client, "/api/prospect-analyses");
        Assert.Equal(suppliers.Count + 1, supplierList.Count);
        Assert.True(prospectList.Count >= prospects.Count + 1);
        Assert.True(suppliers.All(supplierList.ContainsKey) && prospects.All(prospectList.ContainsKey));
        _harness.Log("supplier analyses " + string.Join(", ", supplierList.Values.GroupBy(a => a).Select(g => $"{g.Key}={g.Count()}"))
            + "; prospect analyses " + string.Join(", ", prospectList.Values.GroupBy(a => a).Select(g => $"{g.Key}={g.Count()}")));
        _harness.Log($"phantom rows (an analysis of the other kind listed with no domain, docs/reliability.md §5): supplier list "
            + $"{await CountAsync(client, "/api/supplier-analyses") - supplierList.Count}, prospect list {await CountAsync(client, "/api/prospect-analyses") - prospectList.Count}");
        var deadLetters = await _harness.DeadLettersAsync();

        Report(duration, loadTime, drained, documents.Count, suppliers.Count, prospects.Count, memory.ToList(), host);
        var verdict = MemoryVerdict(memory.ToList());
        Assert.True(deadLetters.Length == 0, "dead letters:\n" + deadLetters);
        Assert.True(_failures.IsEmpty, "failures:\n" + string.Join('\n', _failures.Take(30)));
        Assert.True(verdict is null, verdict);
    }

    /// <summary>Ticks every <paramref name="interval"/> from now until cancelled; late ticks are not made up in a burst.</summary>
    private static async IAsyncEnumerable<int> Paced(TimeSpan interval, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            yield return i;
            next += interval;
            var wait = next - clock.Elapsed;
            if (wait < TimeSpan.Zero) next = clock.Elapsed;
            else
            {
                try { await Task.Delay(wait, ct); }
                catch (OperationCanceledException) { yield break; }
            }
        }
    }

    /// <summary>One request, timed and counted by status; a status other than <paramref name="expected"/> (429 aside) or a transport error is a failure.</summary>
    private async Task<JsonElement?> SendAsync(string kind, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send, bool readJson = true)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            _requests.Enqueue(new Sample(kind, (int)response.StatusCode, elapsed.TotalMilliseconds));
            if (response.StatusCode == expected) return readJson ? JsonDocument.Parse(text).RootElement.Clone() : null;
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                _failures.Enqueue($"{kind}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            _requests.Enqueue(new Sample(kind, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            _failures.Enqueue($"{kind}: {e.GetType().Name} {e.Message}");
            return null;
        }
    }

    /// <summary>The list endpoint's <c>total</c>, over the given statuses (summed) or all.</summary>
    private static async Task<long> CountAsync(HttpClient client, string list, params string[] statuses)
    {
        if (statuses.Length == 0) return (await client.GetFromJsonAsync<JsonElement>(new Uri($"{list}?pageSize=1", UriKind.Relative))).GetProperty("total").GetInt64();
        long total = 0;
        foreach (var status in statuses)
            total += (await client.GetFromJsonAsync<JsonElement>(new Uri($"{list}?status={status}&pageSize=1", UriKind.Relative))).GetProperty("total").GetInt64();
        return total;
    }

    /// <summary>
    /// Every analysis of a list (status by id), leaving out the phantom rows: the other module's analyses, projected into
    /// this one's snapshot through the event types both share, with no domain (docs/reliability.md §5, open).
    /// </summary>
    private static async Task<Dictionary<Guid, string>> AnalysesAsync(HttpClient client, string list)
    {
        var result = new Dictionary<Guid, string>();
        for (var page = 1; ; page++)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>(new Uri($"{list}?page={page}&pageSize=200", UriKind.Relative))).GetProperty("items");
            foreach (var item in items.EnumerateArray().Where(i => i.GetProperty("domain").GetString() is { Length: > 0 }))
                result[item.GetProperty("id").GetGuid()] = item.GetProperty("status").GetString()!;
            if (items.GetArrayLength() < 200) return result;
        }
    }

    private static bool IsFinishedAnalysis(KeyValuePair<Guid, string> a) => a.Value is "Completed" or "Partial" or "Failed";

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The managed heap after the last GC: <c>dotnet_gc_last_collection_heap_size_bytes</c> summed over the generations.</summary>
    private static async Task<long> GcHeapBytesAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n').Where(l => l.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Flat = the last third's median not more than max(10 %, 48 MiB) (RSS) or max(15 %, 32 MiB) (GC heap) above the second
    /// third's; the first third is the warm-up (handler chains compiled, pools and caches filled). Null when flat.
    /// </summary>
    private static string? MemoryVerdict(List<MemorySample> samples)
    {
        var (second, last) = Thirds(samples);
        var problems = new List<string>();
        Check("RSS", second.Select(s => s.Rss), last.Select(s => s.Rss), 0.10, 48);
        Check("GC heap", second.Select(s => s.GcHeap), last.Select(s => s.GcHeap), 0.15, 32);
        return problems.Count == 0 ? null : string.Join("; ", problems);

        void Check(string what, IEnumerable<long> before, IEnumerable<long> after, double share, int mebibytes)
        {
            var (b, a) = (Median(before), Median(after));
            var allowed = Math.Max(b * share, mebibytes * 1024.0 * 1024);
            if (a - b > allowed) problems.Add($"{what} grew from {Mib(b)} to {Mib(a)} MiB (allowed +{Mib(allowed)})");
        }
    }

    private static (List<MemorySample> Second, List<MemorySample> Last) Thirds(List<MemorySample> samples)
    {
        var third = samples.Count / 3;
        return (samples.Skip(third).Take(third).ToList(), samples.Skip(2 * third).ToList());
    }

    private void Report(TimeSpan duration, TimeSpan loadTime, TimeSpan drained, int documents, int suppliers, int prospects, List<MemorySample> memory, HostProcess host)
    {
        var minutes = loadTime.TotalMinutes;
        _harness.Log($"load {duration.TotalSeconds:0} s; drained after {drained.TotalSeconds:0.0} s; 2 uploaders, 1 supplier and 1 prospect analyst, 2 dashboard users");
        _harness.Log("| kind | requests | req/s | statuses | p50 ms | p95 ms | max ms |");
        foreach (var group in _requests.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ms = group.Select(r => r.Milliseconds).Order().ToList();
            var statuses = string.Join(" ", group.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "transport" : g.Key)}×{g.Count()}"));
            _harness.Log($"| {group.Key} | {ms.Count} | {ms.Count / loadTime.TotalSeconds:0.00} | {statuses} | {Percentile(ms, 0.50):0} | {Percentile(ms, 0.95):0} | {ms[^1]:0} |");
        }
        _harness.Log($"429s: {_requests.Count(r => r.Status == 429)}; failures: {_failures.Count}");
        _harness.Log($"accepted per minute of load: documents {documents / minutes:0}, supplier analyses {suppliers / minutes:0.0}, prospect analyses {prospects / minutes:0.0}; "
            + $"processed per minute (load start → all drained): documents {documents / drained.TotalMinutes:0}, analyses {(suppliers + prospects) / drained.TotalMinutes:0.0}");
        foreach (var m in memory.Where((_, i) => i % 5 == 0).Append(memory[^1]))
            _harness.Log($"memory t={m.At.TotalSeconds:0} s RSS {Mib(m.Rss):0} MiB, GC heap {Mib(m.GcHeap):0} MiB");
        var (second, last) = Thirds(memory);
        _harness.Log($"median RSS second third {Mib(Median(second.Select(m => m.Rss))):0} MiB, last third {Mib(Median(last.Select(m => m.Rss))):0} MiB; "
            + $"GC heap {Mib(Median(second.Select(m => m.GcHeap))):0} → {Mib(Median(last.Select(m => m.GcHeap))):0} MiB; "
            + $"RSS slope after the warm-up {Slope(memory.Skip(memory.Count / 3).ToList()):0.0} MiB/min; peak RSS {Mib(memory.Max(m => m.Rss)):0} MiB");
        var errors = (host.StandardOutput + host.StandardError).Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        _harness.Log($"Host log: {errors.Count} fail/crit lines");
        foreach (var line in errors.Take(10)) _harness.Log("  " + line[..Math.Min(line.Length, 400)]);
    }

    private static double Slope(List<MemorySample> samples)
    {
        if (samples.Count < 2) return 0;
        var (mx, my) = (samples.Average(s => s.At.TotalMinutes), samples.Average(s => Mib(s.Rss)));
        var covariance = samples.Sum(s => (s.At.TotalMinutes - mx) * (Mib(s.Rss) - my));
        var variance = samples.Sum(s => Math.Pow(s.At.TotalMinutes - mx, 2));
        return variance == 0 ? 0 : covariance / variance;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    private static double Median(IEnumerable<long> values) => values.Select(v => (double)v).Order().ToList() is { Count: > 0 } l ? l[l.Count / 2] : 0;
    private static double Mib(double bytes) => bytes / (1024 * 1024);

    private sealed record Sample(string Kind, int Status, double Milliseconds);
    private sealed record MemorySample(TimeSpan At, long Rss, long GcHeap);
}
