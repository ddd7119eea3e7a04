using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.Analytics.Features.AutomationMetrics;
using Wolverine.Http;

namespace Monolith.Analytics.Features.ProviderUsage;

public sealed record UsageRow(string Day, string Provider, string? Model, string Step, long Calls, long CacheHits, double? CacheHitRate,
    long InputTokens, long OutputTokens, decimal EstimatedCostUsd, long Failures, double? P95LatencyMs, long Ungrounded = 0);

public sealed record UsageTotals(long Calls, long CacheHits, double? CacheHitRate, long InputTokens, long OutputTokens,
    decimal EstimatedCostUsd, long Failures, double? P95LatencyMs, long Ungrounded = 0);

public sealed record UsageResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageRow> Rows, UsageTotals Totals);

/// <summary>Sums day rows into the response: one row per day × provider × model × step, and totals.</summary>
public static class UsageReport
{
    public static UsageResponse Build(IEnumerable<ProviderUsageDay> days, DateTimeOffset from, DateTimeOffset to)
    {
        var list = days.OrderBy(d => d.Day).ThenBy(d => d.Provider, StringComparer.Ordinal).ThenBy(d => d.Model, StringComparer.Ordinal)
            .ThenBy(d => d.Step, StringComparer.Ordinal).ToList();
        var rows = list.Select(d => new UsageRow(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Provider,
            d.Model == ProviderUsageDay.NoModel ? null : d.Model, d.Step, d.Calls, d.CacheHits, Rate(d.CacheHits, d.Calls),
            d.InputTokens, d.OutputTokens, d.CostUsd, d.Failures, P95(d.AllLatencies()), d.Ungrounded)).ToList();
        var histogram = new Dictionary<int, long>();
        foreach (var d in list) LatencyHistogram.AddInto(histogram, d.AllLatencies());
        long calls = list.Sum(d => d.Calls), hits = list.Sum(d => d.CacheHits);
        var totals = new UsageTotals(calls, hits, Rate(hits, calls), list.Sum(d => d.InputTokens), list.Sum(d => d.OutputTokens),
            list.Sum(d => d.CostUsd), list.Sum(d => d.Failures), P95(histogram), list.Sum(d => d.Ungrounded));
        return new UsageResponse(from, to, rows, totals);
    }

    private static double? Rate(long part, long all) => all == 0 ? null : (double)part / all;

    /// <summary>p95 in ms to three significant digits (the histogram is good to ±1 %): 0.0123, 27.3, 1240.</summary>
    private static double? P95(IReadOnlyDictionary<int, long> counts) =>
        LatencyHistogram.Percentile(counts, 0.95) is { } ms ? Significant(ms) : null;

    private static double Significant(double ms) =>
        ms <= 0 ? 0 : Math.Round(ms, Math.Clamp(2 - (int)Math.Floor(Math.Log10(ms)), 0, 15));
}

public static class GetProviderUsageEndpoint
{
    /// <summary>
    /// Provider usage and estimated cost per day × provider × model × step. Window parameters as on
    /// <c>GET /api/analytics/automation</c> (<c>range</c> or <c>from</c>/<c>to</c>), widened to whole UTC days.
    /// </summary>
    [WolverineGet("/api/analytics/usage", OperationId = "GetProviderUsage")]
    [Tags("Analytics")]
    [ProducesResponseType<UsageResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(string? from, string? to, string? range, string? provider, string? model, string? step,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (!AutomationQuery.TryCreate(from, to, null, null, null, range, clock.GetUtcNow(), out var query, out var errors))
            return Results.ValidationProblem(errors);

        var windowFrom = ProviderUsageDay.DayOf(query.From);
        var windowTo = query.To;
        IQueryable<ProviderUsageDay> days = session.Query<ProviderUsageDay>().Where(d => d.Day >= windowFrom && d.Day < windowTo);
        if (!string.IsNullOrWhiteSpace(provider)) { var p = provider.Trim(); days = days.Where(d => d.Provider == p); }
        if (!string.IsNullOrWhiteSpace(model)) { var m = model.Trim(); days = days.Where(d => d.Model == m); }
        if (!string.IsNullOrWhiteSpace(step)) { var s = step.Trim(); days = days.Where(d => d.Step == s); }
        return Results.Ok(UsageReport.Build(await days.ToListAsync(ct), windowFrom, windowTo));
    }
}
