using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>Page URLs found in a site's sitemaps and which sitemap files were read.</summary>
public sealed record SitemapDiscoveryResult(IReadOnlyList<SitemapEntry> Pages, IReadOnlyList<Uri> SitemapsRead, bool Truncated);

/// <summary>
/// Finds a site's pages from its sitemaps: the <c>Sitemap:</c> lines of robots.txt plus <c>/sitemap.xml</c>, following
/// sitemap indexes one level down (at most two levels of files), bounded by <c>WebFetch:MaxSitemapFiles</c> and
/// <c>WebFetch:MaxSitemapEntries</c>. <c>/sitemap.xml</c> is only fetched when robots.txt allows it; sitemaps the site
/// lists itself are. Every file goes through the guarded fetcher, so a sitemap cannot point us at an internal address.
/// </summary>
public sealed class SitemapDiscovery(IWebPageFetcher fetcher, RobotsRules robots, IOptions<WebFetchOptions> options)
{
    /// <summary>Levels of sitemap files read: the listed ones and the children of an index.</summary>
    public const int MaxDepth = 2;

    public async Task<SitemapDiscoveryResult> DiscoverAsync(Uri site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        var settings = options.Value;
        var robotsFile = await robots.GetAsync(site, cancellationToken).ConfigureAwait(false);
        var origin = new Uri(site.GetLeftPart(UriPartial.Authority));

        var queue = new Queue<(Uri Url, int Depth)>();
        var seenFiles = new HashSet<Uri>();
        foreach (var listed in robotsFile.Rules.Sitemaps)
        {
            if (Uri.TryCreate(origin, listed, out var url) && seenFiles.Add(url)) queue.Enqueue((url, 1));
        }
        var fallback = new Uri(origin, "/sitemap.xml");
        if (!seenFiles.Contains(fallback) && robotsFile.Rules.IsAllowed(settings.ProductToken, fallback) && seenFiles.Add(fallback))
            queue.Enqueue((fallback, 1));

        var pages = new List<SitemapEntry>();
        var seenPages = new HashSet<Uri>();
        var read = new List<Uri>();
        var truncated = false;
        while (queue.TryDequeue(out var next))
        {
            if (read.Count >= settings.MaxSitemapFiles || pages.Count >= settings.MaxSitemapEntries)
            {
                truncated = true;
                break;
            }
            var page = await fetcher.FetchAsync(next.Url, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess) continue;
            read.Add(next.Url);
            var document = SitemapParser.Parse(page.Text, Math.Max(1, settings.MaxSitemapEntries - pages.Count));
            if (document.Kind == SitemapKind.Index)
            {
                if (next.Depth >= MaxDepth) continue;
                foreach (var child in document.Entries)
                    if (seenFiles.Add(child.Location)) queue.Enqueue((child.Location, next.Depth + 1));
                continue;
            }
            foreach (var entry in document.Entries)
            {
                if (pages.Count >= settings.MaxSitemapEntries) { truncated = true; break; }
                if (seenPages.Add(entry.Location)) pages.Add(entry);
            }
            truncated |= document.Truncated || page.Truncated;
        }
        return new SitemapDiscoveryResult(pages, read, truncated);
    }
}
