using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Monolith.Analytics.Features.ProviderUsage;
using Monolith.Documents.Contracts;
using Monolith.Testing;
using Wolverine;
using Wolverine.Marten;

namespace Monolith.Host.Tests;

internal static class UsageApi
{
    public static DocumentProcessed WithCalls(DocumentProcessed message, params ProviderCallSummary[] calls) =>
        message with { ProviderCalls = calls };

    public static ProviderCallSummary Call(string provider, string operation, string? model, int input, int output, decimal cost,
        long ms, bool succeeded = true, bool cacheHit = false) =>
        new(provider, operation, model, input, output, cost, ms, cacheHit, succeeded);

    public static async Task<JsonElement> GetAsync(IAlbaHost host, string query, string tenant)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/usage?" + query);
            s.WithRequestHeader("X-Customer-Id", tenant);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}

public class when_provider_usage_is_recorded(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Window = "from=2026-01-10T00:00:00Z&to=2026-01-12T00:00:00Z";

    [Fact]
    public async Task rows_per_day_provider_model_and_step_with_totals_counted_once_and_rebuildable()
    {
        var first = UsageApi.WithCalls(AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 10),
            UsageApi.Call("openai", "extract", "gpt-4o-mini", 1000, 200, 0.0012m, 800),
            UsageApi.Call("azure-di", "analyze", "prebuilt-invoice", 0, 0, 0.01m, 2500, succeeded: false));
        var second = UsageApi.WithCalls(AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 9, 0),
            UsageApi.Call("openai", "extract", "gpt-4o-mini", 3000, 400, 0.0030m, 1200, cacheHit: true));
        await AutomationApi.DeliverAsync(app.Host, "usage-co", first, second, first); // the repeat is a redelivery
        // An older message without provider calls still deserialises and counts no usage.
        await AutomationApi.DeliverAsync(app.Host, "usage-co", AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 10, 0));

        var live = await UsageApi.GetAsync(app.Host, Window, "usage-co");
        var rows = live.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var openai = rows.Single(r => r.GetProperty("provider").GetString() == "openai");
        Assert.Equal("2026-01-10", openai.GetProperty("day").GetString());
        Assert.Equal("gpt-4o-mini", openai.GetProperty("model").GetString());
        Assert.Equal("extract", openai.GetProperty("step").GetString());
        Assert.Equal(2, openai.GetProperty("calls").GetInt64());
        Assert.Equal(1, openai.GetProperty("cacheHits").GetInt64());
        Assert.Equal(0.5, openai.GetProperty("cacheHitRate").GetDouble());
        Assert.Equal(4000, openai.GetProperty("inputTokens").GetInt64());
        Assert.Equal(600, openai.GetProperty("outputTokens").GetInt64());
        Assert.Equal(0.0042m, openai.GetProperty("estimatedCostUsd").GetDecimal());
        Assert.Equal(0, openai.GetProperty("failures").GetInt64());
        Assert.Equal(0, openai.GetProperty("ungrounded").GetInt64()); // a document extraction cites no pages
        Assert.InRange(openai.GetProperty("p95LatencyMs").GetDouble(), 1000, 2000);

        var totals = live.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("calls").GetInt64());
        Assert.Equal(1, totals.GetProperty("failures").GetInt64());
        Assert.Equal(0.0142m, totals.GetProperty("estimatedCostUsd").GetDecimal());
        Assert.Equal(["calls", "cacheHits", "cacheHitRate", "inputTokens", "outputTokens", "estimatedCostUsd", "failures", "p95LatencyMs", "ungrounded"],
            totals.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["from", "to", "rows", "totals"], live.EnumerateObject().Select(p => p.Name));

        var filtered = await UsageApi.GetAsync(app.Host, Window + "&provider=azure-di", "usage-co");
        Assert.Equal(1, filtered.GetProperty("totals").GetProperty("calls").GetInt64());
        var other = await UsageApi.GetAsync(app.Host, Window, "someone-else");
        Assert.Equal(0, other.GetProperty("totals").GetProperty("calls").GetInt64());

        // The rebuilt read model equals the live one.
        await app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/analytics/projections/{ProviderUsageProjection.ProjectionName}/rebuild");
            // A rebuild replays every tenant: an admin of the platform tenant (the default one) asks for it.
        });
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();
        Assert.Equal(live.GetRawText(), (await UsageApi.GetAsync(app.Host, Window, "usage-co")).GetRawText());
    }

    [Fact]
    public async Task other_sources_record_through_the_analytics_command_once()
    {
        var command = new RecordProviderUsage("supplier-analysis", "a-1", new DateTimeOffset(2026, 1, 11, 9, 0, 0, TimeSpan.Zero),
            [new UsageItem("openai", "gpt-4o", "profile", 500, 100, 0.02m, 3000, false, true)]);
        await app.Host.ExecuteAndTrackAsync(() => app.Host.MessageBus().InvokeForTenantAsync("cmd-co", command));
        await app.Host.ExecuteAndTrackAsync(() => app.Host.MessageBus().InvokeForTenantAsync("cmd-co", command));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        var usage = await UsageApi.GetAsync(app.Host, Window + "&step=profile", "cmd-co");
        var row = Assert.Single(usage.GetProperty("rows").EnumerateArray());
        Assert.Equal("2026-01-11", row.GetProperty("day").GetString());
        Assert.Equal(1, row.GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task p95_of_steps_taking_5_to_30_ms_is_within_a_few_percent_of_the_exact_value()
    {
        // Integer milliseconds as the events carry them; the coarse buckets answered 475 ms here.
        var latencies = Enumerable.Range(0, 400).Select(i => 5L + i * 7 % 26).ToList();
        var items = latencies.Select(ms => new UsageItem("heuristic", null, "fast-step", 0, 0, 0m, ms, false, true)).ToList();
        await app.Host.ExecuteAndTrackAsync(() => app.Host.MessageBus().InvokeForTenantAsync("fast-co",
            new RecordProviderUsage("supplier-analysis", "fast-1", new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero), items)));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        var exact = latencies.Order().ElementAt((int)Math.Ceiling(0.95 * latencies.Count) - 1);
        var usage = await UsageApi.GetAsync(app.Host, Window + "&step=fast-step", "fast-co");
        var row = Assert.Single(usage.GetProperty("rows").EnumerateArray());
        Assert.Equal(400, row.GetProperty("calls").GetInt64());
        Assert.InRange(row.GetProperty("p95LatencyMs").GetDouble(), exact * 0.97, exact * 1.03);
        Assert.InRange(usage.GetProperty("totals").GetProperty("p95LatencyMs").GetDouble(), exact * 0.97, exact * 1.03);
    }

    [Fact]
    public async Task a_row_stored_before_the_fine_histogram_still_reads_from_its_coarse_counts()
    {
        var legacy = Monolith.Analytics.Features.AutomationMetrics.LatencyBuckets.Empty();
        legacy[Monolith.Analytics.Features.AutomationMetrics.LatencyBuckets.IndexOf(TimeSpan.FromSeconds(1.5))] = 3; // (1, 2 s]
        var day = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        await using (var session = app.Store.LightweightSession("legacy-co"))
        {
            session.Store(new ProviderUsageDay
            {
                Id = "2026-01-10|openai|-|old-step", Day = day, Provider = "openai", Step = "old-step", Calls = 3, LatencyCounts = legacy,
            });
            await session.SaveChangesAsync();
        }
        // As an older version wrote it: no "latencies" member at all.
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var find = new Npgsql.NpgsqlCommand(
                "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables where table_name = 'mt_doc_providerusageday'", connection);
            var table = (string)(await find.ExecuteScalarAsync())!;
            await using var strip = new Npgsql.NpgsqlCommand($"update {table} set data = data - 'latencies' - 'Latencies' where id = '2026-01-10|openai|-|old-step' and tenant_id = 'legacy-co'", connection);
            Assert.Equal(1, await strip.ExecuteNonQueryAsync());
        }

        var usage = await UsageApi.GetAsync(app.Host, Window + "&step=old-step", "legacy-co");
        var row = Assert.Single(usage.GetProperty("rows").EnumerateArray());
        Assert.InRange(row.GetProperty("p95LatencyMs").GetDouble(), 1500 * 0.99, 1500 * 1.01); // the slot's midpoint
    }

    [Theory]
    [InlineData("range=1y", "range")]
    [InlineData("from=yesterday", "from")]
    [InlineData("range=7d&from=2026-01-01", "range")]
    public async Task bad_parameters_are_a_400_naming_the_parameter(string query, string parameter)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/usage?" + query);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}

