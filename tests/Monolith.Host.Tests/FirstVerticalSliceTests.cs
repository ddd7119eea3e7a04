using System.Net;
using Alba;
using Marten;
using Monolith.Supplier.Contracts;
using Monolith.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Monolith.Host.Tests;

/// <summary>
/// The whole shape end to end: HTTP into Supplier appends an event, a contract message crosses to Analytics
/// through the durable outbox, and Analytics' read model shows it. Waits on Wolverine's tracking, never sleeps.
/// </summary>
public class when_a_supplier_analysis_is_requested(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Accepted(Guid Id, string Url, string Domain, string Country, string Currency, string Status);
    private sealed record HistoryEntry(Guid AnalysisId, string Kind, string Url, string Country);
    private sealed record History(string Domain, List<HistoryEntry> Analyses);

    [Fact]
    public async Task the_event_is_stored_the_message_crosses_the_outbox_and_analytics_shows_it()
    {
        IScenarioResult? result = null;
        var tracked = await app.Host.ExecuteAndTrackAsync(async () =>
        {
            result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { url = "HTTPS://WWW.Müller-Bau.de/about?utm_source=mail#team", country = "de" }).ToUrl("/api/supplier-analyses");
                s.WithRequestHeader("X-Customer-Id", "acme");
                s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            });
        });

        var accepted = await result!.ReadAsJsonAsync<Accepted>();
        Assert.Equal("https://www.xn--mller-bau-q9a.de/about", accepted!.Url);
        Assert.Equal("xn--mller-bau-q9a.de", accepted.Domain);
        Assert.Equal("EUR", accepted.Currency);
        Assert.Equal($"/api/supplier-analyses/{accepted.Id}", result.Context.Response.Headers.Location.ToString());

        // The contract message went through the outbox and was handled (by Analytics and by the dashboard's live feed).
        var published = tracked.Executed.MessagesOf<SupplierAnalysisRequested>().Distinct().Single();
        Assert.Equal(accepted.Id, published.AnalysisId);

        // The step is an event in the Supplier stream, for the request's tenant.
        await using (var session = app.Store.LightweightSession("acme"))
        {
            var events = await session.Events.FetchStreamAsync(accepted.Id);
            Assert.Equal("AnalysisRequested", events[0].EventType.Name);
        }

        var history = await app.Host.GetJsonAsync<History>($"/api/analytics/companies/{accepted.Domain}/history", "acme");
        var entry = Assert.Single(history.Analyses);
        Assert.Equal(accepted.Id, entry.AnalysisId);
        Assert.Equal("supplier", entry.Kind);

        // The site cannot be resolved from here: the crawl step fails with the reason and the analysis ends Failed, not hanging.
        var view = await app.Host.GetJsonAsync<System.Text.Json.JsonElement>($"/api/supplier-analyses/{accepted.Id}", "acme");
        Assert.Equal("Failed", view.GetProperty("status").GetString());
        var crawl = view.GetProperty("steps")[0];
        Assert.Equal("crawl", crawl.GetProperty("name").GetString());
        Assert.Contains("xn--mller-bau-q9a.de", crawl.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_same_message_delivered_twice_is_recorded_once()
    {
        var message = new SupplierAnalysisRequested(Guid.CreateVersion7(), "twice.example", "https://twice.example/", "FR", DateTimeOffset.UtcNow);
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await app.Host.ExecuteAndTrackAsync(() =>
                app.Host.MessageBus().PublishForTenantAsync("acme", message));
        }

        var history = await app.Host.GetJsonAsync<History>("/api/analytics/companies/twice.example/history", "acme");
        Assert.Single(history.Analyses);
    }
}
