using System.Net;
using System.Text.Json;
using Alba;
using Monolith.BuildingBlocks.Access;
using Monolith.Testing;

namespace Monolith.Webhooks.Tests;

[Collection(WebhooksCollection.Name)]
public class when_a_subscription_is_requested(WebhooksFixture app)
{
    [Theory]
    [InlineData(null, "url")]
    [InlineData("/hooks/relative", "url")]
    [InlineData("ftp://files.example.com/hook", "url")]
    [InlineData("https://user:pass@crm.example.com/hook", "url")]
    [InlineData("http://10.1.2.3/hook", "url")]
    [InlineData("http://169.254.169.254/latest/meta-data", "url")]
    [InlineData("http://[::1]:8080/hook", "url")]
    public async Task a_bad_or_private_url_is_a_400_naming_the_url(string? url, string field) =>
        await AssertRefused(new { url, events = new[] { "document.decided" } }, field);

    [Fact]
    public async Task an_unknown_event_is_a_400_naming_the_events() =>
        Assert.Contains("document.exploded", await AssertRefused(new { url = "https://crm.example.com/hook", events = new[] { "document.exploded" } }, "events"),
            StringComparison.Ordinal);

    [Fact]
    public async Task no_events_is_a_400_naming_the_events() =>
        await AssertRefused(new { url = "https://crm.example.com/hook", events = Array.Empty<string>() }, "events");

    private async Task<string> AssertRefused(object body, string field)
    {
        // A customer of its own per case, so one wrongly accepted subscription cannot fail the other cases.
        var tenant = $"refusals-{Guid.NewGuid():N}"[..20];
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/webhooks");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        Assert.Equal("application/problem+json", result.Context.Response.ContentType?.Split(';')[0]);
        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        Assert.Empty(await app.Host.GetJsonAsync<JsonElement[]>("/api/webhooks", tenant));
        return errors.GetProperty(field)[0].GetString()!;
    }

    [Fact]
    public async Task only_admins_may_manage_webhooks()
    {
        var operatorKey = await app.KeyAsync("roles", AccessRole.Operator);
        foreach (var (method, url) in new[] { ("POST", "/api/webhooks"), ("GET", "/api/webhooks"), ("GET", $"/api/webhooks/{Guid.NewGuid()}/deliveries"), ("DELETE", $"/api/webhooks/{Guid.NewGuid()}") })
        {
            await app.Host.Scenario(s =>
            {
                if (method == "POST") s.Post.Json(new { url = "https://crm.example.com/hook", events = new[] { "document.decided" } }).ToUrl(url);
                else if (method == "GET") s.Get.Url(url);
                else s.Delete.Url(url);
                s.WithRequestHeader("Authorization", "Bearer " + operatorKey);
                s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
            });
        }
    }

    [Fact]
    public async Task another_customer_neither_sees_nor_deletes_it_and_the_secret_is_shown_only_once()
    {
        var created = await app.SubscribeAsync("wayne", new Uri("https://crm.example.com/hooks/wayne"), "document.reviewed", "prospect-analysis.finished");
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);

        Assert.Empty(await app.Host.GetJsonAsync<JsonElement[]>("/api/webhooks", "stark"));
        foreach (var (method, url) in new[] { ("DELETE", $"/api/webhooks/{created.Id}"), ("GET", $"/api/webhooks/{created.Id}/deliveries") })
        {
            await app.Host.Scenario(s =>
            {
                if (method == "GET") s.Get.Url(url); else s.Delete.Url(url);
                s.WithRequestHeader("X-Customer-Id", "stark");
                s.StatusCodeShouldBe(HttpStatusCode.NotFound);
            });
        }

        var listed = Assert.Single(await app.Host.GetJsonAsync<JsonElement[]>("/api/webhooks", "wayne"));
        Assert.Equal(created.Id, listed.GetProperty("id").GetGuid());
        Assert.Equal(["document.reviewed", "prospect-analysis.finished"], listed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(created.Secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.False(listed.TryGetProperty("secret", out _));

        await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/webhooks/{created.Id}");
            s.WithRequestHeader("X-Customer-Id", "wayne");
            s.StatusCodeShouldBe(HttpStatusCode.NoContent);
        });
        Assert.Empty(await app.Host.GetJsonAsync<JsonElement[]>("/api/webhooks", "wayne"));
    }
}