public class when_thresholds_are_tried_out(AppFixture app) : IClassFixture<AppFixture>
{
    private static DocumentProcessed Scored(string decision, double confidence, double completeness, double validation, double automation,
        int hour, string department = "finance") =>
        AutomationApi.Processed(department, "Invoice", decision == "NeedsReview" ? "NeedsReview" : "Decided", decision, hour, 0) with
        {
            ConfidenceScore = confidence, CompletenessScore = completeness, ValidationScore = validation, AutomationScore = automation,
        };

    private async Task<(IScenarioResult Result, JsonElement Body)> WhatIf(object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/analytics/automation/what-if");
            s.WithRequestHeader("X-Customer-Id", "whatif-co");
            s.StatusCodeShouldBe(expected);
        });
        return (result, JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task lower_thresholds_give_the_replayed_rate_next_to_the_actual_one_and_nothing_is_appended()
    {
        await AutomationApi.DeliverAsync(app.Host, "whatif-co",
            Scored("Automated", 0.95, 1.0, 1.0, 0.98, 8),
            Scored("NeedsReview", 0.80, 1.0, 1.0, 0.92, 9),
            Scored("NeedsReview", 0.88, 0.9, 1.0, 0.91, 10),
            Scored("Manual", 0.3, 0.5, 0.5, 0.42, 11),
            AutomationApi.Processed("finance", "Invoice", "Failed", null, 11, 30),
            Scored("NeedsReview", 0.5, 1.0, 1.0, 0.8, 9, department: "sales"));

        long EventCount()
        {
            using var query = app.Store.QuerySession("whatif-co");
            return query.Events.QueryAllRawEvents().CountAsync().GetAwaiter().GetResult();
        }
        var before = EventCount();

        var (_, body) = await WhatIf(new
        {
            from = "2026-01-10T00:00:00Z", to = "2026-01-11T00:00:00Z", department = "finance",
            thresholds = new { confidenceThreshold = 0.75, completenessThreshold = 0.9, automationThreshold = 0.9 },
        });
        Assert.Equal(5, body.GetProperty("documents").GetInt64());
        var actual = body.GetProperty("actual");
        var whatIf = body.GetProperty("whatIf");
        Assert.Equal((1L, 2L, 1L, 1L), (actual.GetProperty("automated").GetInt64(), actual.GetProperty("needsReview").GetInt64(),
            actual.GetProperty("manual").GetInt64(), actual.GetProperty("failed").GetInt64()));
        Assert.Equal((3L, 0L, 1L, 1L), (whatIf.GetProperty("automated").GetInt64(), whatIf.GetProperty("needsReview").GetInt64(),
            whatIf.GetProperty("manual").GetInt64(), whatIf.GetProperty("failed").GetInt64()));
        Assert.Equal(0.2, actual.GetProperty("automationRate").GetDouble(), 9);
        Assert.Equal(0.6, whatIf.GetProperty("automationRate").GetDouble(), 9);
        Assert.Equal(2, body.GetProperty("changed").GetInt64());

        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();
        Assert.Equal(before, EventCount());
    }

    [Fact]
    public async Task out_of_range_or_inconsistent_thresholds_are_a_400_naming_the_field()
    {
        var (_, body) = await WhatIf(new { thresholds = new { confidenceThreshold = 1.5 } }, HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("thresholds.confidenceThreshold", out _));
        (_, body) = await WhatIf(new { thresholds = new { manualInterventionThreshold = 0.9, automationThreshold = 0.5 } }, HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("thresholds.manualInterventionThreshold", out _));
        (_, body) = await WhatIf(new { range = "2w" }, HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("range", out _));
    }

    [Theory]
    [InlineData("""{"thresholds":{"automation":0.8}}""", "thresholds.automation", "automationThreshold")]
    [InlineData("""{"rnage":"7d"}""", "rnage", "range")]
    [InlineData("""{"thresholds":{"automationThreshold":"high"}}""", "thresholds.automationThreshold", "a number")]
    [InlineData("""{"thresholds":{"confidenceWeight":[1]}}""", "thresholds.confidenceWeight", "a number")]
    [InlineData("""{"thresholds":0.9}""", "thresholds", "an object")]
    [InlineData("""{"from":20260101}""", "from", "a string")]
    [InlineData("""{"thresholds":{"automationThreshold":1e400}}""", "thresholds.automationThreshold", "between 0 and 1")]
    [InlineData("""{"thresholds":{"validationThreshold":-0.1}}""", "thresholds.validationThreshold", "between 0 and 1")]
    [InlineData("""{"thresholds":""", "body", "not valid JSON")]
    public async Task unknown_fields_and_wrong_types_are_a_400_naming_the_field(string json, string field, string message)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl("/api/analytics/automation/what-if");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader("X-Customer-Id", "whatif-co");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.GetRawText());
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_body_read_strictly_is_still_documented_in_openapi()
    {
        using var document = JsonDocument.Parse(await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync());
        var body = document.RootElement.GetProperty("paths").GetProperty("/api/analytics/automation/what-if").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("thresholds", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task field_names_are_matched_like_every_other_body_ignoring_case()
    {
        var (_, body) = await WhatIf(JsonDocument.Parse("""{"Range":"7d","THRESHOLDS":{"AutomationThreshold":0.95}}""").RootElement);
        Assert.Equal(0.95, body.GetProperty("thresholds").GetProperty("automationThreshold").GetDouble());
    }
}

public class when_a_rescore_revises_a_decision(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Query = "from=2026-01-10T00:00:00Z&to=2026-01-11T00:00:00Z";

    [Fact]
    public async Task the_document_moves_between_outcomes_and_totals_still_count_it_once()
    {
        var processed = AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 10);
        var other = AutomationApi.Processed("finance", "Invoice", "NeedsReview", "NeedsReview", 9, 0);
        await AutomationApi.DeliverAsync(app.Host, "rescore-co", processed, other);

        var revised = new DocumentDecisionRevised(processed.DocumentId, "Automated", "NeedsReview", "NeedsReview", 0.8, "v2",
            Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        foreach (var message in new[] { revised, revised }) // the repeat is a redelivery
            await app.Host.ExecuteAndTrackAsync(() => app.Host.MessageBus().InvokeForTenantAsync("rescore-co", message));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        var totals = (await AutomationApi.GetAsync(app.Host, Query, "rescore-co")).Totals;
        Assert.Equal((2L, 0L, 2L), (totals.Processed, totals.Automated, totals.NeedsReview));
        Assert.Equal(totals.Processed, totals.Automated + totals.NeedsReview + totals.Manual + totals.Failed);

        // And back again with another settings version.
        await app.Host.ExecuteAndTrackAsync(() => app.Host.MessageBus().InvokeForTenantAsync("rescore-co",
            revised with { PreviousDecision = "NeedsReview", Decision = "Automated", Status = "Decided", SettingsVersion = "v3" }));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();
        totals = (await AutomationApi.GetAsync(app.Host, Query, "rescore-co")).Totals;
        Assert.Equal((2L, 1L, 1L), (totals.Processed, totals.Automated, totals.NeedsReview));
    }
}
