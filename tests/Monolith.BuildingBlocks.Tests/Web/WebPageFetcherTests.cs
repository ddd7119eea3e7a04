using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Resilience;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web;

/// <summary>
/// The fetcher through DI (typed client, guarded primary handler, resilience pipeline) against a real Kestrel server
/// on 127.0.0.1 — which the address policy refuses unless WebFetch:AllowedHosts exempts it.
/// </summary>
public sealed class WebPageFetcherTests : IAsyncLifetime
{
    private const int MaxBytes = 64 * 1024;
    private WebApplication _server = null!;
    private Uri _base = null!;
    private int _hits;
    private int _robotsHits;
    private int _inFlight;
    private int _maxInFlight;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _hits);
            await next(context);
        });
        _server.MapGet("/page", () => Results.Content("<html><body>Grüße</body></html>", "text/html; charset=utf-8"));
        _server.MapGet("/drip", async (HttpContext context) =>
        {
            // Headers at once, then a byte every 300 ms for ten seconds.
            context.Response.ContentType = "text/html";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            for (var i = 0; i < 33 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync("x"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(300, context.RequestAborted);
            }
        });
        _server.MapGet("/redirect/{n:int}", (int n) => Results.Redirect(n <= 0 ? "/page" : $"/redirect/{n - 1}"));
        _server.MapGet("/to", (string target) => Results.Redirect(target));
        _server.MapGet("/big", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 8192));
            for (var i = 0; i < 512; i++) await context.Response.Body.WriteAsync(chunk); // 4 MiB, unless the client stops
        });
        _server.MapGet("/latin", () => Results.Bytes(
            CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("<html><head><meta charset=\"windows-1252\"></head><body>Müller – 5 €</body></html>"),
            "text/html"));
        _server.MapGet("/slow/{i:int}", async (int i) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
            await Task.Delay(150);
            Interlocked.Decrement(ref _inFlight);
            return Results.Text($"slow {i}");
        });
        _server.MapGet("/robots.txt", (HttpContext context) =>
        {
            Interlocked.Increment(ref _robotsHits);
            return Results.Text($"User-agent: *\nDisallow: /private\n\nUser-agent: MonolithBot\nDisallow: /no-bots\n\nSitemap: {_base}sitemap-index.xml\n");
        });
        _server.MapGet("/sitemap-index.xml", () => Results.Content(
            $"<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{_base}sitemap-a.xml</loc></sitemap><sitemap><loc>{_base}sitemap-b.xml</loc></sitemap><sitemap><loc>http://169.254.169.254/latest/meta-data</loc></sitemap></sitemapindex>",
            "application/xml"));
        _server.MapGet("/sitemap-a.xml", () => Results.Content($"<urlset><url><loc>{_base}a1</loc></url><url><loc>{_base}shared</loc></url></urlset>", "application/xml"));
        _server.MapGet("/sitemap-b.xml", () => Results.Content($"<urlset><url><loc>{_base}b1</loc></url><url><loc>{_base}shared</loc></url></urlset>", "text/xml"));
        await _server.StartAsync();
        _base = new Uri(_server.Urls.Single() + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ServiceProvider Services(Dictionary<string, string?>? extra = null, bool exemptLoopback = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WebFetch:MaxResponseBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Resilience:Dependencies:WebFetch:MaxRetryAttempts"] = "0",
        };
        if (exemptLoopback) settings["WebFetch:AllowedHosts:0"] = "127.0.0.1";
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCaching(configuration);
        services.AddWebFetching();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private Uri At(string path) => new(_base, path);

    [Fact]
    public async Task loopback_is_blocked_by_default_before_any_request()
    {
        await using var provider = Services(exemptLoopback: false);
        var fetcher = provider.GetRequiredService<IWebPageFetcher>();

        var page = await fetcher.FetchAsync(At("/page"));

        Assert.Equal(0, page.Status);
        Assert.StartsWith("blocked-address", page.Error, StringComparison.Ordinal);
        Assert.False(page.IsSuccess);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task a_host_name_resolving_to_loopback_is_blocked_at_connect_time_without_retries_or_tripping_the_circuit()
    {
        await using var provider = Services(new()
        {
            ["Resilience:Dependencies:WebFetch:MaxRetryAttempts"] = "2",
            ["Resilience:Dependencies:WebFetch:CircuitBreaker:MinimumThroughput"] = "2",
        }, exemptLoopback: false);
        var fetcher = provider.GetRequiredService<IWebPageFetcher>();
        var url = new UriBuilder(At("/page")) { Host = "localhost" }.Uri;

        for (var i = 0; i < 3; i++)
        {
            var page = await fetcher.FetchAsync(url);
            Assert.StartsWith("blocked-address", page.Error, StringComparison.Ordinal);
            Assert.Contains("non-public", page.Error, StringComparison.Ordinal);
        }

        Assert.Equal(0, _hits);
        Assert.Equal("Closed", provider.GetRequiredService<DependencyCircuitRegistry>().Snapshot()[Dependencies.WebFetch]);
    }

    [Fact]
    public async Task the_typed_client_keeps_the_resilience_handler_over_a_guarded_primary_handler()
    {
        await using var provider = Services();
        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(IWebPageFetcher));
        var chain = new List<HttpMessageHandler>();
        for (; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler) chain.Add(handler);

        Assert.Contains(chain, h => h is Http.DependencyResilienceHandler);
        var sockets = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.NotNull(sockets.ConnectCallback);
        Assert.False(sockets.AllowAutoRedirect);
        Assert.False(sockets.UseProxy);
        Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
    }

    [Fact]
    public async Task the_connector_refuses_a_name_whose_addresses_are_all_blocked()
    {
        var exemptions = HostExemptions.Parse(["10.0.0.0/8"]);
        var error = await Assert.ThrowsAsync<BlockedAddressException>(async () =>
            await GuardedConnector.ConnectAsync(new System.Net.DnsEndPoint("localhost", _base.Port), exemptions, CancellationToken.None));
        Assert.Equal("localhost", error.Host);

        await using var stream = await GuardedConnector.ConnectAsync(new System.Net.DnsEndPoint("localhost", _base.Port), HostExemptions.Parse(["localhost"]), CancellationToken.None);
        Assert.True(stream.CanWrite);
    }

    [Fact]
    public async Task fixed_host_addresses_replace_dns_but_stay_subject_to_the_address_policy()
    {
        var addresses = new Dictionary<string, System.Net.IPAddress>(StringComparer.OrdinalIgnoreCase) { ["acme.test"] = System.Net.IPAddress.Loopback };
        var endpoint = new System.Net.DnsEndPoint("acme.test", _base.Port);
        var error = await Assert.ThrowsAsync<BlockedAddressException>(async () =>
            await GuardedConnector.ConnectAsync(endpoint, HostExemptions.None, addresses, CancellationToken.None));
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);

        await using var stream = await GuardedConnector.ConnectAsync(endpoint, HostExemptions.Parse(["127.0.0.1"]), addresses, CancellationToken.None);
        Assert.True(stream.CanWrite);
    }

    [Fact]
    public void a_fixed_host_address_must_be_an_ip_address()
    {
        var options = new WebFetchOptions { HostAddresses = new(StringComparer.OrdinalIgnoreCase) { ["acme.test"] = "not-an-ip" } };
        var errors = Monolith.BuildingBlocks.Options.OptionsRegistration.Validate(options, WebFetchOptions.Section);
        Assert.Contains(errors, e => e.Contains("HostAddresses", StringComparison.Ordinal) && e.Contains("acme.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task fetches_a_page_when_loopback_is_exempted()
    {
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/page"));

        Assert.True(page.IsSuccess, page.Error);
        Assert.Equal(200, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal("utf-8", page.Charset);
        Assert.Equal("<html><body>Grüße</body></html>", page.Text);
        Assert.Equal(Encoding.UTF8.GetByteCount(page.Text), page.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(page.Text))), page.ContentHash);
        Assert.Equal(At("/page"), page.FinalUrl);
        Assert.False(page.Truncated);
    }

    [Fact]
    public async Task an_exempt_address_lets_a_host_name_through_on_its_allowed_address_only()
    {
        // "localhost" resolves to ::1 and 127.0.0.1; only 127.0.0.1 is exempt and the server listens there.
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(new UriBuilder(At("/page")) { Host = "localhost" }.Uri);
        Assert.True(page.IsSuccess, page.Error);
    }

    [Fact]
    public async Task follows_a_redirect_chain_within_the_limit()
    {
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/redirect/4"));

        Assert.True(page.IsSuccess, page.Error);
        Assert.Equal(At("/page"), page.FinalUrl);
        Assert.Equal(At("/redirect/4"), page.RequestedUrl);
        Assert.Equal(5, page.Redirects);
    }

    [Fact]
    public async Task too_many_redirects_is_an_error()
    {
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/redirect/5"));

        Assert.Equal("too-many-redirects", page.Error);
        Assert.Equal(302, page.Status);
        Assert.Equal(6, _hits);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/page")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/page")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    public async Task a_redirect_to_a_blocked_address_is_refused(string target)
    {
        await using var provider = Services();
        var location = target.Replace("{port}", _base.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/to?target=" + Uri.EscapeDataString(location)));

        Assert.StartsWith("blocked-address", page.Error, StringComparison.Ordinal);
        Assert.Equal(new Uri(location), page.FinalUrl);
        Assert.Equal(1, _hits);
    }

    [Fact]
    public async Task a_redirect_to_another_scheme_is_refused()
    {
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/to?target=" + Uri.EscapeDataString("file:///etc/passwd")));
        Assert.Equal("unsupported-scheme", page.Error);
    }

    [Fact]
    public async Task a_body_dripped_slower_than_the_body_timeout_is_cut_off_with_a_reason()
    {
        await using var provider = Services(new() { ["WebFetch:BodyTimeoutSeconds"] = "1" });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/drip"));

        Assert.False(page.IsSuccess);
        Assert.StartsWith("body-timeout", page.Error, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 5); // the server would drip for ten
    }

    [Fact]
    public async Task an_oversized_body_is_truncated_at_the_limit()
    {
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/big"));

        Assert.True(page.IsSuccess, page.Error);
        Assert.True(page.Truncated);
        Assert.Equal(MaxBytes, page.Bytes);
        Assert.Equal(MaxBytes, page.Text.Length);
    }

    [Fact]
    public async Task charset_comes_from_the_meta_tag()
    {
        await using var provider = Services();
        var page = await provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/latin"));

        Assert.Equal("windows-1252", page.Charset);
        Assert.Contains("Müller – 5 €", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task requests_to_one_host_never_exceed_the_per_host_limit()
    {
        await using var provider = Services(new() { ["WebFetch:PerHostConcurrency"] = "2" });

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At($"/slow/{i}"))));

        Assert.All(pages, p => Assert.True(p.IsSuccess, p.Error));
        Assert.Equal(2, _maxInFlight);
        Assert.Equal(0, provider.GetRequiredService<HostConcurrencyLimiter>().ActiveHosts);
    }

    [Fact]
    public async Task cancellation_is_respected()
    {
        await using var provider = Services();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            provider.GetRequiredService<IWebPageFetcher>().FetchAsync(At("/slow/1"), cts.Token));
    }

    [Fact]
    public async Task robots_disallow_is_honoured_and_robots_txt_is_cached()
    {
        await using var provider = Services();
        var robots = provider.GetRequiredService<RobotsRules>();

        Assert.True(await robots.CanFetchAsync(At("/page")));
        Assert.False(await robots.CanFetchAsync(At("/no-bots/x")));
        Assert.True(await robots.CanFetchAsync(At("/private/x"))); // our named group replaces the * group
        Assert.False(await robots.CanFetchAsync(new Uri("ftp://127.0.0.1/")));
        Assert.Equal(1, _robotsHits);
    }

    [Fact]
    public async Task robots_of_an_unreachable_host_disallow_everything()
    {
        await using var provider = Services(exemptLoopback: false);
        Assert.False(await provider.GetRequiredService<RobotsRules>().CanFetchAsync(At("/page")));
    }

    [Fact]
    public async Task sitemaps_are_discovered_from_robots_and_indexes()
    {
        await using var provider = Services();
        var result = await provider.GetRequiredService<SitemapDiscovery>().DiscoverAsync(_base);

        Assert.Equal([At("/a1"), At("/shared"), At("/b1")], result.Pages.Select(p => p.Location));
        Assert.Equal([At("/sitemap-index.xml"), At("/sitemap-a.xml"), At("/sitemap-b.xml")], result.SitemapsRead);
    }
}
