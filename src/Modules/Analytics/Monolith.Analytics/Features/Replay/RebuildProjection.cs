using Monolith.BuildingBlocks.Access;
using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using ProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace Monolith.Analytics.Features.Replay;

public sealed record ProjectionRebuilt(string Name, double DurationSeconds);

/// <summary>
/// Rebuilds one projection from the events (all tenants: the events are conjoined in one store) through the running
/// daemon. With Wolverine-managed subscription distribution, <see cref="ProjectionCoordinator"/> is Wolverine's
/// coordinator, whose main-database daemon stops the projection's shard, tears its documents down, replays every
/// event and hands the shard back to the running agents.
/// </summary>
/// <remarks>
/// A rebuild replays every customer's events, so only admins of <c>Access:PlatformTenant</c> may ask for it over
/// HTTP (others use the command line on the server). In a multi-node (Balanced) cluster the shard may be running on another node; the rebuild
/// runs on the node that receives the request.
/// </remarks>
public static class RebuildProjectionEndpoint
{
    [RequiresRole(AccessRole.Admin)]
    [PlatformOperation]
    [WolverinePost("/api/analytics/projections/{name}/rebuild", OperationId = "RebuildProjection")]
    [Tags("Analytics")]
    [ProducesResponseType<ProjectionRebuilt>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Post(string name, IDocumentStore store, ProjectionCoordinator coordinator,
        CancellationToken ct)
    {
        var known = KnownProjections(store);
        var match = known.FirstOrDefault(n => string.Equals(n, name, StringComparison.Ordinal));
        if (match is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown projection",
                detail: $"No projection named '{name}'. Known projections: {string.Join(", ", known)}.",
                extensions: new Dictionary<string, object?> { ["knownProjections"] = known });

        var watch = Stopwatch.StartNew();
        await coordinator.DaemonForMainDatabase().RebuildProjectionAsync(match, ct);
        return Results.Ok(new ProjectionRebuilt(match, watch.Elapsed.TotalSeconds));
    }

    public static IReadOnlyList<string> KnownProjections(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Options.Events.Projections().Select(p => p.Name).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
