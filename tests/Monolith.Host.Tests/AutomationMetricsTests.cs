using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;
using Monolith.Testing;
using Wolverine;
using Wolverine.Marten;

namespace Monolith.Host.Tests;

internal static class AutomationApi
{
    public sealed record Latency(double? AverageSeconds, double? P50Seconds, double? P95Seconds, double? MaxSeconds);
    public sealed record Metrics(long? Received, long Processed, long Automated, long NeedsReview, long Manual, long Failed, double? AutomationRate,
        long RemoteCalls, Latency Latency, long Reviewed, long Approved, long Rejected, long CorrectedFields);
    public sealed record Point(DateTimeOffset Start, Metrics Metrics);
    public sealed record Response(DateTimeOffset From, DateTimeOffset To, string Granularity, string? Department, double Goal,
        bool? GoalMet, Metrics Totals, List<Point> Series);

    public static readonly DateTimeOffset Day = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    public static DocumentProcessed Processed(string department, string type, string status, string? decision, int hour, int minute,
        double latencySeconds = 2, int remoteCalls = 0)
    {
        var completed = Day.AddHours(hour).AddMinutes(minute);
        double? score = status == "Failed" ? null : 0.9;
        return new DocumentProcessed(Guid.CreateVersion7(), status, type, decision, score, score, score, score, remoteCalls,
            department, null, status == "Failed" ? "unreadable" : null, completed.AddSeconds(-latencySeconds), completed);
    }

    public static async Task DeliverAsync(IAlbaHost host, string tenant, params DocumentProcessed[] messages)
    {
        foreach (var message in messages)
            await host.ExecuteAndTrackAsync(() => host.MessageBus().PublishForTenantAsync(tenant, message));
        // The bucket projection runs Async: let the daemon catch up before reading.
        await host.PauseThenCatchUpOnMartenDaemonActivityAsync();
    }

    public static Task<Response> GetAsync(IAlbaHost host, string query, string tenant) =>
        host.GetJsonAsync<Response>("/api/analytics/automation?" + query, tenant);
}

/// <summary>One host, seeded once: several outcomes for two departments and two tenants, one delivered twice.</summary>
public class TwoTenantsFixture : AppFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var first = AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 10, latencySeconds: 1.5, remoteCalls: 1);
        await AutomationApi.DeliverAsync(Host, "acme",
            first,
            AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 20),
            AutomationApi.Processed("finance", "Invoice", "NeedsReview", "NeedsReview", 9, 5, latencySeconds: 40),
            AutomationApi.Processed("sales", "Receipt", "Decided", "Automated", 9, 30, remoteCalls: 2),
            AutomationApi.Processed("sales", "Receipt", "Failed", null, 10, 15),
            first); // delivered twice: counted once
        await AutomationApi.DeliverAsync(Host, "globex",
            AutomationApi.Processed("finance", "Invoice", "Decided", "Manual", 8, 30));

        var receipt = new DocumentReceived(Guid.CreateVersion7(), "application/pdf", 100, "finance", null, AutomationApi.Day.AddHours(8).AddMinutes(5));
        DocumentReceived[] receipts = [receipt, receipt,
            new(Guid.CreateVersion7(), "application/pdf", 100, "finance", null, AutomationApi.Day.AddHours(8).AddMinutes(6)),
            new(Guid.CreateVersion7(), "text/plain", 100, "sales", null, AutomationApi.Day.AddHours(9))];
        foreach (var r in receipts)
            await Host.ExecuteAndTrackAsync(() => Host.MessageBus().PublishForTenantAsync("acme", r));

        var review = new DocumentReviewCompleted(Guid.CreateVersion7(), true, 2, "Invoice", "finance", AutomationApi.Day.AddHours(11));
        for (var delivery = 0; delivery < 2; delivery++)
            await Host.ExecuteAndTrackAsync(() => Host.MessageBus().PublishForTenantAsync("acme", review));
        await Host.PauseThenCatchUpOnMartenDaemonActivityAsync();
    }
}

