using Monolith.Companies.Contracts;
using System.Net;
using System.Text.RegularExpressions;

namespace Monolith.Companies.Heuristic;

/// <summary>
/// What the site says it is: the homepage's own summary (JSON-LD organisation description, OpenGraph, Twitter, meta and
/// Dublin Core descriptions, JSON-LD page description), else the first paragraph of prose on the about or home page
/// that is not a cookie banner, navigation or other boilerplate.
/// </summary>
public static partial class DescriptionRules
{
    /// <summary>Meta keys that hold a page summary, in the order they are trusted (Dublin Core is rare and deliberate; OpenGraph is written for sharing; the plain meta description is often site-wide).</summary>
    public static readonly string[] MetaKeys = ["dc:description", "dcterms:description", "dc.description", "og:description", "twitter:description", "description"];

    /// <summary>Shortest meta summary taken.</summary>
    public const int MinMetaChars = 8;

    /// <summary>Shortest paragraph taken as a description (shorter is a caption, a label or a button).</summary>
    public const int MinParagraphChars = 60;

    /// <summary>Longest description kept; a longer paragraph is cut at a word boundary.</summary>
    public const int MaxChars = 600;

    // Measured share of right descriptions per source on corpus-web (docs/benchmarks.md): stated summaries 116/124, the
    // paragraph fallback 14/21 (on pages built around their first paragraph: a company homepage's first paragraph is less sure).
    public const double MetaConfidence = 0.93;
    public const double JsonLdOrganizationConfidence = 0.8;
    public const double JsonLdPageConfidence = 0.7;
    public const double ParagraphConfidence = 0.6;

    private static readonly string[] BoilerplateWords =
    [
        "cookie", "cookies", "javascript", "your browser", "privacy policy", "datenschutz", "all rights reserved", "sign up", "log in", "subscribe",
        "newsletter", "skip to", "accept", "consent",
    ];

    public static Fact<string>? Description(IReadOnlyList<ParsedPage> pages)
    {
        if (pages.Count == 0) return null;
        var home = pages[0];
        var summaries = Summaries(pages).ToList();
        // A short summary is often a tagline or a headline ("Identify problems early"): a sentence-long one says more.
        if (summaries.Count > 0)
        {
            var summary = summaries.FirstOrDefault(s => s.Text.Length >= MinParagraphChars, summaries[0]);
            return new Fact<string>(summary.Text, summary.Confidence, [summary.Evidence]);
        }
        foreach (var page in pages.Where(p => p.Category == "About").Append(home))
            if (page.ContentParagraphs.FirstOrDefault(IsProse) is { } paragraph)
                return new Fact<string>(Shorten(paragraph), ParagraphConfidence, [page.Evidence(paragraph)]);
        return null;
    }

    /// <summary>The summaries the site states, most trusted first: the homepage's meta descriptions, then JSON-LD descriptions (organisation first).</summary>
    public static IEnumerable<(string Text, double Confidence, Evidence Evidence)> Summaries(IReadOnlyList<ParsedPage> pages)
    {
        var home = pages[0];
        foreach (var key in MetaKeys)
            if (home.Meta.TryGetValue(key, out var value) && Tidy(value) is { Length: >= MinMetaChars } text)
                yield return (text, MetaConfidence, new Evidence(home.Url.AbsoluteUri, $"{key}: {ParsedPage.Snippet(text, 0, 0)}"));
        foreach (var page in pages)
            foreach (var node in page.JsonLd.Where(JsonLd.IsOrganization))
                if (Tidy(JsonLd.String(node, "description")) is { Length: >= MinMetaChars } text)
                    yield return (text, JsonLdOrganizationConfidence, page.Evidence(text));
        foreach (var node in home.JsonLd)
            if (Tidy(JsonLd.String(node, "description")) is { Length: >= MinMetaChars } text) yield return (text, JsonLdPageConfidence, home.Evidence(text));
    }

    /// <summary>A stated summary cleaned: entities a site escaped twice decoded, spaces collapsed.</summary>
    public static string Tidy(string? text)
    {
        var clean = ParsedPage.Clean(text);
        if (clean.Contains('&', StringComparison.Ordinal) && clean.Contains(';', StringComparison.Ordinal)) clean = ParsedPage.Clean(WebUtility.HtmlDecode(clean));
        return clean;
    }

    /// <summary>Whether a paragraph reads as prose about the page: long enough, mostly letters, no code, no cookie or sign-up boilerplate.</summary>
    public static bool IsProse(string paragraph)
    {
        if (paragraph.Length < MinParagraphChars || paragraph.Contains('©', StringComparison.Ordinal)) return false;
        if (CodeLike().IsMatch(paragraph)) return false;
        var lower = paragraph.ToLowerInvariant();
        if (BoilerplateWords.Any(w => lower.Contains(w, StringComparison.Ordinal))) return false;
        var letters = paragraph.Count(char.IsLetter);
        return letters >= paragraph.Length / 2 && paragraph.Count(c => c == ' ') >= 5;
    }

    /// <summary>At most <see cref="MaxChars"/> characters, cut at the last sentence end or else the last space before the limit.</summary>
    public static string Shorten(string text)
    {
        if (text.Length <= MaxChars) return text;
        var cut = text[..MaxChars];
        var sentence = cut.LastIndexOfAny(['.', '!', '?']);
        if (sentence > MaxChars / 2) return cut[..(sentence + 1)];
        var space = cut.LastIndexOf(' ');
        return space > 0 ? cut[..space] : cut;
    }

    [GeneratedRegex(@"function\s*\(|\bvar\s+\w+\s*=|<!\[CDATA\[|[{};]\s*[{}]|=>", RegexOptions.None, 1000)]
    private static partial Regex CodeLike();
}
