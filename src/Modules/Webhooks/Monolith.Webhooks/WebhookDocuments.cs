namespace Monolith.Webhooks;

/// <summary>
/// A customer's subscription (a Marten document, tenanted like every document). The secret is kept because every
/// delivery is signed with it; it leaves the service only in the answer that created the subscription.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public List<string> Events { get; set; } = [];
    public string Secret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>
/// The subscription's circuit, a document of its own (id = the subscription's) so that delivery handlers writing it can
/// never bring a deleted subscription back. Written by concurrent deliveries without a lock: a lost increment only
/// delays opening the circuit by one failure.
/// </summary>
public sealed class WebhookCircuit
{
    public Guid Id { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? OpenUntil { get; set; }
}

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One event for one subscription, and how sending it went. <see cref="Body"/> is the exact JSON sent on every attempt,
/// so every attempt carries the same delivery id and the same signature.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public string Type { get; set; } = "";
    public string Body { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
