using Marten;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;

namespace Monolith.Analytics.Inbound;

/// <summary>A re-score changed a document's decision: moves it between outcomes in the bucket it was counted in, once.</summary>
public static class DocumentDecisionRevisedHandler
{
    public static async Task Handle(DocumentDecisionRevised message, IDocumentSession session, CancellationToken ct)
    {
        if (DocumentOutcomes.FromDecision(message.Decision) is not { } revised) return;
        var stream = await session.Events.FetchForWriting<DocumentObservation>(DocumentObservation.StreamIdFor(message.DocumentId), ct);
        stream.AppendMany(DocumentObservationDecider.Decide(stream.Aggregate, message.DocumentId, revised, message.AutomationScore,
            message.SettingsVersion, message.RevisedAt).ToArray());
    }
}
