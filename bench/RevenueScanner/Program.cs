using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Prospect.Inbound;
using Monolith.Testing;
using Monolith.Testing.CompanySites;
using Monolith.Testing.OpenAI;
using Wolverine;

/// <summary>
/// The revenue scanner end to end: one process with the embedded PostgreSQL (the test launcher), the fixture company
/// websites (<see cref="CompanySitesServer"/>, real HTTP on 127.0.0.1) and the OpenAI chat stub; the Host in-process
/// through Alba/TestServer. Phases: cold latency (fresh tenant per round: the crawl cache is per customer and URL),
/// repeated analyses within the TTL, bulk throughput cold and warm, and LLM calls per analysis with the openai analyzer.
/// </summary>
internal static class RevenueScannerBench
{
    private const string Supplier = "brightpath-it.test";
    private static readonly string[] Slow = ["acme-dental.test"];       // /careers drips for 3 s
    private static readonly string[] Blocked = ["hostile-corp.test"];   // robots.txt disallows everything

    private static readonly Dictionary<string, string> Countries = new(StringComparer.Ordinal)
    {
        ["acme-dental.test"] = "US", ["alpen-ingenieure.test"] = "CH", ["bakkerij-devries.test"] = "NL",
        ["brightpath-it.test"] = "GB", ["hostile-corp.test"] = "US", ["lumiere-logiciel.test"] = "FR",
        ["nordlicht-logistik.test"] = "DE", ["sabores-del-sur.test"] = "ES", ["sparkle-facility.test"] = "US",
        ["villa-serena-hotels.test"] = "IT", ["brandt-beratung.test"] = "DE", ["cargolane-software.test"] = "GB", ["hydrovalve-industrie.test"] = "FR",
    };

    private static int _failures;

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var coldRounds = Arg("--cold-rounds", 5);
        var warmRepeats = Arg("--warm-repeats", 50);
        var bulkProspects = Arg("--bulk-prospects", 200);
        var bulkConcurrency = Arg("--bulk-concurrency", 4);
        var llmWarmRepeats = Arg("--llm-warm-repeats", 10);

        Console.WriteLine($"# Revenue scanner — cold rounds {coldRounds}, warm repeats {warmRepeats}, bulk {bulkProspects} prospects, Prospect:BulkConcurrency={bulkConcurrency}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MONOLITH_HOST", Path.GetFullPath("src/Host"));

        await using var sites = await CompanySitesServer.StartAsync();
        var prospects = CompanySitesServer.Hosts.Where(h => h != Supplier).ToList();
        var crawlable = prospects.Except(Blocked).ToList();

