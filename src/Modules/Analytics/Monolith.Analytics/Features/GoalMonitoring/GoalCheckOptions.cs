using System.ComponentModel.DataAnnotations;

namespace Monolith.Analytics.Features.GoalMonitoring;

/// <summary>How often each tenant's automation rate is checked against the goal, and over which window.</summary>
public sealed class GoalCheckOptions
{
    public const string Section = "Analytics:GoalCheck";

    /// <summary>Minutes between two checks of one tenant.</summary>
    [Range(1, 7 * 24 * 60)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>The check looks at the documents completed in the last this-many hours.</summary>
    [Range(1, 31 * 24)]
    public int WindowHours { get; set; } = 24;
}
