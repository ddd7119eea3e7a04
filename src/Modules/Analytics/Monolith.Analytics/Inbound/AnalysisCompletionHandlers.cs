using Marten;
using Monolith.Analytics.Features.ProviderUsage;
using Monolith.Analytics.Features.SupplierPipeline;
using Monolith.Prospect.Contracts;
using Monolith.Supplier.Contracts;

namespace Monolith.Analytics.Inbound;

/// <summary>A finished supplier analysis: its headline goes into the company's history, its step usage into provider usage and cost.</summary>
public static class SupplierAnalysisCompletedHandler
{
    public static async Task Handle(SupplierAnalysisCompleted m, IDocumentSession session, CancellationToken ct)
    {
        var requested = new CompanyAnalysisObserved(m.Domain, m.AnalysisId, "supplier", m.Url, m.Country, m.RequestedAt);
        var finished = new CompanyAnalysisFinishedObserved(m.Domain, m.AnalysisId, "supplier", m.Status, m.CompanyName, m.Industry?.Code,
            null, null, null, null, null, m.CompletedAt);
        var stream = await session.Events.FetchForWriting<CompanyHistory>(CompanyHistory.StreamIdFor(m.Domain), ct);
        stream.AppendMany(CompanyHistoryDecider.Decide(stream.Aggregate, requested, finished).ToArray());
        await ProviderUsageRecording.RecordAsync(session, new RecordProviderUsage("supplier-analysis", $"{m.AnalysisId}:{m.Run}", m.CompletedAt,
            m.Usage.Select(u => new UsageItem(u.Provider, u.Model, u.Step, u.InputTokens, u.OutputTokens, u.EstimatedCostUsd, u.LatencyMs, u.CacheHit, u.Succeeded, u.Ungrounded)).ToList()), ct);
    }
}

/// <summary>A requested prospect analysis joins the company's history.</summary>
public static class ProspectAnalysisRequestedHandler
{
    public static async Task Handle(ProspectAnalysisRequested m, IDocumentSession session, CancellationToken ct)
    {
        var observed = new CompanyAnalysisObserved(m.Domain, m.AnalysisId, "prospect", m.Url, m.Country, m.RequestedAt);
        var stream = await session.Events.FetchForWriting<CompanyHistory>(CompanyHistory.StreamIdFor(m.Domain), ct);
        stream.AppendMany(CompanyHistoryDecider.Decide(stream.Aggregate, observed).ToArray());
    }
}

/// <summary>A finished prospect analysis: history (with what changed), the supplier's pipeline, and provider usage.</summary>
public static class ProspectAnalysisCompletedHandler
{
    public static async Task Handle(ProspectAnalysisCompleted m, IDocumentSession session, CancellationToken ct)
    {
        var requested = new CompanyAnalysisObserved(m.Domain, m.AnalysisId, "prospect", m.Url, m.Country, m.RequestedAt);
        var finished = new CompanyAnalysisFinishedObserved(m.Domain, m.AnalysisId, "prospect", m.Status, m.CompanyName, m.IndustryCode,
            m.Employees, m.BestCluster?.ClusterName, m.BestCluster?.Fit, m.Opportunity?.Expected, m.Opportunity?.Currency, m.CompletedAt);
        var history = await session.Events.FetchForWriting<CompanyHistory>(CompanyHistory.StreamIdFor(m.Domain), ct);
        history.AppendMany(CompanyHistoryDecider.Decide(history.Aggregate, requested, finished).ToArray());

        var valued = new ProspectValued(m.AnalysisId, m.SupplierAnalysisId, m.Domain, m.Country, m.Status, m.CompanyName, m.BestCluster?.ClusterId,
            m.BestCluster?.ClusterName, m.BestCluster?.Fit, m.Opportunity?.Currency, m.Opportunity?.Low, m.Opportunity?.Expected, m.Opportunity?.High,
            m.ScoringVersion, m.CompletedAt);
        var entry = await session.Events.FetchForWriting<PipelineEntry>(PipelineEntry.StreamIdFor(m.AnalysisId), ct);
        entry.AppendMany(PipelineDecider.Decide(entry.Aggregate, valued).ToArray());

        await ProviderUsageRecording.RecordAsync(session, new RecordProviderUsage("prospect-analysis", $"{m.AnalysisId}:{m.Run}", m.CompletedAt,
            m.Usage.Select(u => new UsageItem(u.Provider, u.Model, u.Step, u.InputTokens, u.OutputTokens, u.EstimatedCostUsd, u.LatencyMs, u.CacheHit, u.Succeeded, u.Ungrounded)).ToList()), ct);
    }
}

/// <summary>A re-scored prospect: new fit and opportunity in the history (as a change) and in the pipeline.</summary>
public static class ProspectRescoredHandler
{
    public static async Task Handle(ProspectRescored m, IDocumentSession session, CancellationToken ct)
    {
        var rescored = new CompanyAnalysisRescoredObserved(m.Domain, m.AnalysisId, m.BestCluster?.ClusterName, m.BestCluster?.Fit,
            m.Opportunity.Expected, m.Opportunity.Currency, m.ScoringVersion, m.At);
        var history = await session.Events.FetchForWriting<CompanyHistory>(CompanyHistory.StreamIdFor(m.Domain), ct);
        history.AppendMany(CompanyHistoryDecider.Decide(history.Aggregate, rescored).ToArray());

        var entry = await session.Events.FetchForWriting<PipelineEntry>(PipelineEntry.StreamIdFor(m.AnalysisId), ct);
        if (entry.Aggregate is { } current)
        {
            var valued = new ProspectValued(m.AnalysisId, m.SupplierAnalysisId, m.Domain, m.Country, current.Status, current.CompanyName,
                m.BestCluster?.ClusterId, m.BestCluster?.ClusterName, m.BestCluster?.Fit, m.Opportunity.Currency, m.Opportunity.Low,
                m.Opportunity.Expected, m.Opportunity.High, m.ScoringVersion, m.At);
            entry.AppendMany(PipelineDecider.Decide(current, valued).ToArray());
        }
    }
}
