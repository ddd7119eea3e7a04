namespace Monolith.Documents.Contracts;

/// <summary>Whether a document is processed without a person, sent to review, or handled manually.</summary>
public enum AutomationDecision { Automated, NeedsReview, Manual }

/// <summary>
/// The thresholds and weights that turn a document's scores into a decision. Defaults equal the configured defaults of
/// the Documents module (<c>Documents:Automation</c>).
/// </summary>
public sealed record AutomationThresholds(
    double AutomationThreshold = 0.85,
    double ConfidenceThreshold = 0.98,
    double CompletenessThreshold = 0.95,
    double ValidationThreshold = 0.85,
    double ManualInterventionThreshold = 0.70,
    double ConfidenceWeight = 0.4,
    double CompletenessWeight = 0.3,
    double ValidationWeight = 0.3);

/// <summary>
/// The pure threshold decision, shared so that Documents (scoring, re-scoring) and Analytics (what-if over its own
/// recorded observations) decide the same way without either reading the other's internals.
/// </summary>
public static class AutomationDecisionRule
{
    /// <summary>The weighted automation score (weights are normalised; all zero gives 0).</summary>
    public static double AutomationScore(double confidence, double completeness, double validation, AutomationThresholds t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var weights = t.ConfidenceWeight + t.CompletenessWeight + t.ValidationWeight;
        return weights <= 0 ? 0
            : (confidence * t.ConfidenceWeight + completeness * t.CompletenessWeight + validation * t.ValidationWeight) / weights;
    }

    /// <summary>Manual below the manual-intervention threshold or for unsupported types; automated when every threshold
    /// is met; otherwise review.</summary>
    public static AutomationDecision Decide(double confidence, double completeness, double validation, double automation,
        bool supportedType, AutomationThresholds t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (automation < t.ManualInterventionThreshold || !supportedType) return AutomationDecision.Manual;
        var allMet = confidence >= t.ConfidenceThreshold && completeness >= t.CompletenessThreshold
            && validation >= t.ValidationThreshold && automation >= t.AutomationThreshold;
        return allMet ? AutomationDecision.Automated : AutomationDecision.NeedsReview;
    }
}
