using Monolith.Documents.Contracts;
using Monolith.Webhooks.Delivery;
using Monolith.Webhooks.Features;

namespace Monolith.Webhooks.Tests;

/// <summary>The pure parts: no database, no network.</summary>
public class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Options = new()
    {
        MaxAttempts = 4, BackoffBaseMilliseconds = 1_000, MaxBackoffSeconds = 5, CircuitFailureThreshold = 3, CircuitCooldownSeconds = 60,
    };

    [Fact]
    public void the_signature_is_the_hex_hmac_sha256_of_the_body_keyed_with_the_secret()
    {
        // RFC 4231 test case 2.
        var body = "what do ya want for nothing?"u8.ToArray();
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", WebhookSignature.Sign("Jefe", body));
        Assert.True(WebhookSignature.Verify("Jefe", body, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        Assert.False(WebhookSignature.Verify("Jefe", "what do ya want for nothing!"u8, WebhookSignature.Sign("Jefe", body)));
        Assert.False(WebhookSignature.Verify("jefe", body, WebhookSignature.Sign("Jefe", body)));
        Assert.False(WebhookSignature.Verify("Jefe", body, null));
        Assert.NotEqual(WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1_000)]
    [InlineData(2, 1.0, 2_000)]
    [InlineData(3, 1.0, 4_000)]
    [InlineData(4, 1.0, 5_000)]
    [InlineData(9, 0.0, 2_500)]
    public void the_backoff_doubles_with_jitter_up_to_the_cap(int failedAttempt, double random, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DeliveryDecider.Backoff(failedAttempt, Options, () => random));

    [Fact]
    public void a_failure_is_retried_after_the_backoff_and_the_last_allowed_one_fails_the_delivery()
    {
        var delivery = Pending();
        var circuit = new WebhookCircuit { Id = delivery.SubscriptionId };
        for (var attempt = 1; attempt < Options.MaxAttempts; attempt++)
        {
            var after = DeliveryDecider.After(delivery, circuit, AttemptOutcome.Answered(503), Options, Now, () => 1.0);
            Assert.Equal(DeliveryStatus.Pending, after.Delivery.Status);
            Assert.Equal(attempt, after.Delivery.Attempts);
            Assert.Equal(DeliveryDecider.Backoff(attempt, Options, () => 1.0), after.RetryIn);
            Assert.Equal(Now + after.RetryIn, after.Delivery.NextAttemptAt);
            (delivery, circuit) = (after.Delivery, after.Circuit);
        }
        var last = DeliveryDecider.After(delivery, circuit, AttemptOutcome.Answered(503), Options, Now, () => 1.0);
        Assert.Equal(DeliveryStatus.Failed, last.Delivery.Status);
        Assert.Null(last.RetryIn);
        Assert.Equal(503, last.Delivery.LastStatusCode);
        Assert.Contains("503", last.Delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void consecutive_failures_open_the_circuit_which_postpones_until_the_cool_down_and_a_success_closes_it()
    {
        var circuit = new WebhookCircuit { Id = Guid.NewGuid() };
        for (var i = 0; i < Options.CircuitFailureThreshold; i++)
        {
            Assert.IsType<BeforeAttempt.Send>(DeliveryDecider.Before(circuit, Now));
            circuit = DeliveryDecider.After(Pending(), circuit, new AttemptOutcome(null, "Connection refused"), Options, Now, () => 0.5).Circuit;
        }
        Assert.Equal(Now + Options.CircuitCooldown, circuit.OpenUntil);
        Assert.Equal(new BeforeAttempt.Postpone(Now + Options.CircuitCooldown), DeliveryDecider.Before(circuit, Now.AddSeconds(59)));

        // After the cool-down one attempt goes through; failing again re-opens at once, succeeding closes.
        var later = Now.AddSeconds(61);
        Assert.IsType<BeforeAttempt.Send>(DeliveryDecider.Before(circuit, later));
        Assert.Equal(later + Options.CircuitCooldown,
            DeliveryDecider.After(Pending(), circuit, AttemptOutcome.Answered(500), Options, later, () => 0.5).Circuit.OpenUntil);
        var closed = DeliveryDecider.After(Pending(), circuit, AttemptOutcome.Answered(200), Options, later, () => 0.5);
        Assert.Equal(0, closed.Circuit.ConsecutiveFailures);
        Assert.Null(closed.Circuit.OpenUntil);
        Assert.Equal(DeliveryStatus.Delivered, closed.Delivery.Status);
        Assert.Equal(later, closed.Delivery.DeliveredAt);
        Assert.Null(closed.RetryIn);
    }

    [Fact]
    public void a_refused_address_fails_the_delivery_at_once_without_counting_against_the_circuit()
    {
        var circuit = new WebhookCircuit { Id = Guid.NewGuid(), ConsecutiveFailures = 2 };
        var after = DeliveryDecider.After(Pending(), circuit, new AttemptOutcome(null, "Refused: not public", Refused: true), Options, Now, () => 0.5);
        Assert.Equal(DeliveryStatus.Failed, after.Delivery.Status);
        Assert.Equal(1, after.Delivery.Attempts);
        Assert.Null(after.RetryIn);
        Assert.Equal(2, after.Circuit.ConsecutiveFailures);
        Assert.Null(after.Circuit.OpenUntil);
    }

    [Fact]
    public void event_names_match_exactly_after_normalising()
    {
        Assert.Equal("document.decided", WebhookEvents.Normalise(" Document.Decided "));
        Assert.Null(WebhookEvents.Normalise("document"));
        Assert.Null(WebhookEvents.Normalise(null));
        Assert.True(WebhookEvents.Matches(["document.reviewed", "document.decided"], "document.decided"));
        Assert.False(WebhookEvents.Matches(["document.reviewed"], "document.decided"));
    }

    [Theory]
    [InlineData("Decided", "Automated", true)]
    [InlineData("NeedsReview", "NeedsReview", true)]
    [InlineData("Failed", null, false)]
    [InlineData("Failed", "Manual", false)]
    public void only_a_document_with_a_decision_is_decided(string status, string? decision, bool published)
    {
        var processed = new DocumentProcessed(Guid.NewGuid(), status, "Invoice", decision, 0.9, 0.9, 0.9, 0.9, 0, "finance", null, null, Now, Now);
        var occurred = WebhookEvents.From(processed);
        Assert.Equal(published, occurred is not null);
        if (occurred is not null) Assert.Equal(WebhookEvents.From(processed)!.Key, occurred.Key);
    }

    [Fact]
    public void the_same_occurrence_for_the_same_subscription_gets_the_same_delivery_id()
    {
        var subscription = Guid.NewGuid();
        Assert.Equal(Inbound.WebhookFanOut.DeliveryId(subscription, "k"), Inbound.WebhookFanOut.DeliveryId(subscription, "k"));
        Assert.NotEqual(Inbound.WebhookFanOut.DeliveryId(subscription, "k"), Inbound.WebhookFanOut.DeliveryId(Guid.NewGuid(), "k"));
    }

    [Fact]
    public void subscription_rules_name_each_bad_field()
    {
        Assert.Empty(SubscribeRules.Problems(new Subscribe("https://crm.example.com/h", ["document.decided", "DOCUMENT.DECIDED"]), out var url, out var events));
        Assert.Equal("https://crm.example.com/h", url!.AbsoluteUri);
        Assert.Equal(["document.decided"], events);
        Assert.Equal(["url", "events"], SubscribeRules.Problems(new Subscribe("mailto:a@b.c", null), out _, out _).Keys);
    }

    private static WebhookDelivery Pending() => new()
    {
        Id = Guid.NewGuid(), SubscriptionId = Guid.NewGuid(), Type = "document.decided", Body = "{}", Status = DeliveryStatus.Pending, CreatedAt = Now,
    };
}
