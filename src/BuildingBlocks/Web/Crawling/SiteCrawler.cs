using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Web.Crawling;

/// <summary>A URL the crawler looked at but did not return, with a stable <see cref="Reason"/> (see <see cref="SkipReasons"/>).</summary>
public sealed record SkippedUrl(Uri Url, string Reason, string? Detail = null);

/// <summary>The reasons of <see cref="SkippedUrl"/>.</summary>
public static class SkipReasons
{
    /// <summary>robots.txt disallows it (or could not be read: RFC 9309 then disallows everything).</summary>
    public const string Robots = "robots";
    /// <summary>Another site.</summary>
    public const string OffSite = "off-site";
    /// <summary>Ranked relevant but the page budget was spent.</summary>
    public const string Budget = "budget";
    /// <summary>The fetch failed or did not answer 2xx; detail says how.</summary>
    public const string Error = "error";
    /// <summary>Same body (SHA-256) or same final URL as a page already kept.</summary>
    public const string DuplicateContent = "duplicate-content";
    /// <summary>Never worth fetching: asset, login/cart/account, search, query-heavy; detail says which.</summary>
    public const string Excluded = "excluded";
    /// <summary>Linked only with <c>rel=nofollow</c>.</summary>
    public const string NoFollow = "nofollow";
    /// <summary>The page asks not to be indexed (<c>meta robots noindex</c>).</summary>
    public const string NoIndex = "noindex";
    /// <summary>Not HTML (or plain text).</summary>
    public const string NotHtml = "not-html";
}

/// <summary>
/// The outcome of a crawl: the pages kept (the homepage first, then the picked pages in rank order), what was skipped and
/// why, how long it took, and <see cref="Error"/> when the homepage itself could not be read (then <see cref="Pages"/> is
/// empty). <see cref="Categories"/> gives the category each kept page was picked for, keyed by its requested URL.
/// </summary>
public sealed record CrawlResult(IReadOnlyList<FetchedPage> Pages, IReadOnlyList<SkippedUrl> Skipped, TimeSpan Duration, string? Error = null)
{
    public IReadOnlyDictionary<Uri, PageCategory> Categories { get; init; } = new Dictionary<Uri, PageCategory>();

    public bool IsSuccess => Error is null;
}

/// <summary>
/// Reads the homepage of a company website plus a small budget of same-site pages most likely to describe the company
/// (about, products, solutions, services, industries, customers, careers, contact, legal), found in the homepage's links
/// and the site's sitemaps and ranked by <see cref="PageRanking"/>: the best page of each category first, then by score.
/// Honours robots.txt for every page but the homepage (which is skipped only when robots.txt explicitly disallows it),
/// fetches up to <see cref="CrawlOptions.Concurrency"/> pages at once, drops pages whose content equals one already kept
/// and fetches a replacement. Never throws for site problems; only when cancelled.
/// </summary>
public sealed class SiteCrawler(IWebPageFetcher fetcher, RobotsRules robots, SitemapDiscovery sitemaps, IOptions<CrawlOptions> options, TimeProvider time)
{
    private sealed record Candidate(Uri Url, string Text, PageScore Rank, bool FromNavigation, int Order);

    public Task<CrawlResult> CrawlAsync(CompanyUrl start, CrawlOptions? crawlOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        return CrawlAsync(start.Value, crawlOptions, cancellationToken);
    }

    public async Task<CrawlResult> CrawlAsync(Uri start, CrawlOptions? crawlOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var settings = crawlOptions ?? options.Value;
        if (crawlOptions is not null)
        {
            var errors = OptionsRegistration.Validate(crawlOptions, CrawlOptions.Section);
            if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(crawlOptions));
        }
        var started = time.GetTimestamp();
        var skipped = new List<SkippedUrl>();
        CrawlResult Finish(List<FetchedPage> pages, Dictionary<Uri, PageCategory> categories, string? error = null) =>
            new(pages, skipped, time.GetElapsedTime(started), error) { Categories = categories };

        // The homepage: what the user asked for. Skipped only when robots.txt exists and explicitly disallows it.
        var robotsFile = await robots.GetAsync(start, cancellationToken).ConfigureAwait(false);
        if (robotsFile.Availability == RobotsAvailability.Rules && !await robots.CanFetchAsync(start, cancellationToken).ConfigureAwait(false))
        {
            skipped.Add(new SkippedUrl(start, SkipReasons.Robots));
            return Finish([], [], "robots: the homepage is disallowed");
        }
        var home = await fetcher.FetchAsync(start, cancellationToken).ConfigureAwait(false);
        if (!home.IsSuccess)
        {
            var error = home.Error ?? $"http-{home.Status}";
            skipped.Add(new SkippedUrl(start, SkipReasons.Error, error));
            return Finish([], [], error);
        }
        var site = home.FinalUrl;
        var pages = new List<FetchedPage> { home };
        var categories = new Dictionary<Uri, PageCategory> { [home.RequestedUrl] = PageCategory.Home };
        var seenHashes = new HashSet<string>(StringComparer.Ordinal) { home.ContentHash };
        var seenUrls = new HashSet<Uri> { Canonical(start), Canonical(site) };
        if (settings.PageBudget == 0) return Finish(pages, categories);

