using System.ComponentModel.DataAnnotations;

namespace Monolith.Webhooks;

/// <summary>
/// Section <c>Webhooks</c>: how deliveries are sent and retried. Validated at start-up. Which hosts a webhook may reach is
/// the website fetcher's rule (<c>WebFetch:AllowedHosts</c>, <c>WebFetch:HostAddresses</c>), not a setting of its own.
/// </summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>Longest wait for a receiver's answer to one attempt.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per delivery, the first included; after the last failed one the delivery is Failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; it doubles after each failed attempt (with jitter), capped at <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(1, 3_600_000)]
    public int BackoffBaseMilliseconds { get; set; } = 30_000;

    /// <summary>Longest wait between two attempts of one delivery.</summary>
    [Range(1, 86_400)]
    public int MaxBackoffSeconds { get; set; } = 3_600;

    /// <summary>Consecutive failed attempts to one subscription (any of its deliveries) that open its circuit.</summary>
    [Range(1, 1_000)]
    public int CircuitFailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit postpones the subscription's deliveries before one is tried again.</summary>
    [Range(1, 86_400)]
    public int CircuitCooldownSeconds { get; set; } = 300;

    /// <summary>Subscriptions one customer may have.</summary>
    [Range(1, 1_000)]
    public int MaxSubscriptionsPerCustomer { get; set; } = 20;

    /// <summary>Deliveries shown per subscription in its history (newest first).</summary>
    [Range(1, 10_000)]
    public int HistoryLimit { get; set; } = 100;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan BackoffBase => TimeSpan.FromMilliseconds(BackoffBaseMilliseconds);

    public TimeSpan MaxBackoff => TimeSpan.FromSeconds(MaxBackoffSeconds);

    public TimeSpan CircuitCooldown => TimeSpan.FromSeconds(CircuitCooldownSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxBackoff < BackoffBase)
            yield return new ValidationResult("must be at least BackoffBaseMilliseconds", [nameof(MaxBackoffSeconds)]);
    }
}
