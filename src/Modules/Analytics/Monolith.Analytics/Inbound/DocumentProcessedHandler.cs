using Marten;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;

namespace Monolith.Analytics.Inbound;

/// <summary>Records a document's outcome on Analytics' own stream for that document, once (runs for the message's tenant).</summary>
public static class DocumentProcessedHandler
{
    public static async Task Handle(DocumentProcessed message, IDocumentSession session, CancellationToken ct)
    {
        var observed = new DocumentOutcomeObserved(message.DocumentId, DocumentOutcomes.Department(message.Department),
            DocumentOutcomes.DocumentType(message.DocumentType), DocumentOutcomes.Classify(message.Status, message.Decision),
            message.ConfidenceScore, message.CompletenessScore, message.ValidationScore, message.AutomationScore,
            message.RemoteCalls, message.ReceivedAt, message.CompletedAt);
        var stream = await session.Events.FetchForWriting<DocumentObservation>(DocumentObservation.StreamIdFor(message.DocumentId), ct);
        stream.AppendMany(DocumentObservationDecider.Decide(stream.Aggregate, observed).ToArray());
    }
}
