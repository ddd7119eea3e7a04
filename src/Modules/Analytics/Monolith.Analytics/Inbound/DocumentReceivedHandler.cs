using Marten;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;

namespace Monolith.Analytics.Inbound;

/// <summary>Records that a document was received on Analytics' own stream for that document, once (the "received" counter).</summary>
public static class DocumentReceivedHandler
{
    public static async Task Handle(DocumentReceived message, IDocumentSession session, CancellationToken ct)
    {
        var observed = new DocumentReceiptObserved(message.DocumentId, DocumentOutcomes.Department(message.Department), message.ReceivedAt);
        var stream = await session.Events.FetchForWriting<DocumentReceipt>(DocumentReceipt.StreamIdFor(message.DocumentId), ct);
        stream.AppendMany(DocumentObservationDecider.Decide(stream.Aggregate, observed).ToArray());
    }
}
