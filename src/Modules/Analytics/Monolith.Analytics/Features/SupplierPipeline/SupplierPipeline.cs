using Monolith.BuildingBlocks.Messaging;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Monolith.Analytics.Features.SupplierPipeline;

/// <summary>Analytics observed a prospect's value for a supplier (a finished analysis or a re-score).</summary>
public sealed record ProspectValued(Guid ProspectAnalysisId, Guid SupplierAnalysisId, string Domain, string Country, string Status,
    string? CompanyName, string? ClusterId, string? ClusterName, double? Fit, string? Currency, decimal? Low, decimal? Expected, decimal? High,
    string? ScoringVersion, DateTimeOffset At);

/// <summary>A prospect's latest value in a supplier's pipeline: the inline snapshot of its Analytics stream.</summary>
public sealed class PipelineEntry : IRevisioned
{
    public Guid Id { get; set; }
    public Guid ProspectAnalysisId { get; set; }
    public Guid SupplierAnalysisId { get; set; }
    public string Domain { get; set; } = "";
    public string Country { get; set; } = "";
    public string Status { get; set; } = "";
    public string? CompanyName { get; set; }
    public string? ClusterId { get; set; }
    public string? ClusterName { get; set; }
    public double? Fit { get; set; }
    public string? Currency { get; set; }
    public decimal Low { get; set; }
    public decimal Expected { get; set; }
    public decimal High { get; set; }
    public string? ScoringVersion { get; set; }
    public DateTimeOffset At { get; set; }
    public int Version { get; set; }

    public static PipelineEntry Create(ProspectValued e) => new PipelineEntry { Id = StreamIdFor(e.ProspectAnalysisId) }.With(e);

    public void Apply(ProspectValued e) => With(e);

    private PipelineEntry With(ProspectValued e)
    {
        ProspectAnalysisId = e.ProspectAnalysisId; SupplierAnalysisId = e.SupplierAnalysisId; Domain = e.Domain; Country = e.Country;
        Status = e.Status; CompanyName = e.CompanyName; ClusterId = e.ClusterId; ClusterName = e.ClusterName; Fit = e.Fit; Currency = e.Currency;
        Low = e.Low ?? 0; Expected = e.Expected ?? 0; High = e.High ?? 0; ScoringVersion = e.ScoringVersion; At = e.At;
        return this;
    }

    /// <summary>Analytics' own stream per prospect analysis (a name-based Guid, distinct from the Prospect module's stream id).</summary>
    public static Guid StreamIdFor(Guid prospectAnalysisId) =>
        NameBasedGuid.From("pipeline:" + prospectAnalysisId.ToString("N"));
}

/// <summary>Pure: a value is recorded when it is newer than the one known (redeliveries and out-of-order messages do nothing).</summary>
public static class PipelineDecider
{
    public static IEnumerable<object> Decide(PipelineEntry? current, ProspectValued valued)
    {
        ArgumentNullException.ThrowIfNull(valued);
        return current is not null && current.At >= valued.At ? [] : [valued];
    }

    /// <summary>The pipeline: expected opportunity summed by cluster and by country (per currency), from the latest value of each prospect.</summary>
    public static SupplierPipelineView Summarise(Guid supplierAnalysisId, IReadOnlyList<PipelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        static PipelineTotal Total(string key, string? label, IEnumerable<PipelineEntry> group, string currency)
        {
            var list = group.ToList();
            return new PipelineTotal(key, label, currency, list.Count, list.Sum(e => e.Low), list.Sum(e => e.Expected), list.Sum(e => e.High),
                list.Count == 0 ? 0 : Math.Round(list.Average(e => e.Fit ?? 0), 3));
        }
        // Sorted with tie-breakers, so the same entries always give the same answer (also after a rebuild).
        var valued = entries.Where(e => e.Currency is not null).ToList();
        var byCluster = valued.GroupBy(e => (e.ClusterId ?? "(none)", e.Currency!))
            .Select(g => Total(g.Key.Item1, g.First().ClusterName, g, g.Key.Item2)).OrderByDescending(t => t.Expected).ThenBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Currency, StringComparer.Ordinal).ToList();
        var byCountry = valued.GroupBy(e => (e.Country, e.Currency!))
            .Select(g => Total(g.Key.Country, null, g, g.Key.Item2)).OrderByDescending(t => t.Expected).ThenBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Currency, StringComparer.Ordinal).ToList();
        var totals = valued.GroupBy(e => e.Currency!).Select(g => Total(g.Key, null, g, g.Key)).OrderByDescending(t => t.Expected).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var top = valued.OrderByDescending(e => e.Expected).ThenBy(e => e.ProspectAnalysisId).Take(20)
            .Select(e => new PipelineProspect(e.ProspectAnalysisId, e.Domain, e.CompanyName, e.Country, e.ClusterName, e.Fit, e.Currency!, e.Expected, e.ScoringVersion))
            .ToList();
        return new SupplierPipelineView(supplierAnalysisId, entries.Count, entries.Count(e => e.Status != "Completed"), totals, byCluster, byCountry, top);
    }
}

public sealed record PipelineTotal(string Key, string? Label, string Currency, int Prospects, decimal Low, decimal Expected, decimal High, double AverageFit);

public sealed record PipelineProspect(Guid ProspectAnalysisId, string Domain, string? CompanyName, string Country, string? Cluster, double? Fit,
    string Currency, decimal Expected, string? ScoringVersion);

/// <summary>A supplier's pipeline: prospects analysed, totals per currency, sums by cluster and by country, the top prospects.</summary>
public sealed record SupplierPipelineView(Guid SupplierAnalysisId, int Prospects, int NotCompleted, IReadOnlyList<PipelineTotal> Totals,
    IReadOnlyList<PipelineTotal> ByCluster, IReadOnlyList<PipelineTotal> ByCountry, IReadOnlyList<PipelineProspect> Top);

public static class GetSupplierPipelineEndpoint
{
    /// <summary>Opportunity summed by cluster and country over the supplier's analysed prospects (latest score of each), for the request's tenant.</summary>
    [WolverineGet("/api/analytics/suppliers/{supplierAnalysisId}/pipeline", OperationId = "GetSupplierPipeline")]
    [Tags("Analytics")]
    [ProducesResponseType<SupplierPipelineView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid supplierAnalysisId, IQuerySession session, CancellationToken ct)
    {
        var entries = await session.Query<PipelineEntry>().Where(e => e.SupplierAnalysisId == supplierAnalysisId).ToListAsync(ct);
        return entries.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No pipeline",
                detail: $"No analysed prospect of supplier analysis {supplierAnalysisId} has been recorded for this customer.")
            : Results.Ok(PipelineDecider.Summarise(supplierAnalysisId, [.. entries]));
    }
}
