using System.ComponentModel;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>What a host's robots.txt fetch gave: rules, none (allow all) or unreachable (disallow all).</summary>
public enum RobotsAvailability
{
    Rules,
    Missing,
    Unreachable,
}

/// <summary>
/// The cached form of a host's robots.txt: the raw content plus how it was obtained. Immutable, so the in-process cache
/// hands out one instance and the parse happens once per host per cache lifetime.
/// </summary>
[ImmutableObject(true)]
public sealed record RobotsFile(RobotsAvailability Availability, int Status, string Content)
{
    private RobotsTxt? _parsed;

    [JsonIgnore]
    public RobotsTxt Rules => _parsed ??= Availability switch
    {
        RobotsAvailability.Missing => RobotsTxt.AllowAll,
        RobotsAvailability.Unreachable => RobotsTxt.DisallowAll,
        _ => RobotsTxt.Parse(Content),
    };

    /// <summary>RFC 9309 §2.3.1: 2xx = rules, other 4xx = none, 5xx / 429 / no answer = unreachable.</summary>
    public static RobotsFile From(FetchedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page switch
        {
            { Error: not null } => new(RobotsAvailability.Unreachable, page.Status, ""),
            { Status: >= 200 and < 300 } => new(RobotsAvailability.Rules, page.Status, page.Text),
            { Status: 429 } => new(RobotsAvailability.Unreachable, page.Status, ""),
            { Status: >= 400 and < 500 } => new(RobotsAvailability.Missing, page.Status, ""),
            _ => new(RobotsAvailability.Unreachable, page.Status, ""),
        };
    }
}

/// <summary>
/// robots.txt per host (scheme, host and port), fetched through <see cref="IWebPageFetcher"/> and cached for
/// <c>WebFetch:RobotsCacheMinutes</c> (cache namespace and profile <see cref="CacheNamespace"/>).
/// </summary>
public sealed class RobotsRules(IWebPageFetcher fetcher, TypedCache cache, IOptions<WebFetchOptions> options)
{
    public const string CacheNamespace = "webfetch-robots";

    /// <summary>The robots.txt that governs <paramref name="url"/>.</summary>
    public async Task<RobotsFile> GetAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var origin = url.GetLeftPart(UriPartial.Authority);
        return await cache.GetOrCreateAsync(new CacheKey<RobotsFile>(CacheNamespace, origin.ToLowerInvariant()), async ct =>
        {
            var page = await fetcher.FetchAsync(new Uri(new Uri(origin), "/robots.txt"), ct).ConfigureAwait(false);
            return RobotsFile.From(page);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>May our crawler fetch <paramref name="url"/>? Non-http(s) URLs: no.</summary>
    public async Task<bool> CanFetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)) return false;
        var robots = await GetAsync(url, cancellationToken).ConfigureAwait(false);
        return robots.Rules.IsAllowed(options.Value.ProductToken, url);
    }
}
