using System.Security.Cryptography;
using System.Text;
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
    public DocumentOutcome? Outcome { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public int Version { get; set; }

    public static DocumentObservation Create(DocumentOutcomeObserved e) =>
        new() { Id = StreamIdFor(e.DocumentId), DocumentId = e.DocumentId, Outcome = e.Outcome };

    public static DocumentObservation Create(DocumentReviewObserved e) =>
        new() { Id = StreamIdFor(e.DocumentId), DocumentId = e.DocumentId, ReviewedAt = e.ReviewedAt };

    public void Apply(DocumentOutcomeObserved e) => Outcome = e.Outcome;

    public void Apply(DocumentReviewObserved e) => ReviewedAt = e.ReviewedAt;

    /// <summary>One Analytics stream per document: a name-based (v5-style) Guid derived from the document id.</summary>
    public static Guid StreamIdFor(Guid documentId)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("automation-document:" + documentId.ToString("N")));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>Pure decisions: each document's outcome and review are counted once, however often a message is
/// delivered or replayed.</summary>
public static class DocumentObservationDecider
{
    public static IEnumerable<object> Decide(DocumentObservation? seen, DocumentOutcomeObserved observed) =>
        seen?.Outcome is not null ? [] : [observed];

    public static IEnumerable<object> Decide(DocumentObservation? seen, DocumentReviewObserved observed) =>
        seen?.ReviewedAt is not null ? [] : [observed];
}
