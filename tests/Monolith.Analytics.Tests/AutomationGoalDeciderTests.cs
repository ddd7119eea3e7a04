using Monolith.Analytics.Features.GoalMonitoring;

namespace Monolith.Analytics.Tests;

public class AutomationGoalDeciderTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = End.AddHours(-24);

    [Fact]
    public void a_rate_at_or_above_the_goal_is_met_and_records_no_miss()
    {
        var events = AutomationGoalDecider.Decide(10, 9, 0.9, Start, End, End);
        var check = Assert.IsType<AutomationGoalChecked>(Assert.Single(events));
        Assert.Equal(GoalCheckResult.Met, check.Result);
        Assert.True(check.Met);
        Assert.Equal(0.9, check.Rate!.Value, 9);
        Assert.Equal((Start, End, 10L, 9L), (check.WindowStart, check.WindowEnd, check.Processed, check.Automated));
    }

    [Fact]
    public void a_rate_below_the_goal_is_checked_and_missed()
    {
        var events = AutomationGoalDecider.Decide(10, 5, 0.9, Start, End, End);
        Assert.Equal(2, events.Count);
        var check = Assert.IsType<AutomationGoalChecked>(events[0]);
        Assert.Equal(GoalCheckResult.Missed, check.Result);
        Assert.False(check.Met);
        var missed = Assert.IsType<AutomationGoalMissed>(events[1]);
        Assert.Equal((0.5, 0.9, 10L, 5L), (missed.Rate, missed.Goal, missed.Processed, missed.Automated));
    }

    [Fact]
    public void no_documents_in_the_window_is_no_data_not_a_miss()
    {
        var events = AutomationGoalDecider.Decide(0, 0, 0.9, Start, End, End);
        var check = Assert.IsType<AutomationGoalChecked>(Assert.Single(events));
        Assert.Equal(GoalCheckResult.NoData, check.Result);
        Assert.Null(check.Rate);
        Assert.False(check.Met);
    }

    [Fact]
    public void only_the_pending_check_of_a_tenant_runs_and_ad_hoc_checks_always_run()
    {
        var (schedule, check) = GoalCheckScheduling.Next(End, TimeSpan.FromMinutes(60));
        Assert.Equal(End.AddHours(1), schedule.NextCheckAt);
        Assert.False(GoalCheckScheduling.IsSuperseded(schedule, check));
        Assert.True(GoalCheckScheduling.IsSuperseded(schedule, new CheckAutomationGoal(Guid.CreateVersion7())));
        Assert.False(GoalCheckScheduling.IsSuperseded(schedule, new CheckAutomationGoal()));
        Assert.False(GoalCheckScheduling.IsSuperseded(null, check));
    }

    [Fact]
    public void each_tenant_has_its_own_stable_goal_stream()
    {
        Assert.Equal(AutomationGoalStream.For("acme"), AutomationGoalStream.For("acme"));
        Assert.NotEqual(AutomationGoalStream.For("acme"), AutomationGoalStream.For("globex"));
    }
}
