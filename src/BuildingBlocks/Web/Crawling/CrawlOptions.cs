using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Web.Crawling;

/// <summary>Settings of <see cref="SiteCrawler"/> (section <c>WebFetch:Crawl</c>), validated at start-up.</summary>
public sealed class CrawlOptions
{
    public const string Section = "WebFetch:Crawl";

    /// <summary>Pages fetched besides the homepage.</summary>
    [Range(0, 50)]
    public int PageBudget { get; set; } = 8;

    /// <summary>Distinct URLs (homepage links first, then sitemap entries best-ranked first) looked at per crawl.</summary>
    [Range(1, 2_000)]
    public int MaxCandidates { get; set; } = 200;

    /// <summary>Page fetches in flight at once per crawl (the fetcher additionally limits requests per host).</summary>
    [Range(1, 16)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Also take candidates from the site's sitemaps (robots.txt <c>Sitemap:</c> lines and <c>/sitemap.xml</c>).</summary>
    public bool UseSitemaps { get; set; } = true;
}