public class when_documents_are_processed_for_two_tenants(TwoTenantsFixture app) : IClassFixture<TwoTenantsFixture>
{
    private const string Window = "from=2026-01-10T08:00:00Z&to=2026-01-10T12:00:00Z";

    [Fact]
    public async Task totals_rate_goal_and_hourly_series_count_each_document_once()
    {
        var metrics = await AutomationApi.GetAsync(app.Host, Window + "&granularity=hour", "acme");

        Assert.Equal((5L, 3L, 1L, 0L, 1L), (metrics.Totals.Processed, metrics.Totals.Automated, metrics.Totals.NeedsReview,
            metrics.Totals.Manual, metrics.Totals.Failed));
        Assert.Equal(0.6, metrics.Totals.AutomationRate!.Value, 9);
        Assert.Equal(0.9, metrics.Goal);
        Assert.False(metrics.GoalMet);
        Assert.Equal(3, metrics.Totals.RemoteCalls);
        Assert.Equal(4, metrics.Series.Count);
        Assert.Equal([2L, 2L, 1L, 0L], metrics.Series.Select(p => p.Metrics.Processed));
        Assert.InRange(metrics.Totals.Latency.P50Seconds!.Value, 1, 2);
        Assert.Equal(40, metrics.Totals.Latency.MaxSeconds);
    }

    [Fact]
    public async Task a_review_is_counted_once_in_the_hour_it_was_completed()
    {
        var metrics = await AutomationApi.GetAsync(app.Host, Window, "acme");
        Assert.Equal((1L, 1L, 0L, 2L), (metrics.Totals.Reviewed, metrics.Totals.Approved, metrics.Totals.Rejected,
            metrics.Totals.CorrectedFields));
        Assert.Equal(1, metrics.Series[3].Metrics.Reviewed);
        Assert.Equal(0, metrics.Series[3].Metrics.Processed);
    }

    [Fact]
    public async Task received_documents_are_counted_once_per_department_and_hour_but_not_per_type()
    {
        var all = await AutomationApi.GetAsync(app.Host, Window, "acme");
        Assert.Equal(3, all.Totals.Received);
        Assert.Equal([2L, 1L, 0L, 0L], all.Series.Select(p => p.Metrics.Received!.Value));
        Assert.Equal(2, (await AutomationApi.GetAsync(app.Host, Window + "&department=finance", "acme")).Totals.Received);
        Assert.Null((await AutomationApi.GetAsync(app.Host, Window + "&documentType=Invoice", "acme")).Totals.Received);
        Assert.Equal(0, (await AutomationApi.GetAsync(app.Host, Window, "globex")).Totals.Received);
    }

    [Fact]
    public async Task the_department_filter_and_daily_granularity_merge_hours()
    {
        var metrics = await AutomationApi.GetAsync(app.Host, "from=2026-01-10&to=2026-01-11&granularity=day&department=Finance", "acme");

        Assert.Equal("day", metrics.Granularity);
        var point = Assert.Single(metrics.Series);
        Assert.Equal(AutomationApi.Day, point.Start);
        Assert.Equal(3, point.Metrics.Processed);
        Assert.Equal(2.0 / 3, metrics.Totals.AutomationRate!.Value, 9);
    }

    [Fact]
    public async Task the_other_tenant_sees_only_its_own_numbers()
    {
        var metrics = await AutomationApi.GetAsync(app.Host, Window, "globex");
        Assert.Equal((1L, 0L, 1L), (metrics.Totals.Processed, metrics.Totals.Automated, metrics.Totals.Manual));
        Assert.Equal(0, metrics.Totals.AutomationRate);

        var nobody = await AutomationApi.GetAsync(app.Host, Window, "initech");
        Assert.Equal(0, nobody.Totals.Processed);
        Assert.Null(nobody.Totals.AutomationRate);
        Assert.Null(nobody.GoalMet);
    }

