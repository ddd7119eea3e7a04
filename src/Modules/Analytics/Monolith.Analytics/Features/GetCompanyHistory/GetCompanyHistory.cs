using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Monolith.Analytics.Features.GetCompanyHistory;

/// <summary>Every supplier and prospect analysis of the company over time (newest first), the latest known facts, and what changed.</summary>
public sealed record CompanyHistoryView(string Domain, DateTimeOffset? LastAnalysedAt, CompanyLatest Latest, IReadOnlyList<CompanyAnalysisEntry> Analyses,
    IReadOnlyList<CompanyChange> Changes);

public static class GetCompanyHistoryEndpoint
{
    [WolverineGet("/api/analytics/companies/{domain}/history", OperationId = "GetCompanyHistory")]
    [Tags("Analytics")]
    [ProducesResponseType<CompanyHistoryView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string domain, IQuerySession session, CancellationToken ct)
    {
        var key = domain.Trim().ToLowerInvariant();
        if (key.StartsWith("www.", StringComparison.Ordinal)) key = key[4..];
        var history = await session.LoadAsync<CompanyHistory>(CompanyHistory.StreamIdFor(key), ct);
        return history is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No analyses of this company",
                detail: $"No supplier or prospect analysis of '{key}' has been recorded for this customer.")
            : Results.Ok(new CompanyHistoryView(history.Domain, history.LastAnalysedAt, history.Latest,
                history.Analyses.OrderByDescending(a => a.At).ToList(), history.Changes.OrderByDescending(c => c.At).ToList()));
    }
}
