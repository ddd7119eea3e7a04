using Monolith.BuildingBlocks.Messaging;
using JasperFx;

namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>
/// What Analytics has seen of one document: an inline snapshot of Analytics' own stream for that document (not the
/// Documents module's stream, whose id is the document id), used only to decide whether a message is new.
/// </summary>
public sealed class DocumentObservation : IRevisioned
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    /// <summary>The current outcome: the first observed, or the latest re-score's.</summary>
    public DocumentOutcome? Outcome { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>The review's verdict (null until reviewed): the label the error/automation curve counts.</summary>
    public bool? Approved { get; set; }
    public int? CorrectedFields { get; set; }
    /// <summary>Reviewed and rejected, or approved only after correcting fields: the automated result would have been wrong.
    /// Null when not reviewed, or reviewed before Analytics recorded the verdict (a rebuild of this projection fills it in).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool? ReviewFoundError => Approved is { } approved ? !approved || CorrectedFields > 0 : null;
    // The recorded scoring inputs and bucket coordinates: what-if replays and re-score revisions need them.
    public string Department { get; set; } = "";
    public string DocumentType { get; set; } = "";
    public DateTimeOffset? CompletedAt { get; set; }
    public double? ConfidenceScore { get; set; }
    public double? CompletenessScore { get; set; }
    public double? ValidationScore { get; set; }
    public double? AutomationScore { get; set; }
    public int Version { get; set; }

    public static DocumentObservation Create(DocumentOutcomeObserved e)
    {
        var observation = new DocumentObservation { Id = StreamIdFor(e.DocumentId), DocumentId = e.DocumentId };
        observation.Apply(e);
        return observation;
    }

    public static DocumentObservation Create(DocumentReviewObserved e)
    {
        var observation = new DocumentObservation { Id = StreamIdFor(e.DocumentId), DocumentId = e.DocumentId };
        observation.Apply(e);
        return observation;
    }

    public void Apply(DocumentOutcomeObserved e)
    {
        Outcome = e.Outcome;
        Department = e.Department;
        DocumentType = e.DocumentType;
        CompletedAt = e.CompletedAt;
        ConfidenceScore = e.ConfidenceScore;
        CompletenessScore = e.CompletenessScore;
        ValidationScore = e.ValidationScore;
        AutomationScore = e.AutomationScore;
    }

    public void Apply(DocumentOutcomeRevised e)
    {
        Outcome = e.Outcome;
        AutomationScore = e.AutomationScore ?? AutomationScore;
    }

    public void Apply(DocumentReviewObserved e)
    {
        ReviewedAt = e.ReviewedAt;
        Approved = e.Approved;
        CorrectedFields = e.CorrectedFields;
    }

    /// <summary>One Analytics stream per document: a name-based (v5-style) Guid derived from the document id.</summary>
    public static Guid StreamIdFor(Guid documentId) =>
        NameBasedGuid.From("automation-document:" + documentId.ToString("N"));
}

/// <summary>Pure decisions: each document's outcome and review are counted once, however often a message is
/// delivered or replayed.</summary>
public static class DocumentObservationDecider
{
    public static IEnumerable<object> Decide(DocumentReceipt? seen, DocumentReceiptObserved observed) =>
        seen is not null ? [] : [observed];

    public static IEnumerable<object> Decide(DocumentObservation? seen, DocumentOutcomeObserved observed) =>
        seen?.Outcome is not null ? [] : [observed];

    /// <summary>A revision counts only against an outcome already observed, and only when it changes it; an unchanged or
    /// early revision is nothing (the later DocumentProcessed carries the then-current decision anyway).</summary>
    public static IEnumerable<object> Decide(DocumentObservation? seen, Guid documentId, DocumentOutcome revised,
        double? automationScore, string settingsVersion, DateTimeOffset revisedAt) =>
        seen is { Outcome: { } current, CompletedAt: { } completed } && current != revised && current != DocumentOutcome.Failed
            ? [new DocumentOutcomeRevised(documentId, seen.Department, seen.DocumentType, completed, current, revised,
                automationScore, settingsVersion, revisedAt)]
            : [];

    public static IEnumerable<object> Decide(DocumentObservation? seen, DocumentReviewObserved observed) =>
        seen?.ReviewedAt is not null ? [] : [observed];
}

/// <summary>
/// That Analytics saw a document's receipt: the inline snapshot of a stream of its own per document, separate from
/// <see cref="DocumentObservation"/>'s because receipt and outcome messages arrive concurrently and would collide.
/// </summary>
public sealed class DocumentReceipt : IRevisioned
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int Version { get; set; }

    public static DocumentReceipt Create(DocumentReceiptObserved e) => new() { Id = StreamIdFor(e.DocumentId), DocumentId = e.DocumentId, ReceivedAt = e.ReceivedAt };

    public static Guid StreamIdFor(Guid documentId) =>
        NameBasedGuid.From("automation-receipt:" + documentId.ToString("N"));
}