        // ================= heuristic analyzer =================
        var heuristic = await Bench.StartAsync(sites, "bench_scanner", new()
        {
            ["Prospect:BulkConcurrency"] = bulkConcurrency.ToString(CultureInfo.InvariantCulture),
            ["CompanyAnalysis:WaitTimeoutSeconds"] = "120",
        });
        await using (heuristic)
        {
            // Warm-up (code generation of every handler chain, JIT): one tenant, the supplier and one prospect.
            var warm = Stopwatch.StartNew();
            var warmupSupplier = await heuristic.SupplierAsync("warmup");
            await heuristic.ProspectAsync("warmup", "nordlicht-logistik.test", warmupSupplier.Id);
            Console.WriteLine($"warm-up (first supplier + first prospect, code generation included): {warm.Elapsed.TotalSeconds:0.0} s");

            // ---------- 1. cold latency ----------
            Console.WriteLine();
            Console.WriteLine("## 1. Cold analyses (a fresh tenant per round: empty crawl cache)");
            var cold = new List<Run>();
            var supplierIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
            for (var round = 1; round <= coldRounds; round++)
            {
                var tenant = $"cold{round}";
                var s = await heuristic.SupplierAsync(tenant);
                cold.Add(s);
                supplierIds[tenant] = s.Id;
                foreach (var host in prospects) cold.Add(await heuristic.ProspectAsync(tenant, host, s.Id));
            }
            PrintRuns(cold);
            foreach (var slowest in cold.GroupBy(r => r.Host).Select(g => g.OrderBy(r => r.Ms).ElementAt(g.Count() / 2)).OrderByDescending(r => r.Ms).Take(2))
                Console.WriteLine($"step latencies (ms) of a median cold {slowest.Host} analysis ({slowest.Ms:0} ms): {slowest.Steps}");

            // ---------- 2. repeated within the TTL ----------
            Console.WriteLine();
            Console.WriteLine($"## 2. Repeated analyses within the TTL (tenant cold1, {warmRepeats} repetitions of every URL)");
            var before = sites.TotalRequests;
            var repeated = new List<Run>();
            for (var i = 0; i < warmRepeats; i++)
            {
                repeated.Add(await heuristic.SupplierAsync("cold1"));
                foreach (var host in prospects) repeated.Add(await heuristic.ProspectAsync("cold1", host, supplierIds["cold1"]));
            }
            var fetchedWhileWarm = sites.TotalRequests - before;
            PrintRuns(repeated);
            Console.WriteLine($"page fetches during the repeated phase: {fetchedWhileWarm} (hostile-corp included: its failed crawl is not cached, but its robots.txt is)");
            Check(repeated.Where(r => !Blocked.Contains(r.Host)).All(r => r.Fetches == 0 && r.FromCache), "repeated analyses of crawlable sites fetch nothing and use the cached crawl");
            Check(repeated.All(r => r.ProviderCalls == 0 && r.LlmCalls == 0), "repeated analyses make no provider or LLM calls (analysis totals)");
            foreach (var slowest in repeated.GroupBy(r => r.Host).Select(g => g.OrderBy(r => r.Ms).ElementAt(g.Count() / 2)).OrderByDescending(r => r.Ms).Take(2))
                Console.WriteLine($"step latencies (ms) of a median repeated {slowest.Host} analysis ({slowest.Ms:0} ms): {slowest.Steps}");

            // ---------- 3. bulk ----------
            Console.WriteLine();
            var tenants = (bulkProspects + crawlable.Count - 1) / crawlable.Count;
            Console.WriteLine($"## 3. Bulk: {tenants} tenants × {crawlable.Count} crawlable prospect sites = {tenants * crawlable.Count} prospects, one bulk request per tenant, Prospect:BulkConcurrency={bulkConcurrency}");
            var bulkSuppliers = new Dictionary<string, Guid>(StringComparer.Ordinal);
            for (var t = 0; t < tenants; t++) bulkSuppliers[$"bulk{t}"] = (await heuristic.SupplierAsync($"bulk{t}")).Id;
            foreach (var label in new[] { "cold", "warm" })
            {
                var fetches = sites.TotalRequests;
                var watch = Stopwatch.StartNew();
                var batches = await Task.WhenAll(bulkSuppliers.Select(async kv =>
                    (Tenant: kv.Key, Batch: await heuristic.BulkAsync(kv.Key, kv.Value, crawlable))));
                var accepted = watch.Elapsed.TotalSeconds;
                var finished = new Dictionary<Guid, JsonElement>();
                while (finished.Count < batches.Length)
                {
                    await Task.Delay(250);
                    foreach (var (tenant, batch) in batches.Where(b => !finished.ContainsKey(b.Batch)))
                    {
                        var progress = await heuristic.GetAsync(tenant, $"/api/prospect-analyses/bulk/{batch}");
                        if (progress.GetProperty("done").GetBoolean()) finished[batch] = progress;
                    }
                    if (watch.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException("bulk did not finish within 30 minutes");
                }
                var seconds = watch.Elapsed.TotalSeconds;
                int Sum(string p) => finished.Values.Sum(v => v.GetProperty(p).GetInt32());
                var total = Sum("total");
                Console.WriteLine($"bulk {label}: {total} prospects in {seconds:0.0} s (all accepted after {accepted:0.00} s) = {total / seconds * 60:0} prospects/min; " +
                    $"completed {Sum("completed")}, partial {Sum("partial")}, failed {Sum("failed")}; page fetches {sites.TotalRequests - fetches}");
                if (label == "warm") Check(sites.TotalRequests == fetches, "a warm bulk fetches nothing");
            }
        }

        // ================= openai analyzer against the stub =================
        Console.WriteLine();
        Console.WriteLine("## 4. LLM calls per analysis (CompanyAnalysis:Analyzer=openai, the chat stub answering at once)");
        await using var stub = await OpenAIChatStub.StartAsync();
        StubAnswers.Apply(stub);
        var openai = await Bench.StartAsync(sites, "bench_scanner_llm", new()
        {
            ["CompanyAnalysis:Analyzer"] = "openai",
            ["Llm:Endpoint"] = stub.Endpoint.AbsoluteUri.TrimEnd('/'),
            ["Llm:ApiKey"] = OpenAIChatStub.Key,
            ["CompanyAnalysis:WaitTimeoutSeconds"] = "120",
        });
        await using (openai)
        {
            var llm = new List<(string Phase, Run Run, int Calls)>();
            async Task Measure(string phase, Func<Task<Run>> analysis)
            {
                var calls = stub.ChatRequestCount;
                var run = await analysis();
                llm.Add((phase, run, stub.ChatRequestCount - calls));
            }
            // cold: tenant llm-a, every site once. The LLM cache is shared by tenants, so there is no separate warm-up: the
            // first supplier and the first prospect (nordlicht) are "first use" and include each handler chain's code generation.
            Guid supplierA = default;
            await Measure("cold, first use", async () => { var r = await openai.SupplierAsync("llm-a"); supplierA = r.Id; return r; });
            await Measure("cold, first use", () => openai.ProspectAsync("llm-a", "nordlicht-logistik.test", supplierA));
            foreach (var host in prospects.Where(h => h != "nordlicht-logistik.test")) await Measure("cold", () => openai.ProspectAsync("llm-a", host, supplierA));
            for (var i = 0; i < llmWarmRepeats; i++)
            {
                await Measure("warm", () => openai.SupplierAsync("llm-a"));
                foreach (var host in prospects) await Measure("warm", () => openai.ProspectAsync("llm-a", host, supplierA));
            }
            // another customer: its crawl cache is cold, the LLM cache (provider, model, prompt version, input hash) is shared.
            Guid supplierB = default;
            await Measure("other tenant", async () => { var r = await openai.SupplierAsync("llm-b"); supplierB = r.Id; return r; });
            foreach (var host in prospects) await Measure("other tenant", () => openai.ProspectAsync("llm-b", host, supplierB));

            Console.WriteLine("| phase | site | kind | status | stub requests | llmCalls / providerCalls (analysis totals) | latency ms (median) |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var g in llm.GroupBy(x => (x.Phase, x.Run.Host)))
            {
                var calls = g.Select(x => x.Calls).Distinct().Order().ToList();
                var provider = g.Select(x => $"{x.Run.LlmCalls} / {x.Run.ProviderCalls}").Distinct().Order(StringComparer.Ordinal).ToList();
                var first = g.First().Run;
                Console.WriteLine($"| {g.Key.Phase} | {g.Key.Host} | {first.Kind} | {string.Join("/", g.Select(x => x.Run.Status).Distinct())} | {string.Join("/", calls)} | {string.Join("/", provider)} | {Percentile(g.Select(x => x.Run.Ms).ToList(), 0.5):0} |");
            }
            foreach (var phase in new[] { "cold, first use", "cold", "warm", "other tenant" })
            {
                var rows = llm.Where(x => x.Phase == phase || (phase == "cold" && x.Phase == "cold, first use")).ToList();
                var sup = rows.Where(x => x.Run.Kind == "supplier").ToList();
                var pro = rows.Where(x => x.Run.Kind == "prospect" && !Blocked.Contains(x.Run.Host)).ToList();
                if (sup.Count == 0 || pro.Count == 0) continue;
                Console.WriteLine($"{(phase == "cold" ? "cold (first use included)" : phase)}: supplier {sup.Average(x => x.Calls):0.##} calls/analysis (p50 {Percentile(sup.Select(x => x.Run.Ms).ToList(), 0.5):0} ms), " +
                    $"crawlable prospects {pro.Average(x => x.Calls):0.##} calls/analysis (p50 {Percentile(pro.Select(x => x.Run.Ms).ToList(), 0.5):0} ms, p95 {Percentile(pro.Select(x => x.Run.Ms).ToList(), 0.95):0} ms)");
            }
            Check(llm.Where(x => x.Phase is "warm" or "other tenant").All(x => x.Calls == 0), "warm openai analyses (same tenant, and another tenant's fresh crawl of the same pages) make no LLM call");
            Check(llm.Where(x => x.Phase.StartsWith("cold", StringComparison.Ordinal) && x.Run.Kind == "supplier").All(x => x.Calls == 3), "a cold supplier analysis makes 3 LLM calls");
            Check(llm.Where(x => x.Phase.StartsWith("cold", StringComparison.Ordinal) && x.Run.Kind == "prospect" && !Blocked.Contains(x.Run.Host)).All(x => x.Calls == 3), "a cold prospect analysis makes 3 LLM calls");
        }

        Console.WriteLine();
        Console.WriteLine(_failures == 0 ? "all checks passed" : $"{_failures} check(s) FAILED");
        return _failures == 0 ? 0 : 1;
    }

    private static void Check(bool condition, string what)
    {
        Console.WriteLine($"check: {what}: {(condition ? "ok" : "FAILED")}");
        if (!condition) _failures++;
    }

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static void PrintRuns(List<Run> runs)
    {
        Console.WriteLine("| site | kind | status | n | page fetches per analysis | pages in crawl | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var g in runs.GroupBy(r => r.Host).OrderBy(g => g.Key == Supplier ? "" : g.Key, StringComparer.Ordinal))
        {
            var ms = g.Select(r => r.Ms).ToList();
            var fetches = g.Select(r => r.Fetches).ToList();
            var fetchText = fetches.Min() == fetches.Max() ? $"{fetches.Min()}" : $"{fetches.Min()}–{fetches.Max()} (first {fetches[0]})";
            Console.WriteLine($"| {g.Key} | {g.First().Kind} | {string.Join("/", g.Select(r => r.Status).Distinct())} | {g.Count()} | {fetchText} | {g.First().Pages} | {Percentile(ms, 0.5):0} | {Percentile(ms, 0.95):0} | {ms.Max():0} |");
        }
        void Summary(string label, Func<Run, bool> include)
        {
            var selected = runs.Where(include).ToList();
            if (selected.Count == 0) return;
            var ms = selected.Select(r => r.Ms).ToList();
            Console.WriteLine($"{label}: n={selected.Count}, p50 {Percentile(ms, 0.5):0} ms, p95 {Percentile(ms, 0.95):0} ms, max {ms.Max():0} ms, fetches/analysis mean {selected.Average(r => r.Fetches):0.0}");
        }
        Summary("all analyses", _ => true);
        Summary("supplier (brightpath-it.test)", r => r.Kind == "supplier");
        Summary("prospects, all sites", r => r.Kind == "prospect");
        Summary("prospects without hostile-corp (robots) and acme-dental (slow /careers)", r => r.Kind == "prospect" && !Blocked.Contains(r.Host) && !Slow.Contains(r.Host));
    }

    internal sealed record Run(string Host, string Kind, Guid Id, string Status, double Ms, int Fetches, int Pages, bool FromCache, int ProviderCalls, int LlmCalls, string Steps);

    internal sealed class Bench(IAlbaHost host, string database, CompanySitesServer sites) : IAsyncDisposable
    {
        public static async Task<Bench> StartAsync(CompanySitesServer sites, string prefix, Dictionary<string, string?> settings)
        {
            var database = await TestPostgres.CreateDatabaseAsync(prefix);
            var connection = await TestPostgres.ConnectionStringAsync(database);
            foreach (var (key, value) in sites.HostAddressSettings()) settings[key] = value;
            var host = await AlbaHost.For<Program>(builder =>
            {
                builder.UseSetting("ConnectionStrings:Postgres", connection);
                // A local benchmark: development mode (loopback, no keys), no inbound rate limit.
                builder.UseSetting("Access:Mode", "Development");
                builder.UseSetting("Access:RateLimit:RequestsPerMinute", "0");
                builder.UseSetting("CritterStack:DurabilityMode", "Solo");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                builder.UseSetting("Observability:ConsoleLogFormat", "simple");
                foreach (var (key, value) in settings) builder.UseSetting(key, value);
                builder.ConfigureServices(services => services.RunWolverineInSoloMode());
            });
            return new Bench(host, database, sites);
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(database);
        }

        public async Task<Run> SupplierAsync(string tenant)
        {
            var run = await AnalyseAsync(tenant, "supplier", Supplier, "/api/supplier-analyses",
                new { url = sites.UrlOf(Supplier).AbsoluteUri, country = Countries[Supplier] });
            // The Prospect module learns the supplier's clusters from the Supplier module's contract message.
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                await using var session = store.QuerySession(tenant);
                if (await session.LoadAsync<SupplierReference>(run.Id) is { IsFinished: true }) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"no supplier reference for {run.Id} ({tenant})");
                await Task.Delay(20);
            }
            return run;
        }

        public Task<Run> ProspectAsync(string tenant, string site, Guid supplierId) =>
            AnalyseAsync(tenant, "prospect", site, "/api/prospect-analyses",
                new { url = sites.UrlOf(site).AbsoluteUri, country = Countries[site], supplierAnalysisId = supplierId });

        private async Task<Run> AnalyseAsync(string tenant, string kind, string site, string url, object body)
        {
            var fetches = sites.TotalRequests;
            var watch = Stopwatch.StartNew();
            var result = await host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl(url).QueryString("wait", "true");
                s.WithRequestHeader("X-Customer-Id", tenant);
                s.StatusCodeShouldBe(HttpStatusCode.OK);
            });
            var ms = watch.Elapsed.TotalMilliseconds;
            var a = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
            var pages = a.TryGetProperty("crawl", out var crawl) && crawl.ValueKind == JsonValueKind.Object ? crawl.GetProperty("pages").GetArrayLength() : 0;
            return new Run(site, kind, a.GetProperty("id").GetGuid(), a.GetProperty("status").GetString()!, ms, sites.TotalRequests - fetches, pages,
                a.GetProperty("crawlFromCache").GetBoolean(), a.GetProperty("totals").GetProperty("providerCalls").GetInt32(),
                a.GetProperty("totals").GetProperty("llmCalls").GetInt32(),
                string.Join(", ", a.GetProperty("steps").EnumerateArray().Select(st => $"{st.GetProperty("name").GetString()} {st.GetProperty("latencyMs").GetInt64()}")));
        }

        public async Task<Guid> BulkAsync(string tenant, Guid supplierId, IEnumerable<string> hosts)
        {
            var result = await host.Scenario(s =>
            {
                s.Post.Json(new { supplierAnalysisId = supplierId, prospects = hosts.Select(h => new { url = sites.UrlOf(h).AbsoluteUri, country = Countries[h] }).ToArray() })
                    .ToUrl("/api/prospect-analyses/bulk");
                s.WithRequestHeader("X-Customer-Id", tenant);
                s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            });
            return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("batchId").GetGuid();
        }

        public Task<JsonElement> GetAsync(string tenant, string url) => host.GetJsonAsync<JsonElement>(url, tenant);
    }
}

