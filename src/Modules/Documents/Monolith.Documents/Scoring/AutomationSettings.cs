using System.ComponentModel.DataAnnotations;

namespace Monolith.Documents.Scoring;

/// <summary>
/// Thresholds that decide whether a document is processed without a person. Defaults from configuration
/// (section <c>Documents:Automation</c>); later overridable per customer and department at run time.
/// </summary>
public sealed class AutomationSettings
{
    public const string Section = "Documents:Automation";

    [Range(0.0, 1.0)] public double AutomationThreshold { get; set; } = 0.85;
    [Range(0.0, 1.0)] public double ConfidenceThreshold { get; set; } = 0.98;
    [Range(0.0, 1.0)] public double CompletenessThreshold { get; set; } = 0.95;
    [Range(0.0, 1.0)] public double ValidationThreshold { get; set; } = 0.85;
    /// <summary>Below this automation score a document is handled manually rather than reviewed.</summary>
    [Range(0.0, 1.0)] public double ManualInterventionThreshold { get; set; } = 0.70;
    /// <summary>Target share of documents automated (read by Analytics).</summary>
    [Range(0.0, 1.0)] public double Goal { get; set; } = 0.90;
    /// <summary>Allowed difference in arithmetic checks (currency units).</summary>
    [Range(0.0, 100.0)] public decimal AmountTolerance { get; set; } = 0.02m;

    /// <summary>Weights of the automation score; they are normalised, so only their ratios matter.</summary>
    [Range(0.0, 10.0)] public double ConfidenceWeight { get; set; } = 0.4;
    [Range(0.0, 10.0)] public double CompletenessWeight { get; set; } = 0.3;
    [Range(0.0, 10.0)] public double ValidationWeight { get; set; } = 0.3;

    /// <summary>The thresholds and weights in the shape of the shared decision rule.</summary>
    public Contracts.AutomationThresholds Thresholds => new(AutomationThreshold, ConfidenceThreshold, CompletenessThreshold,
        ValidationThreshold, ManualInterventionThreshold, ConfidenceWeight, CompletenessWeight, ValidationWeight);

    /// <summary>Recorded on every scoring event, so a re-score can tell which settings produced a decision.</summary>
    public string Version => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"a{AutomationThreshold}-c{ConfidenceThreshold}-p{CompletenessThreshold}-v{ValidationThreshold}-m{ManualInterventionThreshold}-w{ConfidenceWeight}/{CompletenessWeight}/{ValidationWeight}-t{AmountTolerance}");
}
