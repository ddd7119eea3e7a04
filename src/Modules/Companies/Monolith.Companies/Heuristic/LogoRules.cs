using Monolith.Companies.Contracts;
using System.Text.Json;

namespace Monolith.Companies.Heuristic;

/// <summary>A logo the pages offer: its URL, the kind of place it comes from, its size in pixels when known, and what the page says.</summary>
public sealed record LogoCandidate(Uri Url, LogoSource Source, int? Size, Evidence Evidence);

/// <summary>Where a logo comes from, best first: the order <see cref="LogoRules"/> ranks them in.</summary>
public enum LogoSource
{
    /// <summary>The <c>logo</c> of a JSON-LD organisation.</summary>
    JsonLd,

    /// <summary><c>&lt;meta property="og:logo"&gt;</c> or <c>itemprop="logo"</c>.</summary>
    MetaLogo,

    /// <summary>An apple-touch-icon, or an icon declared at least <see cref="LogoRules.LargeIconPixels"/> wide.</summary>
    LargeIcon,

    /// <summary>An <c>&lt;img&gt;</c> marked as the logo (class, id, alt or file name).</summary>
    LogoImage,

    /// <summary>A smaller or unsized icon (<c>favicon.ico</c>).</summary>
    SmallIcon,

    /// <summary>The <c>logo</c> of the publisher of a JSON-LD article or page that is not about the organisation itself (a wordmark, often).</summary>
    JsonLdPublisher,

    /// <summary><c>/favicon.ico</c> at the site's root, where browsers look when a page declares no icon.</summary>
    DefaultFavicon,
}

/// <summary>
/// The company's logo: a JSON-LD organisation's logo, <c>og:logo</c>, then the icons the site declares ranked by size
/// (apple-touch-icon and icons of at least <see cref="LargeIconPixels"/> pixels), a header image marked as the logo,
/// smaller favicons, the logo of an article's JSON-LD publisher (a wordmark, often), and last the root <c>/favicon.ico</c>. <c>og:image</c> is
/// not used: it is the picture of the page shared, almost never its logo. URLs are absolute (resolved against the page
/// that names them).
/// </summary>
public static class LogoRules
{
    /// <summary>An icon at least this wide is drawn for home screens and tabs in high resolution: a square logo.</summary>
    public const int LargeIconPixels = 96;

    /// <summary>The size assumed for an apple-touch-icon that does not declare one (Apple's default home-screen size).</summary>
    public const int AppleTouchIconPixels = 180;

    /// <summary>
    /// Confidence per source: the share of right logos measured on corpus-web (docs/benchmarks.md), where "logo" mostly means
    /// the site's icon; a header image marked as the logo was never the asserted one there (0 of 15) but is the logo on every
    /// fixture company site that has one, hence between the two.
    /// </summary>
    private static readonly Dictionary<LogoSource, double> ConfidenceBySource = new()
    {
        [LogoSource.JsonLd] = 0.5,
        [LogoSource.MetaLogo] = 0.5,
        [LogoSource.LargeIcon] = 0.55,
        [LogoSource.LogoImage] = 0.3,
        [LogoSource.JsonLdPublisher] = 0.25,
        [LogoSource.SmallIcon] = 0.5,
        [LogoSource.DefaultFavicon] = 0.2,
    };

    public static Fact<string>? LogoUrl(IReadOnlyList<ParsedPage> pages)
    {
        if (pages.Count == 0) return null;
        var best = Candidates(pages).OrderBy(c => c.Source).ThenByDescending(c => c.Size ?? 0).FirstOrDefault();
        return best is null ? null : new Fact<string>(best.Url.AbsoluteUri, ConfidenceBySource[best.Source], [best.Evidence]);
    }

    /// <summary>Every logo the pages offer, in document order per source.</summary>
    public static IReadOnlyList<LogoCandidate> Candidates(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<LogoCandidate>();
        foreach (var page in pages)
            foreach (var node in page.JsonLd)
            {
                var holders = JsonLd.IsOrganization(node) ? [node] : JsonLd.Values(node, "publisher").Where(p => p.ValueKind == JsonValueKind.Object);
                foreach (var holder in holders)
                    if (JsonLd.String(holder, "logo") is { } logo && ParsedPage.Absolute(page.Url, logo) is { } url)
                        found.Add(new LogoCandidate(url, JsonLd.IsOrganization(node) ? LogoSource.JsonLd : LogoSource.JsonLdPublisher, null, new Evidence(page.Url.AbsoluteUri, $"JSON-LD logo: {logo}")));
            }
        var home = pages[0];
        foreach (var key in new[] { "og:logo", "logo" })
            if (home.Meta.TryGetValue(key, out var value) && ParsedPage.Absolute(home.Url, value) is { } url)
                found.Add(new LogoCandidate(url, LogoSource.MetaLogo, null, new Evidence(home.Url.AbsoluteUri, $"{key}: {value}")));
        foreach (var icon in home.IconLinks.Where(i => !i.Rel.Contains("mask-icon", StringComparison.Ordinal)))
        {
            var apple = icon.Rel.Contains("apple-touch-icon", StringComparison.Ordinal);
            var size = icon.Size ?? (apple ? AppleTouchIconPixels : null);
            found.Add(new LogoCandidate(icon.Url, size >= LargeIconPixels ? LogoSource.LargeIcon : LogoSource.SmallIcon, size,
                new Evidence(home.Url.AbsoluteUri, $"<link rel=\"{icon.Rel}\" href=\"{icon.Url}\"{(icon.Size is { } s ? $" sizes=\"{s}\"" : "")}>")));
        }
        foreach (var image in home.Images.Where(ProfileRules.IsLogo))
            found.Add(new LogoCandidate(image.Src, LogoSource.LogoImage, null, new Evidence(home.Url.AbsoluteUri, $"<img src=\"{image.Src}\" alt=\"{image.Alt}\">")));
        if (found.Count == 0 && Uri.TryCreate(home.Url, "/favicon.ico", out var favicon))
            found.Add(new LogoCandidate(favicon, LogoSource.DefaultFavicon, null, new Evidence(home.Url.AbsoluteUri, "no icon declared: /favicon.ico")));
        return found;
    }
}
