using System.Diagnostics;
using System.Globalization;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Analytics;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.ProviderUsage;
using Monolith.Testing;
using Wolverine;
using Wolverine.Marten;

internal static class AnalyticsQueriesBench
{
    public static async Task<int> Main(string[] args)
    {
        // Appends N Analytics observation events (per document: DocumentOutcomeObserved + ProviderUsageObserved on their own
        // streams; plus CompanyAnalysisObserved on 2,000 company streams, 10 % of N) spread over the last 30 days for one tenant,
        // lets the async projections catch up, then measures GET latencies through the in-process Host.
        var c = CultureInfo.InvariantCulture;
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], c) : fallback;
        var total = Arg("--events", 1_000_000);
        var requests = Arg("--requests", 200);
        const int BatchEvents = 2_000; // small transactions: a long one leaves a sequence gap the daemon may skip after ~5 s
        const string Tenant = "bench";
        const int Domains = 2_000;

        Console.WriteLine($"# Analytics queries — {total:N0} events, {requests} requests per endpoint");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // WebApplicationFactory looks for the Host's content root; a bench has no test manifest, so name it (run from the repo root).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MONOLITH_HOST", Path.GetFullPath("src/Host"));
        var database = await TestPostgres.CreateDatabaseAsync("bench_analytics");
        var connection = await TestPostgres.ConnectionStringAsync(database);
        await using var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", connection);
            // A local benchmark: development mode (loopback, no keys), no inbound rate limit.
            builder.UseSetting("Access:Mode", "Development");
            builder.UseSetting("Access:RateLimit:RequestsPerMinute", "0");
            builder.UseSetting("CritterStack:DurabilityMode", "Solo");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });
        var store = host.Services.GetRequiredService<IDocumentStore>();

        // ---------- append ----------
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var companyEvents = total / 10;
        var documents = (total - companyEvents) / 2;
        var append = Stopwatch.StartNew();
        var appended = 0L;
        var outcomes = new[] { DocumentOutcome.Automated, DocumentOutcome.Automated, DocumentOutcome.Automated, DocumentOutcome.NeedsReview, DocumentOutcome.Manual, DocumentOutcome.Failed };
        var departments = new[] { "finance", "sales", "ops", "hr" };
        var types = new[] { "Invoice", "Receipt", "CreditNote" };
        var models = new[] { ("openai", "gpt-4o-mini", "extract"), ("openai", "gpt-4o", "classify"), ("azure-di", "prebuilt-invoice", "analyze") };
        for (var start = 0; start < documents; start += BatchEvents / 2)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var i = start; i < Math.Min(documents, start + BatchEvents / 2); i++)
            {
                var id = Guid.CreateVersion7();
                var completed = now.AddSeconds(-random.Next(0, 30 * 24 * 3600));
                var outcome = outcomes[random.Next(outcomes.Length)];
                double? score = outcome == DocumentOutcome.Failed ? null : Math.Round(0.5 + random.NextDouble() / 2, 4);
                session.Events.Append(DocumentObservation.StreamIdFor(id), new DocumentOutcomeObserved(id, departments[i % 4], types[i % 3],
                    outcome, score, score, score, score, 1, completed.AddSeconds(-random.Next(1, 120)), completed));
                var (provider, model, step) = models[i % models.Length];
                session.Events.Append(ProviderUsageLog.StreamIdFor("document", id.ToString("N")), new ProviderUsageObserved("document",
                    id.ToString("N"), provider, model, step, random.Next(100, 4000), random.Next(10, 600), 0.001m * random.Next(1, 20),
                    random.Next(200, 8000), random.Next(10) == 0, random.Next(50) != 0, completed));
            }
            await session.SaveChangesAsync();
            appended += 2L * (Math.Min(documents, start + BatchEvents / 2) - start);
            if (appended % 50_000 == 0) Console.WriteLine($"  {appended:N0} events, {append.Elapsed.TotalSeconds:0} s");
        }
        for (var start = 0; start < companyEvents; start += BatchEvents)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var i = start; i < Math.Min(companyEvents, start + BatchEvents); i++)
            {
                var domain = $"company{i % Domains}.example";
                session.Events.Append(CompanyHistory.StreamIdFor(domain), new CompanyAnalysisObserved(domain, Guid.CreateVersion7(),
                    i % 2 == 0 ? "supplier" : "prospect", $"https://{domain}", "DE", now.AddMinutes(-i)));
            }
            await session.SaveChangesAsync();
            appended += Math.Min(companyEvents, start + BatchEvents) - start;
        }
        var appendSeconds = append.Elapsed.TotalSeconds;
        Console.WriteLine($"appended {appended:N0} events in {appendSeconds:0.0} s ({appended / appendSeconds:N0}/s, inline snapshots included)");

        // ---------- async projections ----------
        var project = Stopwatch.StartNew();
        await host.PauseThenCatchUpOnMartenDaemonActivityAsync();
        var projectSeconds = project.Elapsed.TotalSeconds;
        Console.WriteLine($"async projections caught up in {projectSeconds:0.0} s ({(documents * 2) / projectSeconds:N0} events/s)");

        await using (var query = store.QuerySession(Tenant))
        {
            Console.WriteLine($"read models: {await query.Query<AutomationBucket>().CountAsync():N0} automation buckets, " +
                $"{await query.Query<ProviderUsageDay>().CountAsync():N0} usage day rows, {await query.Query<CompanyHistory>().CountAsync():N0} company histories");
            // Every document must be counted once in both read models, or the latencies below mean little.
            var processed = (await query.Query<AutomationBucket>().Select(b => b.Processed).ToListAsync()).Sum();
            var calls = (await query.Query<ProviderUsageDay>().Select(d => d.Calls).ToListAsync()).Sum();
            Console.WriteLine($"check: {processed:N0} documents in buckets, {calls:N0} calls in usage rows, {documents:N0} documents appended");
        }

        // ---------- queries ----------
        // Every shape of the automation window: ranges, both granularities, a custom window cutting days, the filters.
        var customFrom = (now - TimeSpan.FromDays(20.3)).ToString("O", c);
        var customTo = (now - TimeSpan.FromDays(2.6)).ToString("O", c);
        var urls = new[]
        {
            "/api/analytics/automation?range=24h", "/api/analytics/automation?range=7d", "/api/analytics/automation?range=30d",
            "/api/analytics/automation?range=30d&granularity=hour", $"/api/analytics/automation?from={Uri.EscapeDataString(customFrom)}&to={Uri.EscapeDataString(customTo)}",
            "/api/analytics/automation?range=30d&department=finance", "/api/analytics/automation?range=7d&documentType=Invoice&granularity=hour",
            "/api/analytics/usage?range=30d", "/api/analytics/companies/company7.example/history",
        };
        Console.WriteLine();
        Console.WriteLine("| endpoint | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var url in urls)
        {
            for (var i = 0; i < 20; i++) await Get(url); // warm-up: code generation, JIT, plans
            var samples = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                var watch = Stopwatch.StartNew();
                await Get(url);
                samples[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(samples);
            Console.WriteLine(string.Create(c, $"| `GET {url}` | {samples[requests / 2]:0.0} | {samples[(int)(requests * 0.95)]:0.0} | {samples[^1]:0.0} |"));
        }

        await host.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(database);
        return 0;

        async Task Get(string url) => await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Customer-Id", Tenant);
        });
    }
}
