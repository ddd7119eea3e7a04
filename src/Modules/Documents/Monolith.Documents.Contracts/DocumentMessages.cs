namespace Monolith.Documents.Contracts;

/// <summary>A document was accepted for a customer (published through the durable outbox).</summary>
public sealed record DocumentReceived(Guid DocumentId, string MediaType, long SizeBytes, string? Department, string? Industry,
    DateTimeOffset ReceivedAt);

/// <summary>
/// A document reached a decision (or failed). Carries what Analytics needs for automation metrics without reading
/// the Documents module's events: type, decision, scores, remote calls made and processing latency.
/// </summary>
public sealed record DocumentProcessed(
    Guid DocumentId,
    string Status,
    string? DocumentType,
    string? Decision,
    double? ConfidenceScore,
    double? CompletenessScore,
    double? ValidationScore,
    double? AutomationScore,
    int RemoteCalls,
    string? Department,
    string? Industry,
    string? FailureReason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset CompletedAt,
    IReadOnlyList<ProviderCallSummary>? ProviderCalls = null)
{
    /// <summary>The provider calls made for the document (classification, extraction); empty in messages published before
    /// this field existed.</summary>
    public IReadOnlyList<ProviderCallSummary> ProviderCalls { get; init; } = ProviderCalls ?? [];
}

/// <summary>One call to an outside provider (a model or an extraction service), as far as usage and cost go.</summary>
public sealed record ProviderCallSummary(string Provider, string Operation, string? Model, int InputTokens, int OutputTokens,
    decimal EstimatedCostUsd, long DurationMs, bool CacheHit, bool Succeeded);

/// <summary>
/// A document's automation decision changed because it was re-scored with the current settings
/// (<paramref name="SettingsVersion"/>). The document's original <c>DocumentProcessed</c> still stands; this replaces
/// only its decision.
/// </summary>
public sealed record DocumentDecisionRevised(Guid DocumentId, string? PreviousDecision, string Decision, string Status,
    double? AutomationScore, string SettingsVersion, Guid RescoreId, DateTimeOffset RevisedAt);

/// <summary>A person approved or rejected a document, correcting <paramref name="CorrectedFields"/> fields.</summary>
public sealed record DocumentReviewCompleted(Guid DocumentId, bool Approved, int CorrectedFields, string? DocumentType,
    string? Department, DateTimeOffset ReviewedAt);
