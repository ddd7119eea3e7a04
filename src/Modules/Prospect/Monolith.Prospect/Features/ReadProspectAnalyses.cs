using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Events;
using Monolith.BuildingBlocks.Web;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Scoring;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Prospect.Features;

/// <summary>A prospect analysis as the API shows it: status, every step, profile with evidence, employees, spend categories, fit per cluster with reasons, and the opportunity with its arithmetic.</summary>
public sealed record ProspectAnalysisView(
    Guid Id, string Url, string Domain, string Country, string Currency, Guid SupplierAnalysisId, Guid? BatchId, string Status,
    DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, long? DurationMs,
    IReadOnlyList<StepState> Steps, SiteCrawl? Crawl, bool CrawlFromCache,
    CompanyProfile? Profile, EmployeeEstimate? Employees, IReadOnlyList<SpendCategory> SpendCategories,
    IReadOnlyList<ClusterFit> ClusterFit, RevenueOpportunity? Opportunity, string? ScoringVersion, DateTimeOffset? ScoredAt, int Rescores,
    AnalysisTotals Totals, int Retries, int Version)
{
    public static ProspectAnalysisView From(ProspectAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Url, a.Domain, a.Country, a.Currency, a.SupplierAnalysisId, a.BatchId, a.Status.ToString(), a.RequestedAt, a.FinishedAt,
            a.FinishedAt is { } f ? (long)(f - a.RequestedAt).TotalMilliseconds : null,
            ProspectSteps.Plan.Select(p => a.Steps.TryGetValue(p.Name, out var s) ? s : new StepState { Name = p.Name }).ToList(),
            a.Crawl, a.CrawlFromCache, a.Profile, a.Employees, a.SpendCategories, a.Fits, a.Opportunity, a.ScoringVersion, a.ScoredAt, a.Rescores,
            AnalysisTotals.From(a.Steps.Values), a.Retries, a.Version);
    }
}

public sealed record ProspectAnalysisSummary(Guid Id, string Url, string Domain, string Country, string Status, string? CompanyName,
    Guid SupplierAnalysisId, Guid? BatchId, string? BestCluster, double? Fit, decimal? ExpectedOpportunity, string? Currency,
    DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt);

public static class ReadProspectAnalysesEndpoints
{
    /// <summary>The analysis, for the request's tenant only: another tenant's id is a 404.</summary>
    [WolverineGet("/api/prospect-analyses/{id}", OperationId = "GetProspectAnalysis")]
    [Tags("Prospect")]
    [ProducesResponseType<ProspectAnalysisView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static ProspectAnalysisView Get(Guid id, [ReadAggregate] ProspectAnalysis analysis) => ProspectAnalysisView.From(analysis);

    /// <summary>The audit trail: every event of the analysis, oldest first.</summary>
    [WolverineGet("/api/prospect-analyses/{id}/events", OperationId = "GetProspectAnalysisEvents")]
    [Tags("Prospect")]
    [ProducesResponseType<IReadOnlyList<StreamEventView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static Task<IResult> Events(Guid id, IQuerySession session, CancellationToken ct) =>
        StreamEvents.ReadAsync(session, id, "Prospect analysis", ct);

    /// <summary>The customer's prospect analyses, newest first, filtered by domain, supplier analysis, batch or status; <c>?page=&amp;pageSize=</c>.</summary>
    [WolverineGet("/api/prospect-analyses", OperationId = "ListProspectAnalyses")]
    [Tags("Prospect")]
    [ProducesResponseType<Page<ProspectAnalysisSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> List(IQuerySession session, string? domain, Guid? supplierAnalysisId, Guid? batchId, string? status,
        int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors)) return Results.ValidationProblem(errors);
        if (!AnalysisStatusFilter.TryParse(status, out var wanted, out var statusErrors)) return Results.ValidationProblem(statusErrors);
        var normalisedDomain = AnalysisDomain.Normalise(domain);
        var query = session.Query<ProspectAnalysis>().AsQueryable();
        if (normalisedDomain is not null) query = query.Where(a => a.Domain == normalisedDomain);
        if (supplierAnalysisId is { } s) query = query.Where(a => a.SupplierAnalysisId == s);
        if (batchId is { } b) query = query.Where(a => a.BatchId == b);
        if (wanted is { } w) query = query.Where(a => a.Status == w);
        var results = await query.OrderByDescending(a => a.RequestedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        var items = results.Select(a => new ProspectAnalysisSummary(a.Id, a.Url, a.Domain, a.Country, a.Status.ToString(), a.Profile?.CompanyName?.Value,
            a.SupplierAnalysisId, a.BatchId, a.Fits.FirstOrDefault()?.ClusterName, a.Fits.FirstOrDefault()?.Score, a.Opportunity?.Expected,
            a.Opportunity?.Currency, a.RequestedAt, a.FinishedAt)).ToList();
        return Results.Ok(new Page<ProspectAnalysisSummary>(items, paging.Page, paging.PageSize, results.TotalItemCount));
    }
}
