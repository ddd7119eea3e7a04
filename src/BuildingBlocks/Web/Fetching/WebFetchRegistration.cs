using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Http;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Resilience;
using Monolith.BuildingBlocks.Web.Crawling;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// Registers the website fetcher: <c>WebFetch</c> options (validated), <see cref="IWebPageFetcher"/> as a typed client
/// of the <see cref="Dependencies.WebFetch"/> dependency whose primary handler is guarded by
/// <see cref="GuardedConnector"/>, the per-host limiter, <see cref="RobotsRules"/>, <see cref="SitemapDiscovery"/> and
/// <see cref="SiteCrawler"/> (options <c>WebFetch:Crawl</c>).
/// Needs <c>AddCaching</c> (the platform registers it) for the robots.txt cache. Idempotent.
/// </summary>
public static class WebFetchRegistration
{
    public static IServiceCollection AddWebFetching(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(HostConcurrencyLimiter))) return services;

        services.AddValidatedOptions<WebFetchOptions>(WebFetchOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => HostExemptions.Parse(provider.GetRequiredService<IOptions<WebFetchOptions>>().Value.AllowedHosts));
        services.AddSingleton(provider => new HostConcurrencyLimiter(provider.GetRequiredService<IOptions<WebFetchOptions>>().Value.PerHostConcurrency));
        services.AddDependencyHttpClient<IWebPageFetcher, WebPageFetcher>(Dependencies.WebFetch,
            (handler, provider) => GuardedConnector.Configure(handler, provider.GetRequiredService<HostExemptions>(),
                provider.GetRequiredService<IOptions<WebFetchOptions>>().Value.HostAddresses
                    .ToDictionary(e => e.Key, e => System.Net.IPAddress.Parse(e.Value), StringComparer.OrdinalIgnoreCase)));
        services.AddTransient<RobotsRules>();
        services.AddTransient<SitemapDiscovery>();
        services.AddValidatedOptions<CrawlOptions>(CrawlOptions.Section);
        services.AddTransient<SiteCrawler>();

        // robots.txt lifetime comes from WebFetch:RobotsCacheMinutes unless Caching:Profiles:webfetch-robots is set.
        services.AddOptions<CachingOptions>().PostConfigure<IOptions<WebFetchOptions>>((caching, webFetch) =>
            caching.Profiles.TryAdd(RobotsRules.CacheNamespace, new CacheProfileOptions { TtlMinutes = webFetch.Value.RobotsCacheMinutes }));
        return services;
    }
}
