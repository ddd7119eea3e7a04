using Marten;
using Microsoft.Extensions.Options;
using Monolith.Analytics.Features.AutomationMetrics;
using Wolverine;

namespace Monolith.Analytics.Features.GoalMonitoring;

/// <summary>
/// Runs a tenant's goal check (for the message's tenant) and schedules the next one. Scheduled messages are persisted
/// by Wolverine's PostgreSQL message store, so the chain survives restarts.
/// </summary>
public static class CheckAutomationGoalHandler
{
    public static async Task<OutgoingMessages> Handle(CheckAutomationGoal message, IDocumentSession session,
        IOptions<GoalCheckOptions> options, IOptions<AutomationGoalOptions> goal, AnalyticsMeter meter, TimeProvider clock,
        CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var schedule = await session.LoadAsync<AutomationGoalSchedule>(AutomationGoalSchedule.TheId, ct);
        if (GoalCheckScheduling.IsSuperseded(schedule, message)) return outgoing;

        var now = clock.GetUtcNow();
        var windowStart = now.AddHours(-options.Value.WindowHours);
        // Hour buckets overlapping the window (the first hour counts whole).
        var from = AutomationBucket.HourOf(windowStart);
        var buckets = await session.Query<AutomationBucket>()
            .Where(b => b.HourStart >= from && b.HourStart < now)
            .ToListAsync(ct);
        var events = AutomationGoalDecider.Decide(buckets.Sum(b => b.Processed), buckets.Sum(b => b.Automated),
            goal.Value.Goal, windowStart, now, now);
        session.Events.Append(AutomationGoalStream.For(session.TenantId), events);
        if (events.OfType<AutomationGoalMissed>().Any()) meter.GoalMissed();

        var (next, check) = GoalCheckScheduling.Next(now, TimeSpan.FromMinutes(options.Value.IntervalMinutes));
        session.Store(next);
        outgoing.Schedule(check, next.NextCheckAt);
        return outgoing;
    }
}

/// <summary>Starts a tenant's check chain the first time Analytics observes one of its documents (idempotent).</summary>
public static class GoalCheckStarter
{
    public static async Task<OutgoingMessages> StartIfNeededAsync(IDocumentSession session, GoalCheckOptions options,
        DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var outgoing = new OutgoingMessages();
        if (await session.LoadAsync<AutomationGoalSchedule>(AutomationGoalSchedule.TheId, ct) is not null) return outgoing;
        var (schedule, check) = GoalCheckScheduling.Next(now, TimeSpan.FromMinutes(options.IntervalMinutes));
        session.Store(schedule);
        outgoing.Schedule(check, schedule.NextCheckAt);
        return outgoing;
    }
}
