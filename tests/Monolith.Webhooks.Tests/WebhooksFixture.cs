using System.Net;
using System.Text.Json;
using Alba;
using Monolith.Testing;

namespace Monolith.Webhooks.Tests;

/// <summary>
/// One Host for every webhook test (each test acts for its own customer): receivers on 127.0.0.1 are allowed as in a
/// local demo, retries wait milliseconds instead of minutes, and the circuit stays out of the way unless a test opens it.
/// </summary>
public sealed class WebhooksFixture : AppFixture
{
    public const int MaxAttempts = 4;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["WebFetch:AllowedHosts:0"] = "127.0.0.1",
        ["Webhooks:TimeoutSeconds"] = "5",
        ["Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:BackoffBaseMilliseconds"] = "100",
        ["Webhooks:MaxBackoffSeconds"] = "1",
        ["Webhooks:CircuitFailureThreshold"] = "100",
    };

    public sealed record Created(Guid Id, string Url, List<string> Events, string Secret);

    public async Task<Created> SubscribeAsync(string tenant, Uri url, params string[] events)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { url = url.ToString(), events }).ToUrl("/api/webhooks");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
        });
        return (await result.ReadAsJsonAsync<Created>())!;
    }

    public Task<JsonElement> DeliveriesAsync(string tenant, Guid subscription) =>
        Host.GetJsonAsync<JsonElement>($"/api/webhooks/{subscription}/deliveries", tenant);

    /// <summary>The subscription's history once every delivery in it has ended (Delivered or Failed) and there are <paramref name="count"/>.</summary>
    public Task<JsonElement> SettledDeliveriesAsync(string tenant, Guid subscription, int count = 1) =>
        Eventually.GetAsync(() => DeliveriesAsync(tenant, subscription),
            d => d.GetArrayLength() == count && d.EnumerateArray().All(x => x.GetProperty("status").GetString() != "Pending"),
            TimeSpan.FromSeconds(60), $"{count} settled deliveries of {subscription}");
}

[CollectionDefinition(Name)]
public sealed class WebhooksCollection : ICollectionFixture<WebhooksFixture>
{
    public const string Name = "webhooks";
}
