using Monolith.Testing.CompanySites;
using Xunit.Abstractions;

namespace Monolith.Host.Tests.ProviderOutages;

/// <summary>Websites: 3 attempts of at most 1 s per page; a site's own circuit opens after 6 failed attempts and stays open 2 s.</summary>
public sealed class WebsiteOutageFixture : OutageFixture
{
    public override OutageSettings LlmSettings => new(Retries: 0, TimeoutSeconds: 5, MinimumThroughput: 100, BreakSeconds: 30);

    public override OutageSettings WebSettings => new(Retries: 2, TimeoutSeconds: 1, MinimumThroughput: 6, BreakSeconds: 2);
}

public class when_company_websites_are_down(WebsiteOutageFixture app, ITestOutputHelper output) : IClassFixture<WebsiteOutageFixture>
{
    [Fact]
    public async Task a_5xx_storm_fails_the_crawl_with_a_reason_opens_the_sites_circuit_and_a_retry_completes_after_recovery()
    {
        const string site = "lumiere-logiciel.test";
        var settings = app.WebSettings;
        var before = app.Sites.TotalRequests;
        app.Sites.Outage = new SiteOutage.Status(503);
        try
        {
            var failed = await app.AnalyseAsync(site);
            var seen = app.Sites.TotalRequests - before;
            output.WriteLine($"5xx storm: {seen} requests ({Counts(site)})");
            Assert.Equal("Failed", failed.GetProperty("status").GetString());
            var reason = OutageFixture.Step(failed, "crawl").GetProperty("error").GetString();
            output.WriteLine($"reason: {reason}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.Equal(settings.MinimumThroughput, seen);   // retried per page until the site's circuit opened

            // While that site's circuit is open it gets no requests; another site has its own circuit.
            var blocked = await app.AnalyseAsync(site);
            Assert.Equal("Failed", blocked.GetProperty("status").GetString());
            Assert.Equal(seen, app.Sites.TotalRequests - before);
            output.WriteLine($"while open: reason {OutageFixture.Step(blocked, "crawl").GetProperty("error").GetString()}");

            app.Sites.Outage = null;
            await Task.Delay(TimeSpan.FromSeconds(settings.BreakSeconds + 0.2));
            foreach (var id in new[] { failed.GetProperty("id").GetGuid(), blocked.GetProperty("id").GetGuid() })
            {
                await app.RetryAsync(id);
                Assert.Equal("Completed", (await app.FinishedAsync(id, retries: 1)).GetProperty("status").GetString());
            }
        }
        finally
        {
            app.Sites.Outage = null;
        }
    }

    [Fact]
    public async Task a_hung_site_is_cut_at_the_attempt_timeout()
    {
        const string site = "sabores-del-sur.test";
        var before = app.Sites.TotalRequests;
        var started = DateTimeOffset.UtcNow;
        app.Sites.Outage = new SiteOutage.Hang();
        try
        {
            var failed = await app.AnalyseAsync(site);
            var elapsed = DateTimeOffset.UtcNow - started;
            var seen = app.Sites.TotalRequests - before;
            output.WriteLine($"hang: {seen} requests ({Counts(site)}), failed after {elapsed.TotalSeconds:0.0} s, " +
                             $"reason {OutageFixture.Step(failed, "crawl").GetProperty("error").GetString()}");
            Assert.Equal("Failed", failed.GetProperty("status").GetString());
            Assert.Equal(app.WebSettings.MinimumThroughput, seen);
            // At least one attempt timeout per request; the upper bound only says "not hung" (the first analysis also compiles handlers).
            Assert.InRange(elapsed.TotalSeconds, seen * app.WebSettings.TimeoutSeconds - 0.5, seen * app.WebSettings.TimeoutSeconds + 20);

            app.Sites.Outage = null;
            await Task.Delay(TimeSpan.FromSeconds(app.WebSettings.BreakSeconds + 0.2));
            var id = failed.GetProperty("id").GetGuid();
            await app.RetryAsync(id);
            Assert.Equal("Completed", (await app.FinishedAsync(id, retries: 1)).GetProperty("status").GetString());
        }
        finally
        {
            app.Sites.Outage = null;
        }
    }

    [Fact]
    public async Task a_dripping_site_is_cut_at_the_body_timeout_and_a_retry_completes_after_recovery()
    {
        const string site = "alpen-ingenieure.test";
        var started = DateTimeOffset.UtcNow;
        app.Sites.Outage = new SiteOutage.Drip();
        try
        {
            var failed = await app.AnalyseAsync(site);
            var elapsed = DateTimeOffset.UtcNow - started;
            var reason = OutageFixture.Step(failed, "crawl").GetProperty("error").GetString();
            output.WriteLine($"drip: {Counts(site)}, failed after {elapsed.TotalSeconds:0.0} s, reason {reason}");
            Assert.Equal("Failed", failed.GetProperty("status").GetString());
            Assert.Contains("body-timeout", reason, StringComparison.Ordinal);
            // Cut at WebFetch:BodyTimeoutSeconds (2 s) per page, not at the step timeout (120 s) the drip would otherwise reach.
            Assert.InRange(elapsed.TotalSeconds, 2, 30);

            app.Sites.Outage = null;
            var id = failed.GetProperty("id").GetGuid();
            await app.RetryAsync(id);
            Assert.Equal("Completed", (await app.FinishedAsync(id, retries: 1)).GetProperty("status").GetString());
        }
        finally
        {
            app.Sites.Outage = null;
        }
    }

    private string Counts(string site) =>
        string.Join(", ", new[] { "/robots.txt", "/sitemap.xml", "/" }.Select(path => $"{path} {app.Sites.RequestCount(site, path)}"));
}
