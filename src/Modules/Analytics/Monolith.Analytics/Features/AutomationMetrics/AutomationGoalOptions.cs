using System.ComponentModel.DataAnnotations;

namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>
/// The automation goal, read from the same setting the Documents module documents (<c>Documents:Automation:Goal</c>)
/// through Analytics' own options class, so Analytics needs no reference to the Documents module.
/// </summary>
public sealed class AutomationGoalOptions
{
    public const string Section = "Documents:Automation";

    /// <summary>Target share of processed documents that are automated.</summary>
    [Range(0.0, 1.0)]
    public double Goal { get; set; } = 0.90;
}
