using System.Diagnostics.Metrics;

namespace Monolith.Analytics.Features.GoalMonitoring;

/// <summary>Analytics' meter. No tenant tag: tenant ids are customer identifiers and stay out of telemetry.</summary>
public sealed class AnalyticsMeter
{
    public const string Name = "Monolith.Analytics";

    private readonly Counter<long> _goalMissed;

    public AnalyticsMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _goalMissed = meter.CreateCounter<long>("monolith.automation.goal_missed", unit: "{check}",
            description: "Goal checks whose automation rate was below the goal.");
    }

    public void GoalMissed() => _goalMissed.Add(1);
}
