using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Web;
using Monolith.BuildingBlocks.Web.Crawling;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Scanning;

/// <summary>
/// The crawl and page store both modules use: crawls a company site once per <c>CompanyAnalysis:CrawlCacheMinutes</c>
/// (cache keyed by customer and canonical URL; identical concurrent crawls run once), stores each page body once per
/// content hash, and hands analyzers the <see cref="SiteContent"/> rebuilt from the stored bodies. Failed crawls are not cached.
/// </summary>
public sealed class CompanySiteScanner(SiteCrawler crawler, TypedCache cache, IDocumentStore store, TimeProvider clock)
{
    public const string CacheNamespace = "company-crawl";

    private sealed class CrawlFailed(SiteCrawl crawl) : Exception(crawl.Error)
    {
        public SiteCrawl Crawl { get; } = crawl;
    }

    /// <summary>The crawl of <paramref name="url"/> for <paramref name="tenant"/>, from the cache when fresh and its bodies are stored.</summary>
    public async Task<(SiteCrawl Crawl, bool CacheHit)> CrawlAsync(string tenant, CompanyUrl url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var key = new CacheKey<SiteCrawl>(CacheNamespace, tenant, url.ToString());
        for (var attempt = 0; ; attempt++)
        {
            var fetched = false;
            SiteCrawl crawl;
            try
            {
                crawl = await cache.GetOrCreateAsync(key, async token =>
                {
                    fetched = true;
                    var result = await CrawlAndStoreAsync(tenant, url, token).ConfigureAwait(false);
                    if (!result.IsSuccess) throw new CrawlFailed(result);
                    return result;
                }, ct).ConfigureAwait(false);
            }
            catch (CrawlFailed failed)
            {
                return (failed.Crawl, false);
            }
            if (fetched || attempt > 0 || await BodiesStoredAsync(tenant, crawl, ct).ConfigureAwait(false)) return (crawl, !fetched);
            // The cache outlived the stored bodies (another database, a purge): crawl again.
            await cache.RemoveAsync(key, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The pages of <paramref name="crawl"/> with their stored bodies, as analyzers see them.</summary>
    public async Task<SiteContent> LoadContentAsync(IQuerySession session, SiteCrawl crawl, string country, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(crawl);
        var hashes = crawl.Pages.Select(p => p.ContentHash).Distinct(StringComparer.Ordinal).ToArray();
        var bodies = (await session.LoadManyAsync<StoredPageBody>(ct, hashes).ConfigureAwait(false)).ToDictionary(b => b.Id, StringComparer.Ordinal);
        var pages = new List<SitePage>(crawl.Pages.Count);
        foreach (var page in crawl.Pages)
        {
            if (!bodies.TryGetValue(page.ContentHash, out var body))
                throw new AnalysisStepException($"the stored body of {page.Url} (sha256 {page.ContentHash}) is missing; retry the analysis to crawl again");
            pages.Add(new SitePage(new Uri(page.FinalUrl), page.Category, page.ContentType ?? body.ContentType, body.Text, page.ContentHash));
        }
        return new SiteContent(new Uri(crawl.Url), country, pages);
    }

    private async Task<SiteCrawl> CrawlAndStoreAsync(string tenant, CompanyUrl url, CancellationToken ct)
    {
        var result = await crawler.CrawlAsync(url, null, ct).ConfigureAwait(false);
        var records = result.Pages.Select(p => new PageRecord(
            p.RequestedUrl.AbsoluteUri, p.FinalUrl.AbsoluteUri, p.Status, p.ContentType, p.Bytes, p.ContentHash,
            result.Categories.TryGetValue(p.RequestedUrl, out var category) ? category.ToString().ToLowerInvariant() : "home",
            p.FetchedAt, (long)p.Duration.TotalMilliseconds, p.Truncated)).ToList();
        var skipped = result.Skipped.Select(s => new SkippedPage(s.Url.AbsoluteUri, s.Reason, s.Detail)).ToList();
        var crawl = new SiteCrawl(url.ToString(), records, skipped, (long)result.Duration.TotalMilliseconds,
            result.Error ?? (result.Pages.Count == 0 ? "no page of the site could be read" : null));
        if (!crawl.IsSuccess) return crawl;

        await using var session = store.LightweightSession(tenant);
        var hashes = result.Pages.Select(p => p.ContentHash).Distinct(StringComparer.Ordinal).ToArray();
        var existing = (await session.Query<StoredPageBody>().Where(b => b.Id.IsOneOf(hashes)).Select(b => b.Id).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var page in result.Pages.Where(p => existing.Add(p.ContentHash)))
        {
            session.Store(new StoredPageBody
            {
                Id = page.ContentHash, Url = page.FinalUrl.AbsoluteUri, ContentType = page.ContentType ?? "text/html",
                Text = page.Text, Bytes = page.Bytes, StoredAt = clock.GetUtcNow(),
            });
        }
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return crawl;
    }

    private async Task<bool> BodiesStoredAsync(string tenant, SiteCrawl crawl, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var hashes = crawl.Pages.Select(p => p.ContentHash).Distinct(StringComparer.Ordinal).ToArray();
        var count = await session.Query<StoredPageBody>().CountAsync(b => b.Id.IsOneOf(hashes), ct).ConfigureAwait(false);
        return count == hashes.Length;
    }
}
