using System.Net;
using System.Text.Json;
using Alba;
using Monolith.Analytics.Features.GoalMonitoring;
using Monolith.Documents.Contracts;
using Monolith.Testing;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Tracking;

namespace Monolith.Host.Tests;

public class when_a_projection_is_rebuilt(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Query = "/api/analytics/automation?from=2026-01-10T08:00:00Z&to=2026-01-10T12:00:00Z&granularity=hour";

    private async Task<string> ReadAsync(string tenant, string query = Query)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(query);
            s.WithRequestHeader("X-Customer-Id", tenant);
        });
        return await result.ReadAsTextAsync();
    }

    [Fact]
    public async Task the_rebuilt_read_model_equals_the_live_one_and_keeps_running()
    {
        await AutomationApi.DeliverAsync(app.Host, "acme",
            AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 10, latencySeconds: 1.5, remoteCalls: 1),
            AutomationApi.Processed("finance", "Invoice", "NeedsReview", "NeedsReview", 9, 5, latencySeconds: 40),
            AutomationApi.Processed("sales", "Receipt", "Decided", "Automated", 9, 30, remoteCalls: 2),
            AutomationApi.Processed("sales", "Receipt", "Failed", null, 10, 15));
        await AutomationApi.DeliverAsync(app.Host, "globex",
            AutomationApi.Processed("finance", "Invoice", "Decided", "Manual", 8, 30));
        var liveAcme = await ReadAsync("acme");
        var liveGlobex = await ReadAsync("globex");
        Assert.Contains("\"processed\":4", liveAcme, StringComparison.Ordinal);

        var rebuild = await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/analytics/projections/AutomationMetrics/rebuild");
            // A rebuild replays every tenant: an admin of the platform tenant (the default one) asks for it.
        });
        using (var body = JsonDocument.Parse(await rebuild.ReadAsTextAsync()))
        {
            Assert.Equal("AutomationMetrics", body.RootElement.GetProperty("name").GetString());
            Assert.True(body.RootElement.GetProperty("durationSeconds").GetDouble() >= 0);
        }
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        Assert.Equal(liveAcme, await ReadAsync("acme"));
        Assert.Equal(liveGlobex, await ReadAsync("globex"));

        // The projection keeps running after the rebuild.
        await AutomationApi.DeliverAsync(app.Host, "acme",
            AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 11, 0));
        Assert.Equal(5, (await AutomationApi.GetAsync(app.Host, Query.Split('?')[1], "acme")).Totals.Processed);
    }

    [Fact]
    public async Task the_rebuilt_day_rollup_equals_the_live_one()
    {
        const string Daily = "/api/analytics/automation?from=2026-01-09&to=2026-01-12&granularity=day";
        await AutomationApi.DeliverAsync(app.Host, "daily-co",
            AutomationApi.Processed("finance", "Invoice", "Decided", "Automated", 8, 10),
            AutomationApi.Processed("finance", "Invoice", "NeedsReview", "NeedsReview", 23, 50, latencySeconds: 40),
            AutomationApi.Processed("sales", "Receipt", "Decided", "Manual", 30, 0)); // the next day
        var live = await ReadAsync("daily-co", Daily);
        Assert.Contains("\"processed\":3", live, StringComparison.Ordinal);

        await app.Host.Scenario(s => s.Post.Url("/api/analytics/projections/AutomationDailyMetrics/rebuild"));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        Assert.Equal(live, await ReadAsync("daily-co", Daily));
    }

    [Fact]
    public async Task an_unknown_projection_is_a_404_listing_the_known_names()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/analytics/projections/NoSuchThing/rebuild");
            // A rebuild replays every tenant: an admin of the platform tenant (the default one) asks for it.
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
            s.ContentTypeShouldBe("application/problem+json");
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        var known = body.RootElement.GetProperty("knownProjections").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("AutomationMetrics", known);
    }
}

internal static class GoalApi
{
    public sealed record Item(DateTimeOffset At, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long Processed,
        long Automated, double? Rate, double Goal, string Result, bool Met);
    public sealed record Response(List<Item> Items, int PageNumber, int PageSize, long Total, bool HasMore);

    /// <summary>An outcome completed an hour ago, inside the default 24-hour window.</summary>
    public static DocumentProcessed Recent(string decision)
    {
        var completed = DateTimeOffset.UtcNow.AddHours(-1);
        return new DocumentProcessed(Guid.CreateVersion7(), "Decided", "Invoice", decision, 0.9, 0.9, 0.9, 0.9, 0,
            "finance", null, null, completed.AddSeconds(-2), completed);
    }
}

public class when_the_automation_goal_is_checked(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_first_document_of_a_tenant_schedules_its_first_check_once()
    {
        var first = await app.Host.ExecuteAndTrackAsync(() =>
            app.Host.MessageBus().PublishForTenantAsync("initech", GoalApi.Recent("Automated")));
        Assert.Single(first.Scheduled.MessagesOf<CheckAutomationGoal>());

        var second = await app.Host.ExecuteAndTrackAsync(() =>
            app.Host.MessageBus().PublishForTenantAsync("initech", GoalApi.Recent("Automated")));
        Assert.Empty(second.Scheduled.MessagesOf<CheckAutomationGoal>());
    }

    [Fact]
    public async Task a_rate_below_the_goal_is_a_missed_check_and_the_next_check_is_scheduled()
    {
        var tracked = await app.Host.ExecuteAndTrackAsync(async () =>
        {
            foreach (var decision in new[] { "Automated", "NeedsReview", "Manual" })
                await app.Host.MessageBus().PublishForTenantAsync("acme", GoalApi.Recent(decision));
        });
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();

        var check = await app.Host.ExecuteAndTrackAsync(() =>
            app.Host.MessageBus().InvokeForTenantAsync("acme", new CheckAutomationGoal()));
        var next = Assert.Single(check.Scheduled.MessagesOf<CheckAutomationGoal>());
        Assert.NotNull(next.CheckId);
        var envelope = Assert.Single(check.Scheduled.Envelopes(), e => e.Message is CheckAutomationGoal);
        Assert.Equal("acme", envelope.TenantId);
        Assert.InRange(envelope.ScheduledTime!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));

        var checks = await app.Host.GetJsonAsync<GoalApi.Response>("/api/analytics/automation/goal-checks", "acme");
        var latest = Assert.Single(checks.Items);
        Assert.Equal(("Missed", false, 3L, 1L, 0.9), (latest.Result, latest.Met, latest.Processed, latest.Automated, latest.Goal));
        Assert.Equal(1.0 / 3, latest.Rate!.Value, 9);

        var other = await app.Host.GetJsonAsync<GoalApi.Response>("/api/analytics/automation/goal-checks", "globex");
        Assert.Empty(other.Items);
        Assert.NotNull(tracked);
    }

    [Fact]
    public async Task paging_parameters_out_of_range_are_a_400()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/automation/goal-checks?pageSize=0");
            s.WithRequestHeader("X-Customer-Id", "acme");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
    }
}
