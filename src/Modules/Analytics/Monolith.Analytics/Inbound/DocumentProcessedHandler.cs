using Marten;
using Microsoft.Extensions.Options;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.GoalMonitoring;
using Monolith.Analytics.Features.ProviderUsage;
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
        await ProviderUsageRecording.RecordAsync(session, Usage(message), ct);
        return await GoalCheckStarter.StartIfNeededAsync(session, goalCheck.Value, clock.GetUtcNow(), ct);
    }

    /// <summary>The document's provider calls in Analytics' vocabulary; the call's operation is the step.</summary>
    public static RecordProviderUsage Usage(DocumentProcessed message) => new("document", message.DocumentId.ToString("N"),
        message.CompletedAt, message.ProviderCalls.Select(c => new UsageItem(c.Provider, c.Model, c.Operation, c.InputTokens,
            c.OutputTokens, c.EstimatedCostUsd, c.DurationMs, c.CacheHit, c.Succeeded)).ToList());
}
