using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Monolith.Analytics.Features.AutomationMetrics;

public sealed record AutomationMetricsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string Granularity,
    string? Department,
    string? DocumentType,
    double Goal,
    bool? GoalMet,
    MetricsView Totals,
    IReadOnlyList<SeriesPoint> Series);

public static class GetAutomationMetricsEndpoint
{
    [WolverineGet("/api/analytics/automation", OperationId = "GetAutomationMetrics")]
    [Tags("Analytics")]
    [ProducesResponseType<AutomationMetricsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(string? from, string? to, string? department, string? documentType,
        string? granularity, string? range, IQuerySession session, IOptions<AutomationGoalOptions> goal,
        TimeProvider clock, CancellationToken ct)
    {
        if (!AutomationQuery.TryCreate(from, to, department, documentType, granularity, range, clock.GetUtcNow(),
                out var query, out var errors))
            return Results.ValidationProblem(errors);

        // Whole days from the day roll-up, the rest (every hour for an hourly series) from the hour buckets.
        var (dayFrom, dayTo) = query.WholeDays;
        var days = dayFrom < dayTo
            ? await session.Query<AutomationDayBucket>().Where(b => b.HourStart >= dayFrom && b.HourStart < dayTo).ToListAsync(ct)
            : [];
        var hours = await session.Query<AutomationBucket>()
            .Where(b => (b.HourStart >= query.From && b.HourStart < dayFrom) || (b.HourStart >= dayTo && b.HourStart < query.To))
            .ToListAsync(ct);
        var (totals, series) = AutomationSeries.Build(days.Concat(hours).Where(query.Matches), query.From, query.To, query.Granularity,
            countReceived: query.DocumentType is null);
        var target = goal.Value.Goal;
        return Results.Ok(new AutomationMetricsResponse(query.From, query.To,
            query.Granularity == Granularity.Day ? "day" : "hour", query.Department,
            query.DocumentType, target, totals.AutomationRate is { } rate ? rate >= target : null, totals, series));
    }
}