/// <summary>Valid structured answers per JSON schema name (evidence left empty: it may only cite pages that were sent).</summary>
internal static class StubAnswers
{
    public static void Apply(OpenAIChatStub stub)
    {
        stub.Answers["company_profile"] = """
            {"companyName":{"value":"Bench Company","confidence":0.95,"evidence":[]},
             "description":{"value":"A company.","confidence":0.8,"evidence":[]},
             "industry":{"value":{"code":"31-33","label":"Manufacturing"},"confidence":0.7,"evidence":[]},
             "country":{"value":"DE","confidence":0.9,"evidence":[]},
             "languages":{"value":["en"],"confidence":0.9,"evidence":[]},
             "logoUrl":null,"socialProfiles":null,
             "contacts":{"value":[{"kind":"address","value":"Hamburg"}],"confidence":0.5,"evidence":[]}}
            """;
        stub.Answers["value_proposition"] = """
            {"offerings":[{"value":{"name":"Managed IT","kind":"service","description":null},"confidence":0.9,"evidence":[]}],
             "differentiators":[{"value":"Fast response","confidence":0.6,"evidence":[]}],
             "industriesServed":[{"value":{"code":"31-33","label":"Manufacturing"},"confidence":0.7,"evidence":[]}],
             "customerSizeFocus":{"value":["Medium","Large"],"confidence":0.5,"evidence":[]}}
            """;
        stub.Answers["customer_clusters"] = "{\"clusters\":[" + string.Join(",", Enumerable.Range(1, 3).Select(i =>
            $$"""{"id":"c{{i}}","name":"Cluster {{i}}","industries":[{"code":"31-33","label":"Manufacturing"}],"sizeBands":["Medium"],"buyerRoles":["IT manager"],"pains":["Downtime"],"spendCategories":["43000000"],"rationale":"Needs IT."}""")) + "]}";
        stub.Answers["employee_estimate"] = """{"low":100,"high":150,"estimate":120,"confidence":0.8,"method":"stated","evidence":[]}""";
        stub.Answers["spend_categories"] = """
            {"categories":[{"code":"43000000","label":"Information Technology Broadcasting and Telecommunications","likelihood":0.8,"evidence":[]}]}
            """;
    }
}
