using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;
using Wolverine.Http;

namespace Monolith.Analytics.Features.GoalMonitoring;

/// <summary>One goal check, as listed by the endpoint (per tenant: documents are multi-tenanted).</summary>
public sealed class AutomationGoalCheckView
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public long Processed { get; set; }
    public long Automated { get; set; }
    public double? Rate { get; set; }
    public double Goal { get; set; }
    public GoalCheckResult Result { get; set; }
    public bool Met { get; set; }
}

/// <summary>One view document per <see cref="AutomationGoalChecked"/> event (inline: written with the event).</summary>
public sealed partial class AutomationGoalCheckProjection : EventProjection
{
    public AutomationGoalCheckProjection()
    {
        Name = "AutomationGoalChecks";
        Options.DeleteViewTypeOnTeardown<AutomationGoalCheckView>();
    }

    public AutomationGoalCheckView Create(IEvent<AutomationGoalChecked> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var d = e.Data;
        return new AutomationGoalCheckView
        {
            Id = e.Id, At = d.At, WindowStart = d.WindowStart, WindowEnd = d.WindowEnd, Processed = d.Processed,
            Automated = d.Automated, Rate = d.Rate, Goal = d.Goal, Result = d.Result, Met = d.Met,
        };
    }
}

public sealed record GoalCheckItem(DateTimeOffset At, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long Processed,
    long Automated, double? Rate, double Goal, string Result, bool Met);

public static class GetGoalChecksEndpoint
{
    /// <summary>The tenant's goal checks, latest first.</summary>
    [WolverineGet("/api/analytics/automation/goal-checks", OperationId = "GetAutomationGoalChecks")]
    [Tags("Analytics")]
    [ProducesResponseType<Page<GoalCheckItem>>(StatusCodes.Status200OK)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(IQuerySession session, int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors)) return Results.ValidationProblem(errors);
        var items = await session.Query<AutomationGoalCheckView>()
            .Stats(out QueryStatistics stats)
            .OrderByDescending(c => c.At)
            .Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(ct);
        return Results.Ok(new Page<GoalCheckItem>(
            items.Select(c => new GoalCheckItem(c.At, c.WindowStart, c.WindowEnd, c.Processed, c.Automated, c.Rate, c.Goal,
                c.Result.ToString(), c.Met)).ToList(),
            paging.Page, paging.PageSize, stats.TotalResults));
    }
}
