using Monolith.BuildingBlocks.Messaging;

namespace Monolith.Analytics.Features.GoalMonitoring;

public enum GoalCheckResult { Met, Missed, NoData }

/// <summary>A tenant's automation rate over [<see cref="WindowStart"/>, <see cref="WindowEnd"/>) was compared with the goal.</summary>
public sealed record AutomationGoalChecked(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long Processed,
    long Automated,
    double? Rate,
    double Goal,
    GoalCheckResult Result,
    DateTimeOffset At)
{
    public bool Met => Result == GoalCheckResult.Met;
}

/// <summary>The automation rate was below the goal (recorded only when there were documents to measure).</summary>
public sealed record AutomationGoalMissed(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long Processed,
    long Automated,
    double Rate,
    double Goal,
    DateTimeOffset At);

/// <summary>Schedules the next check: a tenant's recurring <see cref="CheckAutomationGoal"/> chain.
/// <paramref name="CheckId"/> identifies the scheduled occurrence; null means "check now" (ad hoc).</summary>
public sealed record CheckAutomationGoal(Guid? CheckId = null);

/// <summary>The goal-monitoring stream of a tenant (one per tenant, conjoined tenancy keeps tenants apart).</summary>
public static class AutomationGoalStream
{
    public static Guid For(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return NameBasedGuid.From("automation-goal:" + tenantId);
    }
}

/// <summary>Pure decision: no documents in the window is "no data", never a miss.</summary>
public static class AutomationGoalDecider
{
    public static IReadOnlyList<object> Decide(long processed, long automated, double goal, DateTimeOffset windowStart,
        DateTimeOffset windowEnd, DateTimeOffset at)
    {
        if (processed <= 0)
            return [new AutomationGoalChecked(windowStart, windowEnd, 0, 0, null, goal, GoalCheckResult.NoData, at)];
        var rate = (double)automated / processed;
        if (rate >= goal)
            return [new AutomationGoalChecked(windowStart, windowEnd, processed, automated, rate, goal, GoalCheckResult.Met, at)];
        return
        [
            new AutomationGoalChecked(windowStart, windowEnd, processed, automated, rate, goal, GoalCheckResult.Missed, at),
            new AutomationGoalMissed(windowStart, windowEnd, processed, automated, rate, goal, at),
        ];
    }
}
