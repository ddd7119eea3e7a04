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
    DateTimeOffset CompletedAt);

/// <summary>A person approved or rejected a document, correcting <paramref name="CorrectedFields"/> fields.</summary>
public sealed record DocumentReviewCompleted(Guid DocumentId, bool Approved, int CorrectedFields, string? DocumentType,
    string? Department, DateTimeOffset ReviewedAt);
