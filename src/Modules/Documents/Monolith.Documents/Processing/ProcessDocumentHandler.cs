using Marten;
using Microsoft.Extensions.Options;
using Monolith.Documents.Scoring;
using Monolith.Documents.Features.ReceiveDocument;
using Monolith.Documents.Storage;
using Monolith.Documents.Validation;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Processing;

/// <summary>
/// Runs the pipeline for one document from the durable queue. Idempotent: a document past <c>Received</c> is left
/// alone, so a redelivered message (after a crash) does nothing twice. All step events commit in one transaction
/// with the outgoing <see cref="Contracts.DocumentProcessed"/>.
/// </summary>
public static class ProcessDocumentHandler
{
    public static async Task<object[]> Handle(ProcessDocument command, IDocumentSession session, DocumentFiles files,
        DocumentPipeline pipeline, IOptions<AutomationSettings> configured, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ProcessedDocument>(command.DocumentId, ct);
        if (stream.Aggregate is not { Status: DocumentStatus.Received } document) return [];

        var content = await files.LoadAsync(session.TenantId, document.Id, ct);
        if (content is null)
        {
            var lost = new DocumentProcessingStopped(document.Id, "text", "content-missing", "The stored file was not found.", false, clock.GetUtcNow());
            stream.AppendOne(lost);
            return [Completed(document, [lost])];
        }

        var profile = await session.LoadAsync<AutomationSettingsProfile>(AutomationSettingsProfile.StreamId, ct);
        var settings = AutomationSettingsProfile.Effective(configured.Value, profile, document.Department);
        var outcome = await pipeline.RunAsync(document, content, settings, async key =>
        {
            var earlier = await session.Query<ProcessedDocument>()
                .Where(d => d.DuplicateKey == key && d.Id != document.Id)
                .OrderBy(d => d.ReceivedAt).Select(d => d.Id).FirstOrDefaultAsync(ct);
            return earlier == Guid.Empty ? null : new DuplicateCandidate(earlier);
        }, ct, async () => await session.Query<Learning.VendorProfile>().ToListAsync(ct),
            await Learning.CustomerLearnedModels.LoadAsync(session, ct));

        stream.AppendMany(outcome.Events.ToArray());
        if (outcome.Text is not null) session.Store(new DocumentTextRecord { Id = document.Id, Text = outcome.Text });
        return [Completed(document, outcome.Events)];
    }

    /// <summary>The contract message for other modules, folded from the document and the events just decided
    /// (without touching the fetched aggregate, which Marten's identity map would apply twice).</summary>
    internal static Contracts.DocumentProcessed Completed(ProcessedDocument before, IReadOnlyList<object> events)
    {
        var status = before.Status;
        var type = before.DocumentType;
        Scoring.Decision? decision = before.Decision;
        Scoring.Scores? scores = before.Scores;
        var providerCalls = new List<ProviderCall>(before.ProviderCalls);
        var failure = before.FailureReason;
        var completed = before.CompletedAt ?? before.ReceivedAt;
        foreach (var e in events)
        {
            switch (e)
            {
                case DocumentClassified x: type = x.Type; providerCalls.AddRange(x.Calls); break;
                case DocumentFieldsExtracted x: providerCalls.AddRange(x.Calls); break;
                case DocumentScored x:
                    scores = x.Scores; decision = x.Decision; completed = x.At;
                    status = x.Decision == Scoring.Decision.NeedsReview ? DocumentStatus.NeedsReview : DocumentStatus.Decided;
                    break;
                case DocumentProcessingStopped x:
                    failure = x.Reason; completed = x.At;
                    status = x.NeedsReview ? DocumentStatus.NeedsReview : DocumentStatus.Failed;
                    if (x.NeedsReview) decision = Scoring.Decision.NeedsReview;
                    break;
            }
        }
        return new Contracts.DocumentProcessed(before.Id, status.ToString(), type?.ToString(), decision?.ToString(),
            scores?.Confidence, scores?.Completeness, scores?.Validation, scores?.Automation, providerCalls.Count,
            before.Department, before.Industry, failure, before.ReceivedAt, completed, providerCalls.Select(Summary).ToList());
    }

    /// <summary>A provider call in contract shape: unknown tokens or cost count as 0. Documents has no provider-answer cache
    /// yet, so no call is a cache hit.</summary>
    internal static Contracts.ProviderCallSummary Summary(ProviderCall call) => new(call.Provider, call.Operation, call.Model,
        call.InputTokens ?? 0, call.OutputTokens ?? 0, call.EstimatedCost ?? 0m, call.DurationMs, CacheHit: false,
        call.Succeeded);
}
