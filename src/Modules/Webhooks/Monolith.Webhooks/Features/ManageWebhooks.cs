using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Access;
using Wolverine.Http;

namespace Monolith.Webhooks.Features;

/// <summary>One delivery in a subscription's history (the body is what the receiver got; it holds no secret).</summary>
public sealed record DeliveryView(Guid Id, string Type, DeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryView Of(WebhookDelivery d) =>
        new(d.Id, d.Type, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt);
}

public static class ListWebhooksEndpoint
{
    /// <summary>The customer's subscriptions with their circuit state (never the secrets).</summary>
    [WolverineGet("/api/webhooks", OperationId = "ListWebhooks")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Webhooks")]
    [ProducesResponseType<IReadOnlyList<WebhookView>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<WebhookView>> Get(IQuerySession session, CancellationToken ct)
    {
        var subscriptions = await session.Query<WebhookSubscription>().OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var circuits = (await session.LoadManyAsync<WebhookCircuit>(ct, subscriptions.Select(s => s.Id))).ToDictionary(c => c.Id);
        return [.. subscriptions.Select(s => WebhookView.Of(s, circuits.GetValueOrDefault(s.Id)))];
    }
}

public static class DeleteWebhookEndpoint
{
    /// <summary>Deletes a subscription, its circuit and its delivery history; deliveries still queued are dropped.</summary>
    [WolverineDelete("/api/webhooks/{id}", OperationId = "DeleteWebhook")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Webhooks")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Delete(Guid id, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<WebhookSubscription>(id, ct) is null) return NotFound(id);
        session.Delete<WebhookSubscription>(id);
        session.Delete<WebhookCircuit>(id);
        session.DeleteWhere<WebhookDelivery>(d => d.SubscriptionId == id);
        return Results.NoContent();
    }

    internal static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Webhook not found", detail: $"No webhook subscription {id}.");
}

public static class WebhookDeliveriesEndpoint
{
    /// <summary>The subscription's deliveries, newest first (at most Webhooks:HistoryLimit).</summary>
    [WolverineGet("/api/webhooks/{id}/deliveries", OperationId = "ListWebhookDeliveries")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Webhooks")]
    [ProducesResponseType<IReadOnlyList<DeliveryView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, IOptions<WebhookOptions> options, CancellationToken ct)
    {
        if (await session.LoadAsync<WebhookSubscription>(id, ct) is null) return DeleteWebhookEndpoint.NotFound(id);
        var deliveries = await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.CreatedAt).Take(options.Value.HistoryLimit).ToListAsync(ct);
        return Results.Ok(deliveries.Select(DeliveryView.Of).ToList());
    }
}
