namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>How a processed document ended, for automation metrics.</summary>
public enum DocumentOutcome { Automated, NeedsReview, Manual, Failed }

/// <summary>
/// Analytics observed that a document reached a decision (from Documents' <c>DocumentProcessed</c> contract message).
/// Carries everything the metrics need, including the message's own timestamps, so projections never read a clock.
/// </summary>
public sealed record DocumentOutcomeObserved(
    Guid DocumentId,
    string Department,
    string DocumentType,
    DocumentOutcome Outcome,
    double? ConfidenceScore,
    double? CompletenessScore,
    double? ValidationScore,
    double? AutomationScore,
    int RemoteCalls,
    DateTimeOffset ReceivedAt,
    DateTimeOffset CompletedAt)
{
    public TimeSpan Latency => CompletedAt > ReceivedAt ? CompletedAt - ReceivedAt : TimeSpan.Zero;
}

/// <summary>
/// Analytics observed that a re-score changed a document's decision (from <c>DocumentDecisionRevised</c>). Carries the
/// bucket coordinates of the original outcome (department, type, completion time), so the projection moves the document
/// from <see cref="PreviousOutcome"/> to <see cref="Outcome"/> in the same bucket: totals still count it once.
/// </summary>
public sealed record DocumentOutcomeRevised(Guid DocumentId, string Department, string DocumentType, DateTimeOffset CompletedAt,
    DocumentOutcome PreviousOutcome, DocumentOutcome Outcome, double? AutomationScore, string SettingsVersion, DateTimeOffset RevisedAt);

/// <summary>Analytics observed that a person approved or rejected a document (from <c>DocumentReviewCompleted</c>).</summary>
/// <summary>Analytics observed that a document was received (its type is not known yet: counted under <see cref="DocumentOutcomes.ReceivedType"/>).</summary>
public sealed record DocumentReceiptObserved(Guid DocumentId, string Department, DateTimeOffset ReceivedAt);

public sealed record DocumentReviewObserved(Guid DocumentId, string Department, string DocumentType, bool Approved,
    int CorrectedFields, DateTimeOffset ReviewedAt);

/// <summary>Pure translation of Documents' contract vocabulary into Analytics' own.</summary>
public static class DocumentOutcomes
{
    public const string NoDepartment = "unassigned";
    public const string UnknownType = "Unknown";

    /// <summary>The document types Documents classifies into (its <c>DocumentType</c> enum; a Host test keeps the two
    /// equal) and <see cref="UnknownType"/>.</summary>
    public static readonly IReadOnlyList<string> KnownTypes = ["Invoice", "Receipt", "CreditNote", "PurchaseOrder", "Other", UnknownType];

    /// <summary>The document-type key of receipts: a document's type is only known once it is processed.</summary>
    public const string ReceivedType = "*received*";

    /// <summary>Failed status wins; otherwise the decision; a document that is neither automated nor sent to
    /// review needs a person anyway, so anything else counts as manual.</summary>
    public static DocumentOutcome Classify(string status, string? decision)
    {
        if (string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase)) return DocumentOutcome.Failed;
        if (string.Equals(decision, "Automated", StringComparison.OrdinalIgnoreCase)) return DocumentOutcome.Automated;
        if (string.Equals(decision, "NeedsReview", StringComparison.OrdinalIgnoreCase)
            || string.Equals(status, "NeedsReview", StringComparison.OrdinalIgnoreCase)) return DocumentOutcome.NeedsReview;
        return DocumentOutcome.Manual;
    }

    public static DocumentOutcome? FromDecision(string? decision) => decision switch
    {
        _ when string.Equals(decision, "Automated", StringComparison.OrdinalIgnoreCase) => DocumentOutcome.Automated,
        _ when string.Equals(decision, "NeedsReview", StringComparison.OrdinalIgnoreCase) => DocumentOutcome.NeedsReview,
        _ when string.Equals(decision, "Manual", StringComparison.OrdinalIgnoreCase) => DocumentOutcome.Manual,
        _ => null,
    };

    public static string Department(string? department) =>
        string.IsNullOrWhiteSpace(department) ? NoDepartment : department.Trim();

    public static string DocumentType(string? documentType) =>
        string.IsNullOrWhiteSpace(documentType) ? UnknownType : documentType.Trim();
}