    [Theory]
    [InlineData(Window + "&granularity=hour")]
    [InlineData("from=2026-01-10T09:00:00Z&to=2026-01-12T00:00:00Z&granularity=day")]
    [InlineData("from=2026-01-09T06:00:00Z&to=2026-01-10T10:00:00Z&granularity=hour&department=FINANCE")]
    [InlineData("from=2026-01-08&to=2026-01-11&documentType=receipt")]
    public async Task the_answer_is_what_summing_every_hour_bucket_in_memory_gives(string window)
    {
        var answer = await app.Host.GetJsonAsync<JsonElement>("/api/analytics/automation?" + window, "acme");

        Assert.True(AutomationQuery.TryCreate(Q("from"), Q("to"), Q("department"), Q("documentType"), Q("granularity"), null,
            DateTimeOffset.UtcNow, out var query, out _));
        await using var session = app.Host.DocumentStore().QuerySession("acme");
        var hours = await session.Query<AutomationBucket>().Where(b => b.HourStart >= query.From && b.HourStart < query.To).ToListAsync();
        var (totals, series) = AutomationSeries.Build(hours.Where(query.Matches), query.From, query.To, query.Granularity,
            countReceived: query.DocumentType is null);

        Assert.True(totals.Processed + (totals.Received ?? 0) > 0);
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(totals, JsonSerializerOptions.Web),
            JsonNode.Parse(answer.GetProperty("totals").GetRawText())), answer.GetRawText());
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(series, JsonSerializerOptions.Web),
            JsonNode.Parse(answer.GetProperty("series").GetRawText())), answer.GetRawText());

        string? Q(string name) => System.Web.HttpUtility.ParseQueryString(window)[name];
    }

    [Theory]
    [InlineData("granularity=week", "granularity")]
    [InlineData("range=1y", "range")]
    [InlineData("range=24h&from=2026-01-10T00:00:00Z", "range")]
    [InlineData("from=not-a-date", "from")]
    [InlineData("to=2026-02-31", "to")]
    [InlineData("from=2026-01-11T00:00:00Z&to=2026-01-10T00:00:00Z", "from")]
    public async Task bad_parameters_are_a_400_naming_the_parameter(string query, string parameter)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/automation?" + query);
            s.WithRequestHeader("X-Customer-Id", "acme");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), await result.ReadAsTextAsync());
    }
}

/// <summary>The goal comes from <c>Documents:Automation:Goal</c>, the setting Documents documents.</summary>
public class AutomationGoalFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Documents:Automation:Goal"] = "0.5" };
}

public class when_the_automation_goal_is_configured(AutomationGoalFixture app) : IClassFixture<AutomationGoalFixture>
{
    [Fact]
    public async Task the_configured_goal_decides_whether_it_is_met()
    {
        await AutomationApi.DeliverAsync(app.Host, "acme",
            AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 10),
            AutomationApi.Processed("finance", "Invoice", "NeedsReview", "NeedsReview", 8, 20));

        var metrics = await AutomationApi.GetAsync(app.Host, "from=2026-01-10T08:00:00Z&to=2026-01-10T09:00:00Z", "acme");
        Assert.Equal(0.5, metrics.Goal);
        Assert.Equal(0.5, metrics.Totals.AutomationRate);
        Assert.True(metrics.GoalMet);
    }
}

public class when_a_document_is_uploaded_and_processed(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Invoice = """
        ACME GmbH · Invoice
        Invoice number: RE-2026-0042
        Invoice date: 2026-11-20
        Total                                EUR 416.50
        """;

    [Fact]
    public async Task the_processed_count_moves()
    {
        var before = await AutomationApi.GetAsync(app.Host, "range=24h", "acme");
        Assert.Equal(0, before.Totals.Processed);
        Assert.Equal(24, before.Series.Count);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Invoice + "\nRef " + Guid.NewGuid()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "invoice.txt");
        form.Add(new StringContent("finance"), "department");
        await app.Host.ExecuteAndTrackAsync(() => app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents").QueryString("wait", "true");
            s.WithRequestHeader("X-Customer-Id", "acme");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        }));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        var after = await AutomationApi.GetAsync(app.Host, "range=24h&department=finance", "acme");
        Assert.Equal(1, after.Totals.Processed);
        Assert.Equal(1, after.Series.Sum(p => p.Metrics.Processed));
        Assert.Equal(0, (await AutomationApi.GetAsync(app.Host, "range=24h", "globex")).Totals.Processed);
    }
}
