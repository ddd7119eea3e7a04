using System.Text.Json;
using Marten;
using Monolith.Supplier.Contracts;
using Monolith.Testing;
using Wolverine;

namespace Monolith.Webhooks.Tests;

[Collection(WebhooksCollection.Name)]
public class when_a_subscribed_event_happens(WebhooksFixture app)
{
    [Fact]
    public async Task a_decided_document_is_posted_signed_to_the_customers_receiver_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var otherCustomers = await WebhookReceiver.StartAsync();
        var subscription = await app.SubscribeAsync("acme", receiver.Url, "document.decided");
        var other = await app.SubscribeAsync("globex", otherCustomers.Url, "document.decided", "document.reviewed");

        var document = await app.Host.UploadTextAndWaitAsync(SampleDocuments.Invoice("WH-1001"), "acme", "finance");
        var documentId = document.GetProperty("id").GetGuid();

        var received = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1));
        Assert.True(WebhookSignature.Verify(subscription.Secret, received.Body, received.Signature), $"bad signature {received.Signature}");
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        Assert.Equal(["id", "type", "occurredAt", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("document.decided", root.GetProperty("type").GetString());
        Assert.Equal(received.DeliveryId, root.GetProperty("id").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(documentId, data.GetProperty("documentId").GetGuid());
        Assert.Equal(document.GetProperty("status").GetString(), data.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("decision").GetString()));
        Assert.Equal("finance", data.GetProperty("department").GetString());
        Assert.Equal($"/api/documents/{documentId}", data.GetProperty("link").GetString());

        var history = (await app.SettledDeliveriesAsync("acme", subscription.Id)).EnumerateArray().Single();
        Assert.Equal("Delivered", history.GetProperty("status").GetString());
        Assert.Equal(1, history.GetProperty("attempts").GetInt32());
        Assert.Equal(204, history.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(received.DeliveryId, history.GetProperty("id").GetString());

        // Fan-out for acme's message is one transaction: had globex been matched, its delivery would exist by now.
        Assert.Empty(otherCustomers.Received);
        Assert.Equal(0, (await app.DeliveriesAsync("globex", other.Id)).GetArrayLength());
    }

    [Fact]
    public async Task a_finished_supplier_analysis_is_posted_once_even_if_the_message_arrives_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await app.SubscribeAsync("initech", receiver.Url, "supplier-analysis.finished");
        var finished = Finished();

        for (var i = 0; i < 2; i++)
            await app.Host.ExecuteAndTrackAsync(() => app.Host.MessageBus().PublishForTenantAsync("initech", finished));

        var history = await app.SettledDeliveriesAsync("initech", subscription.Id);
        Assert.Equal("Delivered", history[0].GetProperty("status").GetString());
        var received = Assert.Single(receiver.Received);
        Assert.True(WebhookSignature.Verify(subscription.Secret, received.Body, received.Signature));
        var data = JsonDocument.Parse(received.Body).RootElement.GetProperty("data");
        Assert.Equal(finished.AnalysisId, data.GetProperty("analysisId").GetGuid());
        Assert.Equal("Completed", data.GetProperty("status").GetString());
        Assert.Equal("54", data.GetProperty("industry").GetProperty("code").GetString());
        Assert.Equal($"/api/supplier-analyses/{finished.AnalysisId}", data.GetProperty("link").GetString());
    }

    [Fact]
    public async Task a_receiver_that_fails_at_first_gets_the_same_delivery_until_it_accepts_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var subscription = await app.SubscribeAsync("hooli", receiver.Url, "supplier-analysis.finished");

        await app.Host.MessageBus().PublishForTenantAsync("hooli", Finished());

        var history = (await app.SettledDeliveriesAsync("hooli", subscription.Id)).EnumerateArray().Single();
        Assert.Equal("Delivered", history.GetProperty("status").GetString());
        Assert.Equal(3, history.GetProperty("attempts").GetInt32());
        var received = receiver.Received.ToList();
        Assert.Equal([500, 500, 204], received.Select(r => r.AnsweredWith));
        Assert.Single(received.Select(r => r.DeliveryId).Distinct());
        Assert.Equal(history.GetProperty("id").GetString(), received[0].DeliveryId);
        Assert.Single(received.Select(r => Convert.ToBase64String(r.Body)).Distinct());
    }

    [Fact]
    public async Task a_receiver_that_keeps_failing_ends_failed_after_the_last_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var subscription = await app.SubscribeAsync("pied-piper", receiver.Url, "supplier-analysis.finished");

        await app.Host.MessageBus().PublishForTenantAsync("pied-piper", Finished());

        var history = (await app.SettledDeliveriesAsync("pied-piper", subscription.Id)).EnumerateArray().Single();
        Assert.Equal("Failed", history.GetProperty("status").GetString());
        Assert.Equal(WebhooksFixture.MaxAttempts, history.GetProperty("attempts").GetInt32());
        Assert.Equal(500, history.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(WebhooksFixture.MaxAttempts, receiver.Received.Count);
    }

    [Fact]
    public async Task a_receiver_whose_address_became_private_is_refused_at_delivery_and_recorded_as_failed()
    {
        // Stored directly: a subscription that passed the check when created, whose host now resolves to a private address.
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(), Url = "http://10.255.255.1:8080/hook", Events = ["supplier-analysis.finished"],
            Secret = WebhookSignature.NewSecret(), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        };
        await using (var session = app.Store.LightweightSession("vandelay"))
        {
            session.Store(subscription);
            await session.SaveChangesAsync();
        }

        await app.Host.MessageBus().PublishForTenantAsync("vandelay", Finished());

        var history = (await app.SettledDeliveriesAsync("vandelay", subscription.Id)).EnumerateArray().Single();
        Assert.Equal("Failed", history.GetProperty("status").GetString());
        Assert.Equal(1, history.GetProperty("attempts").GetInt32());
        Assert.Contains("10.255.255.1", history.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains("non-public", history.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task while_the_subscriptions_circuit_is_open_deliveries_wait_and_are_sent_after_the_cool_down()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await app.SubscribeAsync("circuit", receiver.Url, "supplier-analysis.finished");
        var openUntil = DateTimeOffset.UtcNow.AddSeconds(3);
        await using (var session = app.Store.LightweightSession("circuit"))
        {
            session.Store(new WebhookCircuit { Id = subscription.Id, ConsecutiveFailures = 100, OpenUntil = openUntil });
            await session.SaveChangesAsync();
        }

        await app.Host.MessageBus().PublishForTenantAsync("circuit", Finished());

        var postponed = (await Eventually.GetAsync(() => app.DeliveriesAsync("circuit", subscription.Id),
            d => d.GetArrayLength() == 1 && d[0].GetProperty("nextAttemptAt").ValueKind == JsonValueKind.String
                 && d[0].GetProperty("nextAttemptAt").GetDateTimeOffset() >= openUntil.AddMilliseconds(-1), TimeSpan.FromSeconds(30), "a postponed delivery"))[0];
        Assert.Equal("Pending", postponed.GetProperty("status").GetString());
        Assert.Equal(0, postponed.GetProperty("attempts").GetInt32());
        Assert.Empty(receiver.Received);

        var delivered = (await app.SettledDeliveriesAsync("circuit", subscription.Id))[0];
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
        Assert.True(delivered.GetProperty("lastAttemptAt").GetDateTimeOffset() >= openUntil.AddMilliseconds(-1));
        Assert.Single(receiver.Received);
        var listed = Assert.Single(await app.Host.GetJsonAsync<JsonElement[]>("/api/webhooks", "circuit"));
        Assert.Equal(0, listed.GetProperty("consecutiveFailures").GetInt32());
    }

    private static SupplierAnalysisCompleted Finished() => new(Guid.CreateVersion7(), "brightpath.example", "https://brightpath.example/",
        "GB", "GBP", "Completed", "BrightPath IT Ltd", new IndustryRef("54", "Professional, Scientific, and Technical Services"), [], [],
        DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
}
