using Marten;
using Microsoft.Extensions.Options;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.GoalMonitoring;
using Monolith.Documents.Contracts;
using Wolverine;

namespace Monolith.Analytics.Inbound;

/// <summary>Records a document's outcome on Analytics' own stream for that document, once (runs for the message's
/// tenant), and starts the tenant's recurring goal check when Analytics sees its first document.</summary>
public static class DocumentProcessedHandler
{
    public static async Task<OutgoingMessages> Handle(DocumentProcessed message, IDocumentSession session,
        IOptions<GoalCheckOptions> goalCheck, TimeProvider clock, CancellationToken ct)
    {
        var observed = new DocumentOutcomeObserved(message.DocumentId, DocumentOutcomes.Department(message.Department),
            DocumentOutcomes.DocumentType(message.DocumentType), DocumentOutcomes.Classify(message.Status, message.Decision),
            message.ConfidenceScore, message.CompletenessScore, message.ValidationScore, message.AutomationScore,
            message.RemoteCalls, message.ReceivedAt, message.CompletedAt);
        var stream = await session.Events.FetchForWriting<DocumentObservation>(DocumentObservation.StreamIdFor(message.DocumentId), ct);
        var events = DocumentObservationDecider.Decide(stream.Aggregate, observed).ToArray();
        if (events.Length == 0) return new OutgoingMessages();
        stream.AppendMany(events);
        return await GoalCheckStarter.StartIfNeededAsync(session, goalCheck.Value, clock.GetUtcNow(), ct);
    }
}
