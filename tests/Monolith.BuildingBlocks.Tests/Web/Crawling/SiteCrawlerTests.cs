using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Web.Crawling;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web.Crawling;

/// <summary>The crawler through DI against a local Kestrel "company website" on 127.0.0.1 (exempted via WebFetch:AllowedHosts).</summary>
public sealed class SiteCrawlerTests : IAsyncLifetime
{
    private const string Home = """
        <html><head><title>Muster GmbH</title></head><body>
        <nav>
          <a href="/ueber-uns">Über uns</a> <a href="/en/about">About us</a>
          <a href="/produkte">Produkte</a> <a href="/kontakt">Kontakt</a> <a href="karriere">Karriere</a>
          <a href="/login">Login</a> <a href="/logo.png">Logo</a> <a href="https://partner.example.org/about">Partner</a>
          <a href="/werbung" rel="nofollow">Anzeige</a> <a href="mailto:info@muster.de">Mail</a>
        </nav></body></html>
        """;

    private WebApplication _server = null!;
    private Uri _base = null!;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _requested = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _requested.Add(context.Request.Path.Value ?? "");
            await next(context);
        });
        static IResult Html(string body) => Results.Content($"<html><body>{body}</body></html>", "text/html; charset=utf-8");
        _server.MapGet("/", () => Results.Content(Home, "text/html; charset=utf-8"));
        _server.MapGet("/ueber-uns", () => Html("Wir sind die Muster GmbH."));
        _server.MapGet("/en/about", () => Html("Wir sind die Muster GmbH.")); // same bytes as /ueber-uns
        _server.MapGet("/produkte", () => Html("Schrauben und Muttern."));
        _server.MapGet("/kontakt", () => Html("Musterstraße 1"));
        _server.MapGet("/karriere", () => Html("Wir stellen ein."));
        _server.MapGet("/branchen", () => Html("Automobil, Maschinenbau."));
        _server.MapGet("/login", () => Html("login"));
        _server.MapGet("/intern/secret", () => Html("secret"));
        _server.MapGet("/broken", () => Results.StatusCode(500));
        _server.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /intern\n"));
        _server.MapGet("/sitemap.xml", () => Results.Content(
            $"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{_base}branchen</loc></url><url><loc>{_base}intern/secret</loc></url><url><loc>{_base}blog/2024/hallo</loc></url></urlset>",
            "application/xml"));
        await _server.StartAsync();
        _base = new Uri(_server.Urls.Single() + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ServiceProvider Services(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WebFetch:AllowedHosts:0"] = "127.0.0.1",
            ["Resilience:Dependencies:WebFetch:MaxRetryAttempts"] = "0",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCaching(configuration);
        services.AddWebFetching();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static string Path(Uri url) => url.AbsolutePath;

    [Fact]
    public async Task the_crawl_picks_the_company_pages_and_reports_every_skip_with_its_reason()
    {
        await using var provider = Services();
        var crawler = provider.GetRequiredService<SiteCrawler>();

        var result = await crawler.CrawlAsync(_base);

        Assert.Null(result.Error);
        var paths = result.Pages.Select(p => Path(p.RequestedUrl)).ToList();
        Assert.Equal("/", paths[0]);
        Assert.Equal(6, paths.Count);
        Assert.Contains(paths, p => p is "/ueber-uns" or "/en/about");
        Assert.Contains("/produkte", paths);
        Assert.Contains("/kontakt", paths);
        Assert.Contains("/karriere", paths);
        Assert.Contains("/branchen", paths);
        Assert.Equal(PageCategory.Products, result.Categories[result.Pages.Single(p => Path(p.RequestedUrl) == "/produkte").RequestedUrl]);

        string? Reason(string path) => result.Skipped.FirstOrDefault(s => s.Url.AbsolutePath == path)?.Reason;
        Assert.Equal(SkipReasons.Excluded, Reason("/login"));
        Assert.Equal(SkipReasons.Excluded, Reason("/logo.png"));
        Assert.Equal(SkipReasons.Robots, Reason("/intern/secret"));
        Assert.Equal(SkipReasons.NoFollow, Reason("/werbung"));
        Assert.Contains(result.Skipped, s => s.Reason == SkipReasons.OffSite && s.Url.Host == "partner.example.org");
        Assert.Single(result.Skipped, s => s.Reason == SkipReasons.DuplicateContent);
        Assert.DoesNotContain("/login", _requested);
        Assert.DoesNotContain("/intern/secret", _requested);
        Assert.DoesNotContain("/blog/2024/hallo", _requested);
        Assert.True(result.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task the_budget_is_respected_and_the_rest_reported()
    {
        await using var provider = Services(new() { ["WebFetch:Crawl:PageBudget"] = "2", ["WebFetch:Crawl:Concurrency"] = "2" });
        var crawler = provider.GetRequiredService<SiteCrawler>();

        var result = await crawler.CrawlAsync(_base);

        Assert.Equal(3, result.Pages.Count);
        Assert.Equal(PageCategory.About, result.Categories[result.Pages[1].RequestedUrl]);
        Assert.Equal(PageCategory.Products, result.Categories[result.Pages[2].RequestedUrl]);
        Assert.Equal(4, result.Skipped.Count(s => s.Reason == SkipReasons.Budget));
    }

    [Fact]
    public async Task per_call_options_are_validated()
    {
        await using var provider = Services();
        var crawler = provider.GetRequiredService<SiteCrawler>();

        await Assert.ThrowsAsync<ArgumentException>(() => crawler.CrawlAsync(_base, new CrawlOptions { PageBudget = 1000 }));
    }

    [Fact]
    public void invalid_configuration_fails_validation()
    {
        using var provider = Services(new() { ["WebFetch:Crawl:Concurrency"] = "0" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CrawlOptions>>().Value);
    }

    [Fact]
    public async Task a_homepage_answering_500_gives_an_error_and_no_pages()
    {
        await using var provider = Services();
        var crawler = provider.GetRequiredService<SiteCrawler>();

        var result = await crawler.CrawlAsync(new Uri(_base, "/broken"));

        Assert.Empty(result.Pages);
        Assert.Equal("http-500", result.Error);
        Assert.Equal(SkipReasons.Error, Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public async Task a_refused_connection_gives_an_error_and_no_pages()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var provider = Services();
        var crawler = provider.GetRequiredService<SiteCrawler>();

        var result = await crawler.CrawlAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Empty(result.Pages);
        Assert.False(result.IsSuccess);
        Assert.StartsWith("connection-failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task cancellation_is_respected()
    {
        await using var provider = Services();
        var crawler = provider.GetRequiredService<SiteCrawler>();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crawler.CrawlAsync(_base, cancellationToken: cts.Token));
    }
}
