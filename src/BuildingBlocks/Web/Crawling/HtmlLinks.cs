using System.Net;
using System.Text.RegularExpressions;

namespace Monolith.BuildingBlocks.Web.Crawling;

/// <summary>One link of a page: absolute http(s) URL without fragment, its visible text and whether it carries <c>rel=nofollow</c>.</summary>
public sealed record HtmlLink(Uri Url, string Text, bool NoFollow);

/// <summary>
/// The links of a page plus its <c>&lt;meta name="robots"&gt;</c> directives (<c>noindex</c>, <c>nofollow</c>, <c>none</c>).
/// <see cref="BaseUri"/> is what relative links were resolved against (the page URL or its <c>&lt;base href&gt;</c>).
/// </summary>
public sealed record HtmlLinkSet(IReadOnlyList<HtmlLink> Links, Uri BaseUri, bool NoIndex, bool NoFollow);

/// <summary>
/// Tolerant, dependency-free link extraction from HTML: <c>&lt;a href&gt;</c> outside
/// comments, scripts and styles; resolved against <c>&lt;base href&gt;</c> or the page URL; fragments dropped;
/// <c>javascript:</c>, <c>mailto:</c>, <c>tel:</c> and every other non-http(s) scheme ignored; one entry per URL
/// (first non-empty text wins, nofollow only when every occurrence says so). Not a full HTML parser.
/// </summary>
public static partial class HtmlLinks
{
    private const int MaxLinks = 5_000;

    public static HtmlLinkSet Extract(string html, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri) throw new ArgumentException("must be absolute", nameof(baseUri));
        html = Noise().Replace(html ?? "", " ");

        var effectiveBase = baseUri;
        var baseTag = BaseTag().Match(html);
        if (baseTag.Success && Attributes(baseTag.Groups["attrs"].Value).TryGetValue("href", out var baseHref)
            && Uri.TryCreate(baseUri, baseHref, out var resolvedBase) && IsHttp(resolvedBase))
            effectiveBase = resolvedBase;

        bool noIndex = false, noFollow = false;
        foreach (Match meta in MetaTag().Matches(html))
        {
            var attrs = Attributes(meta.Groups["attrs"].Value);
            if (!attrs.TryGetValue("name", out var name) || !attrs.TryGetValue("content", out var content)) continue;
            if (!name.Equals("robots", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var directive in content.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (directive.Equals("noindex", StringComparison.OrdinalIgnoreCase) || directive.Equals("none", StringComparison.OrdinalIgnoreCase)) noIndex = true;
                if (directive.Equals("nofollow", StringComparison.OrdinalIgnoreCase) || directive.Equals("none", StringComparison.OrdinalIgnoreCase)) noFollow = true;
            }
        }

        var links = new List<HtmlLink>();
        var index = new Dictionary<Uri, int>();
        foreach (Match anchor in Anchor().Matches(html))
        {
            if (links.Count >= MaxLinks) break;
            var attrs = Attributes(anchor.Groups["attrs"].Value);
            if (!attrs.TryGetValue("href", out var href)) continue;
            var url = Resolve(effectiveBase, href);
            if (url is null) continue;
            var rel = attrs.GetValueOrDefault("rel") ?? "";
            var isNoFollow = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("nofollow", StringComparison.OrdinalIgnoreCase));
            var text = TextOf(anchor.Groups["inner"].Value);
            if (text.Length == 0) text = attrs.GetValueOrDefault("title") ?? attrs.GetValueOrDefault("aria-label") ?? "";
            if (index.TryGetValue(url, out var at))
            {
                var existing = links[at];
                links[at] = existing with
                {
                    Text = existing.Text.Length > 0 ? existing.Text : text,
                    NoFollow = existing.NoFollow && isNoFollow,
                };
                continue;
            }
            index[url] = links.Count;
            links.Add(new HtmlLink(url, text, isNoFollow));
        }
        return new HtmlLinkSet(links, effectiveBase, noIndex, noFollow);
    }

    private static Uri? Resolve(Uri baseUri, string href)
    {
        href = href.Trim();
        if (href.Length == 0 || href.StartsWith('#')) return null;
        if (!Uri.TryCreate(baseUri, href, out var url) || !IsHttp(url)) return null;
        if (url.Fragment.Length == 0) return url;
        return new UriBuilder(url) { Fragment = "" }.Uri;
    }

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static string TextOf(string inner)
    {
        var alts = string.Join(' ', ImageAlt().Matches(inner).Select(m => Attributes(m.Groups["attrs"].Value).GetValueOrDefault("alt") ?? ""));
        var text = WebUtility.HtmlDecode(Tag().Replace(inner, " ")) + " " + alts;
        return Whitespace().Replace(text, " ").Trim();
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Attribute().Matches(text))
        {
            var name = m.Groups["name"].Value;
            if (result.ContainsKey(name)) continue;
            var value = m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["uq"].Value;
            result[name] = WebUtility.HtmlDecode(value);
        }
        return result;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"<!--.*?(?:-->|$)|<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|$)", Options, 2000)]
    private static partial Regex Noise();

    [GeneratedRegex(@"<base\b(?<attrs>[^>]*)>", Options, 1000)]
    private static partial Regex BaseTag();

    [GeneratedRegex(@"<meta\b(?<attrs>[^>]*)>", Options, 1000)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"<a\b(?<attrs>[^>]*)>(?<inner>.*?)(?=</a\s*>|<a\b|$)", Options, 2000)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<img\b(?<attrs>[^>]*)>", Options, 1000)]
    private static partial Regex ImageAlt();

    [GeneratedRegex(@"(?<name>[^\s""'<>/=]+)(?:\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<uq>[^\s""'=<>`]+)))?", Options, 1000)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<[^>]*>", Options, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", Options, 1000)]
    private static partial Regex Whitespace();
}
