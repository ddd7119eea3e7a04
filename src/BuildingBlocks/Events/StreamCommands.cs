using Marten;
using Microsoft.AspNetCore.Http;
using Monolith.BuildingBlocks.Tenancy;
using Wolverine;
using Wolverine.Marten;

namespace Monolith.BuildingBlocks.Events;

/// <summary>
/// The body of a "do this to the stream, then carry on in the background" endpoint (e.g. <c>POST …/{id}/retry</c>): 404 for
/// another customer's or an unknown id; the module's pure <c>decide</c> answers the event to append and the body of the 202, or no event and the reason (409);
/// else the event is appended and <c>next</c> sent in one transaction (durable outbox), 202 with <c>location</c>.
/// </summary>
public static class StreamCommands
{
    public static async Task<IResult> AppendAndSendAsync<T>(HttpContext http, IDocumentStore store, IMartenOutbox outbox,
        Guid id, Func<T, (object? Event, object? Accepted, string? Problem)> decide, object next, string kind, string refusedTitle, string location, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(next);
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        await using var session = store.LightweightSession(tenant);
        var stream = await session.Events.FetchForWriting<T>(id, ct).ConfigureAwait(false);
        if (stream.Aggregate is not { } aggregate)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{kind} not found", detail: $"No {kind.ToLowerInvariant()} {id} for this customer.");
        var decision = decide(aggregate);
        if (decision.Event is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refusedTitle, detail: decision.Problem);
        outbox.Enroll(session);
        stream.AppendOne(decision.Event);
        await outbox.PublishAsync(next, new DeliveryOptions { TenantId = tenant }).ConfigureAwait(false);
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Accepted(location, decision.Accepted);
    }
}
