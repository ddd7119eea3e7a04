using Marten;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;

namespace Monolith.Analytics.Inbound;

/// <summary>Records a person's review of a document on Analytics' own stream for that document, once.</summary>
public static class DocumentReviewCompletedHandler
{
    public static async Task Handle(DocumentReviewCompleted message, IDocumentSession session, CancellationToken ct)
    {
        var observed = new DocumentReviewObserved(message.DocumentId, DocumentOutcomes.Department(message.Department),
            DocumentOutcomes.DocumentType(message.DocumentType), message.Approved, message.CorrectedFields, message.ReviewedAt);
        var stream = await session.Events.FetchForWriting<DocumentObservation>(DocumentObservation.StreamIdFor(message.DocumentId), ct);
        stream.AppendMany(DocumentObservationDecider.Decide(stream.Aggregate, observed).ToArray());
    }
}
