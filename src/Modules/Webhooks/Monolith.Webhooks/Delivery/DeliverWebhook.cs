using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Monolith.Webhooks.Delivery;

/// <summary>Send (or try again to send) one delivery. Travels through the durable outbox, scheduled for retries.</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>
/// One attempt per message: postponed while the subscription's circuit is open, otherwise sent, recorded, and on a
/// failure sent again to itself with the backoff as a scheduled message (durable, so retries survive a restart).
/// </summary>
public static class DeliverWebhookHandler
{
    public static async Task<OutgoingMessages> Handle(DeliverWebhook message, Envelope envelope, IDocumentSession session,
        IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var delivery = await session.LoadAsync<WebhookDelivery>(message.DeliveryId, ct);
        if (delivery is not { Status: DeliveryStatus.Pending }) return outgoing;
        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct);
        if (subscription is null)
        {
            // Deleted meanwhile: its history went with it.
            session.Delete(delivery);
            return outgoing;
        }

        var circuit = await session.LoadAsync<WebhookCircuit>(subscription.Id, ct) ?? new WebhookCircuit { Id = subscription.Id };
        if (DeliveryDecider.Before(circuit, clock.GetUtcNow()) is BeforeAttempt.Postpone postpone)
        {
            delivery.NextAttemptAt = postpone.Until;
            session.Store(delivery);
            outgoing.Add(message, Later(envelope, postpone.Until - clock.GetUtcNow()));
            return outgoing;
        }

        var outcome = await WebhookSender.SendAsync(clients.CreateClient(WebhookSender.ClientName), subscription.Url, subscription.Secret, delivery, ct);
        var after = DeliveryDecider.After(delivery, circuit, outcome, options.Value, clock.GetUtcNow(), Random.Shared.NextDouble);
        session.Store(after.Delivery);
        session.Store(after.Circuit);
        if (after.RetryIn is { } delay) outgoing.Add(message, Later(envelope, delay));
        return outgoing;
    }

    internal static DeliveryOptions Later(Envelope envelope, TimeSpan delay) =>
        new() { TenantId = envelope.TenantId, ScheduleDelay = delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1) };
}
