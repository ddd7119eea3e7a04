using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>A link on a page: absolute URL, its text and rel.</summary>
public sealed record PageLink(Uri Url, string Text, string Rel);

/// <summary>An image: absolute source and the attributes that say whether it is a logo.</summary>
public sealed record PageImage(Uri Src, string Alt, string ClassAndId);

/// <summary>
/// What the heuristics read from one page: the parts of the HTML that carry company facts, already decoded and
/// made absolute. Built once per page by <see cref="Parse"/>; everything else works on these plain values.
/// </summary>
public sealed partial record ParsedPage(
    Uri Url,
    string Category,
    string Title,
    string? HtmlLang,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyList<(string Lang, Uri Url)> Alternates,
    IReadOnlyList<(int Level, string Text)> Headings,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> NavItems,
    IReadOnlyList<PageLink> Links,
    IReadOnlyList<PageImage> Images,
    IReadOnlyList<JsonElement> JsonLd,
    IReadOnlyList<(string Heading, string Body)> Sections,
    bool HasForm,
    string Text)
{
    /// <summary>What the page lists under its headings and menus: products, services, industries, reasons to choose it (<see cref="PageStructure"/>).</summary>
    public IReadOnlyList<PageItem> Items { get; init; } = [];

    private static readonly Regex Spaces = new(@"\s+", RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>Most characters of body text kept per page (a several-megabyte page is mostly noise).</summary>
    public const int MaxTextChars = 200_000;

    public static ParsedPage Parse(SitePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // A parser per page: cheap, and no shared state between concurrent analyses.
        using var document = new HtmlParser().ParseDocument(page.Text);
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in document.QuerySelectorAll("meta"))
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (key is not null && !string.IsNullOrWhiteSpace(content)) AddMeta(meta, key, Clean(content));
        }
        var alternates = new List<(string, Uri)>();
        foreach (var link in document.QuerySelectorAll("link[href]"))
        {
            var rel = (link.GetAttribute("rel") ?? "").ToLowerInvariant();
            var href = Absolute(page.Url, link.GetAttribute("href"));
            if (href is null) continue;
            if (rel.Contains("alternate", StringComparison.Ordinal) && link.GetAttribute("hreflang") is { Length: > 0 } lang) alternates.Add((lang.Trim(), href));
        }
        var jsonLd = new List<JsonElement>();
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
            jsonLd.AddRange(Heuristic.JsonLd.Parse(script.TextContent));

        var body = document.Body;
        var headings = body is null ? [] : body.QuerySelectorAll("h1,h2,h3,h4")
            .Select(h => (Level: h.LocalName[1] - '0', Text: Clean(h.TextContent)))
            .Where(h => h.Text.Length is > 1 and < 200).ToList();
        var paragraphs = body is null ? [] : body.QuerySelectorAll("p,li,td,address")
            .Select(p => Clean(p.TextContent)).Where(p => p.Length > 1).Take(2_000).ToList();
        var navItems = body is null ? [] : body.QuerySelectorAll("nav li, nav a, .menu a, .submenu a")
            .Select(a => Clean(a.TextContent)).Where(t => t.Length is > 1 and < 80).Distinct(StringComparer.Ordinal).ToList();
        var links = new List<PageLink>();
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            var raw = a.GetAttribute("href")!.Trim();
            Uri? href = raw.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)
                ? (Uri.TryCreate(raw, UriKind.Absolute, out var special) ? special : null)
                : Absolute(page.Url, raw);
            if (href is not null) links.Add(new PageLink(href, Clean(a.TextContent), a.GetAttribute("rel") ?? ""));
        }
        var images = document.QuerySelectorAll("img[src]")
            .Select(img => (Src: Absolute(page.Url, img.GetAttribute("src")), Alt: img.GetAttribute("alt") ?? "",
                Marks: $"{img.GetAttribute("class")} {img.GetAttribute("id")} {img.ParentElement?.GetAttribute("class")} {img.ParentElement?.GetAttribute("id")}"))
            .Where(i => i.Src is not null).Select(i => new PageImage(i.Src!, Clean(i.Alt), i.Marks)).ToList();

        var sections = body is null ? [] : body.QuerySelectorAll("h2,h3,h4")
            .Select(h => (Heading: Clean(h.TextContent), Body: FollowingText(h)))
            .Where(s => s.Heading.Length is > 1 and < 120).ToList();
        var hasForm = document.QuerySelector("form") is not null;

        var iconLinks = IconLinksOf(document, page.Url);
        foreach (var noise in document.QuerySelectorAll("script,style,noscript,template").ToList()) noise.Remove();
        var contentParagraphs = ContentParagraphsOf(body);
        var text = Clean(TextOf(body ?? document.DocumentElement));
        if (text.Length > MaxTextChars) text = text[..MaxTextChars];
        return new ParsedPage(page.Url, CategoryName(page.Category), Clean(document.Title ?? ""), document.DocumentElement.GetAttribute("lang")?.Trim(),
            meta, alternates, headings, paragraphs, navItems, links, images, jsonLd, sections, hasForm, text)
        { IconLinks = iconLinks, ContentParagraphs = contentParagraphs, Items = PageStructure.Read(body) };
    }

    /// <summary>
    /// The category as the rules compare it (<c>Home</c>, <c>Products</c>, <c>Industries</c>, ...): the scanner records
    /// <see cref="Monolith.BuildingBlocks.Web.Crawling.PageCategory"/> names in lower case, and "industries" must read like "Industries".
    /// </summary>
    public static string CategoryName(string category) =>
        Enum.TryParse<Monolith.BuildingBlocks.Web.Crawling.PageCategory>(category, ignoreCase: true, out var known) && Enum.IsDefined(known) ? known.ToString() : category;

    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    };

    /// <summary>The text of an element with a space between block elements (TextContent would glue "USA" and "Phone" of two paragraphs).</summary>
    private static string TextOf(INode root)
    {
        var builder = new System.Text.StringBuilder();
        void Walk(INode node)
        {
            if (builder.Length > MaxTextChars) return;
            if (node is IText text) { builder.Append(text.Data); return; }
            var block = node is IElement element && !Inline.Contains(element.LocalName);
            if (block) builder.Append(' ');
            foreach (var child in node.ChildNodes) Walk(child);
            if (block) builder.Append(' ');
        }
        Walk(root);
        return builder.ToString();
    }

    internal static string FollowingText(IElement heading)
    {
        var parts = new List<string>();
        for (var next = heading.NextElementSibling; next is not null && parts.Count < 3; next = next.NextElementSibling)
        {
            if (next.LocalName is "h1" or "h2" or "h3" or "h4") break;
            var text = Clean(next.TextContent);
            if (text.Length > 0) parts.Add(text);
        }
        var joined = string.Join(" ", parts);
        return joined.Length > 400 ? joined[..400] : joined;
    }

    public static string Clean(string? text) => text is null ? "" : Spaces.Replace(text, " ").Trim();

    public static Uri? Absolute(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        return Uri.TryCreate(baseUrl, href.Trim(), out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/> around <paramref name="index"/>, on word boundaries.</summary>
    public static string Snippet(string text, int index, int length, int max = 300)
    {
        if (text.Length <= max) return text;
        var start = Math.Max(0, index - (max - length) / 2);
        var end = Math.Min(text.Length, start + max);
        start = Math.Max(0, end - max);
        var snippet = text[start..end];
        if (start > 0 && snippet.IndexOf(' ', StringComparison.Ordinal) is > 0 and < 40 and var s) snippet = snippet[(s + 1)..];
        if (end < text.Length && snippet.LastIndexOf(' ') is var e && e > snippet.Length - 40 && e > 0) snippet = snippet[..e];
        return snippet.Trim();
    }

    public Evidence Evidence(string source, int index = 0, int length = 0) => new(Url.AbsoluteUri, Snippet(source, index, length));

    public Evidence EvidenceOf(string found)
    {
        var index = Text.IndexOf(found, StringComparison.OrdinalIgnoreCase);
        return index >= 0 ? Evidence(Text, index, found.Length) : new Evidence(Url.AbsoluteUri, Snippet(found, 0, 0));
    }
}
