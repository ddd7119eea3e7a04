using Monolith.BuildingBlocks.Resilience;

namespace Monolith.Webhooks.Delivery;

/// <summary>How one attempt ended: a 2xx, another status, a transport error, or refused before connecting (SSRF rule).</summary>
public sealed record AttemptOutcome(int? StatusCode, string? Error, bool Refused = false)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static AttemptOutcome Answered(int statusCode) =>
        new(statusCode, statusCode is >= 200 and < 300 ? null : $"The receiver answered {statusCode}.");
}

/// <summary>What to do with a delivery: try now, or wait until the subscription's circuit closes.</summary>
public abstract record BeforeAttempt
{
    public sealed record Send : BeforeAttempt;

    public sealed record Postpone(DateTimeOffset Until) : BeforeAttempt;
}

/// <summary>The delivery and circuit after an attempt, and when to try again (null: done, delivered or failed for good).</summary>
public sealed record AfterAttempt(WebhookDelivery Delivery, WebhookCircuit Circuit, TimeSpan? RetryIn);

/// <summary>
/// The delivery rules, pure: the circuit decision before an attempt, and the record, circuit and backoff after it.
/// </summary>
public static class DeliveryDecider
{
    public static BeforeAttempt Before(WebhookCircuit circuit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return circuit.OpenUntil is { } until && until > now ? new BeforeAttempt.Postpone(until) : new BeforeAttempt.Send();
    }

    /// <summary>
    /// Success closes the circuit; a failure counts towards it (a refusal by the address rule does not: the receiver was
    /// never asked) and opens it at the threshold — again after the cool-down if the trial attempt fails too. A refusal,
    /// or a failure of the last allowed attempt, fails the delivery; any other failure retries after the backoff.
    /// </summary>
    public static AfterAttempt After(WebhookDelivery delivery, WebhookCircuit circuit, AttemptOutcome outcome, WebhookOptions options,
        DateTimeOffset now, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = delivery.Attempts + 1;
        var recorded = Copy(delivery);
        recorded.Attempts = attempts;
        recorded.LastAttemptAt = now;
        recorded.LastStatusCode = outcome.StatusCode;
        recorded.LastError = outcome.Error;
        recorded.NextAttemptAt = null;

        if (outcome.Succeeded)
        {
            recorded.Status = DeliveryStatus.Delivered;
            recorded.DeliveredAt = now;
            return new(recorded, new WebhookCircuit { Id = circuit.Id }, null);
        }

        var failures = outcome.Refused ? circuit.ConsecutiveFailures : circuit.ConsecutiveFailures + 1;
        var next = new WebhookCircuit
        {
            Id = circuit.Id,
            ConsecutiveFailures = failures,
            OpenUntil = !outcome.Refused && failures >= options.CircuitFailureThreshold ? now + options.CircuitCooldown : circuit.OpenUntil,
        };
        if (outcome.Refused || attempts >= options.MaxAttempts)
        {
            recorded.Status = DeliveryStatus.Failed;
            return new(recorded, next, null);
        }

        var delay = Backoff(attempts, options, random);
        recorded.Status = DeliveryStatus.Pending;
        recorded.NextAttemptAt = now + delay;
        return new(recorded, next, delay);
    }

    /// <summary>Wait after failed attempt number <paramref name="failedAttempt"/> (1 = the first): base·2^(n-1) with equal jitter, capped.</summary>
    public static TimeSpan Backoff(int failedAttempt, WebhookOptions options, Func<double> random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        ArgumentNullException.ThrowIfNull(options);
        return BackoffDelay.Compute(failedAttempt - 1, options.BackoffBase, options.MaxBackoff, retryAfter: null, random);
    }

    private static WebhookDelivery Copy(WebhookDelivery d) => new()
    {
        Id = d.Id, SubscriptionId = d.SubscriptionId, Type = d.Type, Body = d.Body, Status = d.Status, Attempts = d.Attempts,
        LastStatusCode = d.LastStatusCode, LastError = d.LastError, CreatedAt = d.CreatedAt, LastAttemptAt = d.LastAttemptAt,
        NextAttemptAt = d.NextAttemptAt, DeliveredAt = d.DeliveredAt,
    };
}
