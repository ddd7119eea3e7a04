namespace Monolith.Analytics.Features.GoalMonitoring;

/// <summary>
/// A tenant's pending goal check (one document per tenant). Only the check whose id matches <see cref="NextCheckId"/>
/// runs and schedules the next one, so a chain started twice (two first documents at once, an ad-hoc check)
/// collapses back into one.
/// </summary>
public sealed class AutomationGoalSchedule
{
    public const string TheId = "automation-goal-check";

    public string Id { get; set; } = TheId;
    public Guid NextCheckId { get; set; }
    public DateTimeOffset NextCheckAt { get; set; }
}

/// <summary>Pure scheduling decisions.</summary>
public static class GoalCheckScheduling
{
    /// <summary>A scheduled check whose id is no longer the tenant's pending one belongs to a superseded chain.</summary>
    public static bool IsSuperseded(AutomationGoalSchedule? schedule, CheckAutomationGoal check) =>
        check.CheckId is { } id && schedule is not null && schedule.NextCheckId != id;

    public static (AutomationGoalSchedule Schedule, CheckAutomationGoal Check) Next(DateTimeOffset now, TimeSpan interval)
    {
        var id = Guid.CreateVersion7();
        return (new AutomationGoalSchedule { NextCheckId = id, NextCheckAt = now + interval }, new CheckAutomationGoal(id));
    }
}
