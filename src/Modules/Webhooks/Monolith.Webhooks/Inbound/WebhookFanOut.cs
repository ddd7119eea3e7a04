using System.Text.Json;
using Marten;
using Monolith.BuildingBlocks.Messaging;
using Monolith.Documents.Contracts;
using Monolith.Prospect.Contracts;
using Monolith.Supplier.Contracts;
using Monolith.Webhooks.Delivery;
using Wolverine;

namespace Monolith.Webhooks.Inbound;

/// <summary>
/// Turns another module's contract message into one delivery per subscription of the message's customer (the envelope's
/// tenant opens the session, so another customer's subscriptions are never seen). Records and <see cref="DeliverWebhook"/>
/// messages commit together (outbox). Delivery ids are derived from subscription and occurrence, so the same contract
/// message handled twice adds nothing.
/// </summary>
public static class WebhookFanOut
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<OutgoingMessages> DeliverAsync(WebhookEvent? occurred, Envelope envelope, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (occurred is null) return outgoing;
        var subscriptions = await session.Query<WebhookSubscription>().Where(s => s.Events.Contains(occurred.Type)).ToListAsync(ct);
        if (subscriptions.Count == 0) return outgoing;

        var ids = subscriptions.ToDictionary(s => s.Id, s => DeliveryId(s.Id, occurred.Key));
        var existing = (await session.LoadManyAsync<WebhookDelivery>(ct, ids.Values)).Select(d => d.Id).ToHashSet();
        foreach (var subscription in subscriptions.Where(s => WebhookEvents.Matches(s.Events, occurred.Type)))
        {
            var id = ids[subscription.Id];
            if (existing.Contains(id)) continue;
            session.Store(new WebhookDelivery
            {
                Id = id, SubscriptionId = subscription.Id, Type = occurred.Type, Body = Body(id, occurred),
                Status = DeliveryStatus.Pending, CreatedAt = clock.GetUtcNow(), NextAttemptAt = clock.GetUtcNow(),
            });
            outgoing.Add(new DeliverWebhook(id), new DeliveryOptions { TenantId = envelope.TenantId });
        }
        return outgoing;
    }

    public static Guid DeliveryId(Guid subscriptionId, string occurrenceKey) => NameBasedGuid.From($"webhook/{subscriptionId:N}/{occurrenceKey}");

    /// <summary>The JSON sent on every attempt: <c>{id, type, occurredAt, data}</c>.</summary>
    public static string Body(Guid deliveryId, WebhookEvent occurred)
    {
        ArgumentNullException.ThrowIfNull(occurred);
        return JsonSerializer.Serialize(new { id = deliveryId, type = occurred.Type, occurredAt = occurred.OccurredAt, data = occurred.Data }, Json);
    }
}

/// <summary>Webhooks' own queues for these messages (<c>MultipleHandlerBehavior.Separated</c>): a slow fan-out never holds up another module.</summary>
public static class DocumentWebhooksHandler
{
    public static Task<OutgoingMessages> Handle(DocumentProcessed message, Envelope envelope, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        WebhookFanOut.DeliverAsync(WebhookEvents.From(message), envelope, session, clock, ct);

    public static Task<OutgoingMessages> Handle(DocumentReviewCompleted message, Envelope envelope, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        WebhookFanOut.DeliverAsync(WebhookEvents.From(message), envelope, session, clock, ct);
}

public static class AnalysisWebhooksHandler
{
    public static Task<OutgoingMessages> Handle(SupplierAnalysisCompleted message, Envelope envelope, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        WebhookFanOut.DeliverAsync(WebhookEvents.From(message), envelope, session, clock, ct);

    public static Task<OutgoingMessages> Handle(ProspectAnalysisCompleted message, Envelope envelope, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        WebhookFanOut.DeliverAsync(WebhookEvents.From(message), envelope, session, clock, ct);
}
