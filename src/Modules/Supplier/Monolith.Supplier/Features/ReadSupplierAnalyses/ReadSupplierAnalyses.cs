using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Events;
using Monolith.BuildingBlocks.Web;
using Monolith.Companies.Contracts;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Supplier.Features.ReadSupplierAnalyses;

/// <summary>A supplier analysis as the API shows it: status, every step (status, reason, latency, usage), the crawl, each output with its evidence, and totals.</summary>
public sealed record SupplierAnalysisView(
    Guid Id, string Url, string Domain, string Country, string Currency, string Status,
    DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, long? DurationMs,
    IReadOnlyList<StepState> Steps, SiteCrawl? Crawl, bool CrawlFromCache,
    CompanyProfile? Profile, ValueProposition? ValueProposition, IReadOnlyList<CustomerCluster> Clusters,
    AnalysisTotals Totals, int Retries, int Version)
{
    public static SupplierAnalysisView From(SupplierAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Url, a.Domain, a.Country, a.Currency, a.Status.ToString(), a.RequestedAt, a.FinishedAt,
            a.FinishedAt is { } f ? (long)(f - a.RequestedAt).TotalMilliseconds : null,
            SupplierSteps.Plan.Select(p => a.Steps.TryGetValue(p.Name, out var s) ? s : new StepState { Name = p.Name }).ToList(),
            a.Crawl, a.CrawlFromCache, a.Profile, a.ValueProposition, a.Clusters, AnalysisTotals.From(a.Steps.Values), a.Retries, a.Version);
    }
}

/// <summary>A row of the list: enough to pick an analysis.</summary>
public sealed record SupplierAnalysisSummary(Guid Id, string Url, string Domain, string Country, string Status, string? CompanyName,
    int Clusters, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt);

public static class ReadSupplierAnalysesEndpoints
{
    /// <summary>The analysis, for the request's tenant only: another tenant's id is a 404, never a 403.</summary>
    [WolverineGet("/api/supplier-analyses/{id}", OperationId = "GetSupplierAnalysis")]
    [Tags("Supplier")]
    [ProducesResponseType<SupplierAnalysisView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static SupplierAnalysisView Get(Guid id, [ReadAggregate] SupplierAnalysis analysis) => SupplierAnalysisView.From(analysis);

    /// <summary>The audit trail: every event of the analysis, oldest first.</summary>
    [WolverineGet("/api/supplier-analyses/{id}/events", OperationId = "GetSupplierAnalysisEvents")]
    [Tags("Supplier")]
    [ProducesResponseType<IReadOnlyList<StreamEventView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static Task<IResult> Events(Guid id, IQuerySession session, CancellationToken ct) =>
        StreamEvents.ReadAsync(session, id, "Supplier analysis", ct);

    /// <summary>The customer's supplier analyses, newest first, optionally for one domain or status; <c>?page=&amp;pageSize=</c> as everywhere.</summary>
    [WolverineGet("/api/supplier-analyses", OperationId = "ListSupplierAnalyses")]
    [Tags("Supplier")]
    [ProducesResponseType<Page<SupplierAnalysisSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> List(IQuerySession session, string? domain, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors)) return Results.ValidationProblem(errors);
        if (!AnalysisStatusFilter.TryParse(status, out var wanted, out var statusErrors)) return Results.ValidationProblem(statusErrors);
        var normalisedDomain = AnalysisDomain.Normalise(domain);
        var query = session.Query<SupplierAnalysis>().AsQueryable();
        if (normalisedDomain is not null) query = query.Where(a => a.Domain == normalisedDomain);
        if (wanted is { } w) query = query.Where(a => a.Status == w);
        var results = await query.OrderByDescending(a => a.RequestedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        var items = results.Select(a => new SupplierAnalysisSummary(a.Id, a.Url, a.Domain, a.Country, a.Status.ToString(),
            a.Profile?.CompanyName?.Value, a.Clusters.Count, a.RequestedAt, a.FinishedAt)).ToList();
        return Results.Ok(new Page<SupplierAnalysisSummary>(items, paging.Page, paging.PageSize, results.TotalItemCount));
    }
}
