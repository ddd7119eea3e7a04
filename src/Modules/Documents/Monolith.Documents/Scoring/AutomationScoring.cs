using Monolith.Documents.Contracts;
using Monolith.Documents.Extraction;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Scoring;

public enum Decision { Automated, NeedsReview, Manual }

public sealed record Scores(double Confidence, double Completeness, double Validation, double Automation);

public sealed record ScoringOutcome(Scores Scores, Decision Decision, IReadOnlyList<string> Reasons, string SettingsVersion);

/// <summary>
/// How safely a document can be processed without a person, as a pure function of its fields, its validation
/// report and the settings: the inputs are all recorded in events, so a re-score with other settings is a replay.
/// </summary>
public static class AutomationScoring
{
    public static ScoringOutcome Score(DocumentType type, IReadOnlyList<ExtractedField> fields, ValidationReport validation,
        AutomationSettings settings)
    {
        var required = ValidationRules.RequiredFields[type];
        var present = fields.Where(f => f.Value is not null).GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(f => f.Confidence), StringComparer.Ordinal);

        // Confidence: the probability that the required fields found are all right. Field confidences are calibrated
        // probabilities (ConfidenceCalibration), so their product is that probability where errors are independent.
        // Missing fields are completeness' part: together, confidence ≥ t and completeness = 1 mean P(every required
        // field right) ≥ t. Without required fields (type Other, never automated) it is the mean of what was found.
        var found = required.Where(present.ContainsKey).ToList();
        var confidence = required.Length > 0
            ? found.Count == 0 ? 0.0 : found.Aggregate(1.0, (p, r) => p * present[r])
            : present.Count > 0 ? present.Values.Average() : 0.0;
        var completeness = required.Length == 0 ? (present.Count > 0 ? 1.0 : 0.0) : (double)required.Count(present.ContainsKey) / required.Length;
        var validationScore = validation.Score;

        var thresholds = settings.Thresholds;
        var automation = AutomationDecisionRule.AutomationScore(confidence, completeness, validationScore, thresholds);

        // The thresholds decide; failed rules are reported with a non-automated decision so a reviewer sees why.
        var blocking = new List<string>();
        if (type == DocumentType.Other) blocking.Add("document type not supported for automation");
        if (confidence < settings.ConfidenceThreshold) blocking.Add($"confidence {confidence:0.00} < {settings.ConfidenceThreshold:0.00}");
        if (completeness < settings.CompletenessThreshold) blocking.Add($"completeness {completeness:0.00} < {settings.CompletenessThreshold:0.00}");
        if (validationScore < settings.ValidationThreshold) blocking.Add($"validation {validationScore:0.00} < {settings.ValidationThreshold:0.00}");
        if (automation < settings.AutomationThreshold) blocking.Add($"automation {automation:0.00} < {settings.AutomationThreshold:0.00}");

        var decision = AutomationDecisionRule.Decide(confidence, completeness, validationScore, automation,
            supportedType: type != DocumentType.Other, thresholds) switch
        {
            AutomationDecision.Automated => Decision.Automated,
            AutomationDecision.NeedsReview => Decision.NeedsReview,
            _ => Decision.Manual,
        };
        // E-invoice hook: a failed fatal rule (EN 16931, duplicate, …) sends the document to review even when the share of
        // passed rules is above the threshold, as one failure among a dozen rules would be.
        if (validation.FatalFailures.Count > 0)
        {
            blocking.Add("failed: " + string.Join(", ", validation.FatalFailures.Select(r => r.Rule)));
            if (decision == Decision.Automated) decision = Decision.NeedsReview;
        }
        var reasons = decision == Decision.Automated
            ? blocking
            : [.. blocking, .. validation.Rules.Where(r => r.Applicable && !r.Passed).Select(r => $"{r.Rule}: {r.Message}")];

        return new ScoringOutcome(new Scores(Round(confidence), Round(completeness), Round(validationScore), Round(automation)),
            decision, reasons, settings.Version);
    }

    private static double Round(double value) => Math.Round(value, 4);
}