        // Candidates: homepage navigation first, then sitemap entries best-ranked first.
        var candidates = new List<Candidate>();
        var examined = new HashSet<Uri>(seenUrls);
        void Examine(Uri url, string text, bool nofollow, bool fromNavigation)
        {
            if (examined.Count - seenUrls.Count >= settings.MaxCandidates || !examined.Add(Canonical(url))) return;
            if (!PageRanking.IsSameSite(site, url)) { skipped.Add(new SkippedUrl(url, SkipReasons.OffSite)); return; }
            var rank = PageRanking.Score(url, text);
            if (rank.IsExcluded) { skipped.Add(new SkippedUrl(url, SkipReasons.Excluded, rank.Excluded)); return; }
            if (nofollow) { skipped.Add(new SkippedUrl(url, SkipReasons.NoFollow)); return; }
            candidates.Add(new Candidate(url, text, rank, fromNavigation, candidates.Count));
        }

        if (IsHtml(home))
        {
            HtmlLinkSet? links = null;
            try { links = HtmlLinks.Extract(home.Text, site); }
            catch (RegexMatchTimeoutException) { /* pathological markup: rely on the sitemap */ }
            if (links is { NoFollow: false })
                foreach (var link in links.Links) Examine(link.Url, link.Text, link.NoFollow, fromNavigation: true);
        }
        if (settings.UseSitemaps)
        {
            var found = await sitemaps.DiscoverAsync(site, cancellationToken).ConfigureAwait(false);
            foreach (var entry in found.Pages
                         .Select(e => (e.Location, Rank: PageRanking.Score(e.Location, null)))
                         .OrderByDescending(e => e.Rank.IsExcluded ? -1 : e.Rank.Score)
                         .ThenBy(e => e.Location.AbsoluteUri.Length))
                Examine(entry.Location, "", nofollow: false, fromNavigation: false);
        }

        // Robots for each same-site URL (robots.txt is cached per host); unranked pages are not fetched. Then order: best per category, then by score.
        var allowed = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (!await robots.CanFetchAsync(candidate.Url, cancellationToken).ConfigureAwait(false))
                skipped.Add(new SkippedUrl(candidate.Url, SkipReasons.Robots));
            else if (candidate.Rank.Category is not (PageCategory.Other or PageCategory.Home))
                allowed.Add(candidate);
        }
        var queue = new Queue<Candidate>(Order(allowed));

        // Fetch in waves of the remaining budget, so a failed or duplicate page is replaced by the next candidate.
        var picked = 0;
        var attempts = 0;
        var maxAttempts = settings.PageBudget * 3;
        using var gate = new SemaphoreSlim(settings.Concurrency);
        while (picked < settings.PageBudget && queue.Count > 0 && attempts < maxAttempts)
        {
            var wave = new List<Candidate>();
            while (wave.Count < Math.Min(settings.PageBudget - picked, maxAttempts - attempts) && queue.TryDequeue(out var next)) wave.Add(next);
            attempts += wave.Count;
            var results = await Task.WhenAll(wave.Select(async candidate =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try { return await fetcher.FetchAsync(candidate.Url, cancellationToken).ConfigureAwait(false); }
                finally { gate.Release(); }
            })).ConfigureAwait(false);

            for (var i = 0; i < wave.Count; i++)
            {
                var (candidate, page) = (wave[i], results[i]);
                if (!page.IsSuccess) { skipped.Add(new SkippedUrl(candidate.Url, SkipReasons.Error, page.Error ?? $"http-{page.Status}")); continue; }
                if (!PageRanking.IsSameSite(site, page.FinalUrl)) { skipped.Add(new SkippedUrl(candidate.Url, SkipReasons.OffSite, $"redirected to {page.FinalUrl}")); continue; }
                if (!IsHtml(page)) { skipped.Add(new SkippedUrl(candidate.Url, SkipReasons.NotHtml, page.ContentType)); continue; }
                if (!seenUrls.Add(Canonical(page.FinalUrl)) || !seenHashes.Add(page.ContentHash))
                {
                    skipped.Add(new SkippedUrl(candidate.Url, SkipReasons.DuplicateContent));
                    continue;
                }
                if (IsNoIndex(page)) { skipped.Add(new SkippedUrl(candidate.Url, SkipReasons.NoIndex)); continue; }
                pages.Add(page);
                categories[page.RequestedUrl] = candidate.Rank.Category;
                picked++;
            }
        }
        foreach (var rest in queue) skipped.Add(new SkippedUrl(rest.Url, SkipReasons.Budget));
        return Finish(pages, categories);
    }

    private static IEnumerable<Candidate> Order(List<Candidate> candidates)
    {
        var ranked = candidates
            .OrderByDescending(c => c.Rank.Score)
            .ThenByDescending(c => c.FromNavigation)
            .ThenBy(c => c.Url.AbsoluteUri.Length)
            .ThenBy(c => c.Order)
            .ToList();
        var firsts = ranked.GroupBy(c => c.Rank.Category).Select(g => g.First()).ToList();
        return firsts.Concat(ranked.Except(firsts));
    }

    private static bool IsHtml(FetchedPage page) =>
        page.ContentType is null
        || page.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase)
        || page.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);

    private static bool IsNoIndex(FetchedPage page)
    {
        if (!page.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? true) return false;
        try { return HtmlLinks.Extract(page.Text, page.FinalUrl).NoIndex; }
        catch (RegexMatchTimeoutException) { return false; }
    }

    /// <summary>Scheme, host without <c>www.</c>, port and path without a trailing slash, plus query: equal for one page.</summary>
    private static Uri Canonical(Uri url)
    {
        var host = url.IdnHost.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.IdnHost[4..] : url.IdnHost;
        var path = url.AbsolutePath.Length > 1 ? url.AbsolutePath.TrimEnd('/') : url.AbsolutePath;
        return new UriBuilder(url.Scheme, host.ToLowerInvariant(), url.Port, path) { Query = url.Query.TrimStart('?') }.Uri;
    }
}
