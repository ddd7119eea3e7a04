using Monolith.Companies.Contracts;
using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Monolith.Companies.Heuristic;

/// <summary>
/// An icon a page declares (<c>&lt;link rel="icon|apple-touch-icon|mask-icon"&gt;</c>): absolute URL, its rel, and its size in
/// pixels (the larger side, from <c>sizes</c> or a size in the file name; null when neither says; <see cref="int.MaxValue"/> for <c>any</c>).
/// </summary>
public sealed record PageIcon(Uri Url, string Rel, int? Size);

public sealed partial record ParsedPage
{
    /// <summary>Paragraphs kept per page for the description fallback.</summary>
    public const int MaxContentParagraphs = 40;

    /// <summary>Every icon link of the page, in document order.</summary>
    public IReadOnlyList<PageIcon> IconLinks { get; init; } = [];

    /// <summary>
    /// The text of paragraphs (<c>&lt;p&gt;</c>, and blocks such as a <c>&lt;div&gt;</c> that hold only text and inline elements) outside navigation, header, footer, asides, forms, hidden elements and
    /// cookie/consent/newsletter boxes, in document order: where a page's own prose is.
    /// </summary>
    public IReadOnlyList<string> ContentParagraphs { get; init; } = [];

    /// <summary>A meta value under its key; a space-separated key (<c>property="dc:description og:description"</c>) names each.</summary>
    private static void AddMeta(Dictionary<string, string> meta, string key, string content)
    {
        foreach (var name in key.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) meta.TryAdd(name, content);
    }

    private static List<PageIcon> IconLinksOf(AngleSharp.Dom.IDocument document, Uri pageUrl)
    {
        var icons = new List<PageIcon>();
        foreach (var link in document.QuerySelectorAll("link[href][rel]"))
        {
            var rel = string.Join(' ', (link.GetAttribute("rel") ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!rel.Contains("icon", StringComparison.Ordinal) || Absolute(pageUrl, link.GetAttribute("href")) is not { } url) continue;
            if (link.HasAttribute("mask") && !rel.Contains("mask-icon", StringComparison.Ordinal)) rel += " mask-icon"; // Safari's monochrome pinned-tab icon, older spelling
            icons.Add(new PageIcon(url, rel, IconSize(link.GetAttribute("sizes"), url)));
        }
        return icons;
    }

    /// <summary>The larger side in pixels of the largest declared size (<c>sizes="16x16 32x32"</c>), else a size in the file name (<c>favicon-196x196.png</c>, <c>icon-192.png</c>).</summary>
    public static int? IconSize(string? sizes, Uri url)
    {
        if (!string.IsNullOrWhiteSpace(sizes))
        {
            if (sizes.Contains("any", StringComparison.OrdinalIgnoreCase)) return int.MaxValue;
            var declared = DeclaredSize().Matches(sizes).Select(m => Math.Max(Pixels(m.Groups[1].Value), Pixels(m.Groups[2].Value))).DefaultIfEmpty(0).Max();
            if (declared > 0) return declared;
        }
        var file = url.Segments.Length > 0 ? Uri.UnescapeDataString(url.Segments[^1]) : "";
        if (FileNameSize().Match(file) is { Success: true } named) return Pixels(named.Groups[1].Value);
        return null;
    }

    private static int Pixels(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static readonly string[] BoilerplateMarks =
        ["cookie", "consent", "gdpr", "newsletter", "subscribe", "modal", "popup", "breadcrumb", "share", "social", "menu", "skip", "copyright", "disclaimer"];

    /// <summary>ARIA landmarks that are not the page's content (a "hero banner" class is content; <c>role="banner"</c> is the site header).</summary>
    private static readonly HashSet<string> BoilerplateRoles = new(StringComparer.OrdinalIgnoreCase) { "banner", "navigation", "contentinfo", "complementary", "dialog", "alertdialog", "search" };

    /// <summary>Elements that live inside a paragraph: a block whose children are all of these is a paragraph.</summary>
    private static readonly HashSet<string> TextLevel = new(Inline, StringComparer.OrdinalIgnoreCase) { "br", "img", "font", "picture", "svg" };

    private static List<string> ContentParagraphsOf(IElement? body)
    {
        if (body is null) return [];
        var found = new List<string>();
        foreach (var paragraph in body.QuerySelectorAll("p,div,td,section,article,blockquote"))
        {
            if (paragraph.LocalName != "p" && paragraph.Children.Any(c => !TextLevel.Contains(c.LocalName))) continue;
            if (IsBoilerplate(paragraph)) continue;
            var text = Clean(paragraph.TextContent);
            if (text.Length > 1) found.Add(text);
            if (found.Count >= MaxContentParagraphs) break;
        }
        return found;
    }

    /// <summary>Whether an element sits in navigation, a header or footer, an aside, a form, a hidden element or a box marked as cookie banner, newsletter, menu and the like.</summary>
    private static bool IsBoilerplate(IElement element)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (current.LocalName is "nav" or "header" or "footer" or "aside" or "form" or "button" or "figcaption" or "dialog") return true;
            if (current.HasAttribute("hidden") || (current.GetAttribute("aria-hidden") ?? "") == "true") return true;
            var style = current.GetAttribute("style") ?? "";
            if (style.Contains("display:none", StringComparison.OrdinalIgnoreCase) || style.Contains("display: none", StringComparison.OrdinalIgnoreCase)) return true;
            if (BoilerplateRoles.Contains(current.GetAttribute("role") ?? "")) return true;
            var marks = $"{current.GetAttribute("class")} {current.GetAttribute("id")}";
            if (marks.Length > 2 && BoilerplateMarks.Any(m => marks.Contains(m, StringComparison.OrdinalIgnoreCase))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"(\d{1,4})\s*[x×]\s*(\d{1,4})", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex DeclaredSize();

    [GeneratedRegex(@"(?:^|[-_.@])(?:\d{1,4}x)?(\d{2,3})(?:x\d{1,4})?(?:[-_.@]|$)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex FileNameSize();
}
