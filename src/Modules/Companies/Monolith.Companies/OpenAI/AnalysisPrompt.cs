using System.Collections.Frozen;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.OpenAI;

/// <summary>
/// A versioned prompt, one embedded file per step (<c>CompanyAnalysis/OpenAI/Prompts/{step}.md</c>): a
/// <c>version: …</c> header line, a <c>---</c> line, then the system text. The version is recorded in every
/// <see cref="StepUsage"/> and is part of the LLM cache key, so editing a prompt means raising its version.
/// </summary>
public sealed record AnalysisPrompt(string Step, string Version, string System)
{
    public const string Profile = "profile";
    public const string ValueProposition = "value-proposition";
    public const string Clusters = "clusters";
    public const string Employees = "employees";
    public const string SpendCategories = "spend-categories";

    private static readonly FrozenDictionary<string, AnalysisPrompt> All =
        new[] { Profile, ValueProposition, Clusters, Employees, SpendCategories }.ToFrozenDictionary(step => step, Load);

    public static AnalysisPrompt For(string step) =>
        All.TryGetValue(step, out var prompt) ? prompt : throw new ArgumentOutOfRangeException(nameof(step), step, "No such analysis prompt.");

    /// <summary>Parses a prompt file; throws when the header is missing.</summary>
    public static AnalysisPrompt Parse(string step, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var separator = normalized.IndexOf("\n---\n", StringComparison.Ordinal);
        var header = separator < 0 ? "" : normalized[..separator].Trim();
        if (!header.StartsWith("version:", StringComparison.OrdinalIgnoreCase) || header["version:".Length..].Trim() is not { Length: > 0 } version)
            throw new InvalidOperationException($"Prompt '{step}' has no 'version: …' header followed by a '---' line.");
        return new AnalysisPrompt(step, version, normalized[(separator + 5)..].Trim());
    }

    private static AnalysisPrompt Load(string step)
    {
        var name = $"Monolith.Companies.Prompts.{step}.md";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded prompt '{name}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(step, reader.ReadToEnd());
    }
}

/// <summary>
/// Builds the user message of a step: country, homepage, earlier outputs as JSON, then each page's URL, category and visible
/// text (extracted from HTML), cut to the per-page and total character budgets.
/// </summary>
public static partial class AnalysisInput
{
    private static readonly JsonSerializerOptions EarlierJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string UserMessage(SiteContent site, OpenAIAnalyzerOptions options, params (string Title, object Value)[] earlier)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        text.Append("Country: ").Append(site.Country).Append('\n');
        text.Append("Homepage: ").Append(site.Homepage.AbsoluteUri).Append('\n');
        foreach (var (title, value) in earlier)
            text.Append('\n').Append(title).Append(" (JSON, found earlier):\n").Append(JsonSerializer.Serialize(value, value.GetType(), EarlierJson)).Append('\n');

        text.Append("\nPages (").Append(site.Pages.Count).Append("):\n");
        var budget = options.MaxCharactersTotal;
        var index = 0;
        foreach (var page in site.Pages)
        {
            index++;
            text.Append("\n### Page ").Append(index).Append('\n');
            text.Append("URL: ").Append(page.Url.AbsoluteUri).Append('\n');
            text.Append("Category: ").Append(page.Category).Append('\n');
            if (budget <= 0)
            {
                text.Append("Text: [left out: the text budget is spent]\n");
                continue;
            }
            var visible = VisibleText(page);
            var limit = Math.Min(options.MaxCharactersPerPage, budget);
            var cut = visible.Length > limit;
            if (cut)
            {
                var end = limit;
                if (char.IsHighSurrogate(visible[end - 1])) end--;
                visible = visible[..end];
            }
            budget -= visible.Length;
            text.Append("Text:\n").Append(visible).Append(cut ? "\n[text cut]\n" : "\n");
        }
        return text.ToString();
    }

    /// <summary>The text a reader sees: HTML without scripts, styles and tags, entities decoded, whitespace collapsed.</summary>
    public static string VisibleText(SitePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var isHtml = page.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase)
            || page.Text.TrimStart().StartsWith('<');
        return isHtml ? HtmlToText(page.Text) : Collapse(page.Text);
    }

    public static string HtmlToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = Invisible().Replace(html, " ");
        text = BlockBreak().Replace(text, "\n");
        text = Tag().Replace(text, " ");
        return Collapse(WebUtility.HtmlDecode(text));
    }

    private static string Collapse(string text)
    {
        var lines = text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"<!--.*?-->|<(script|style|noscript|svg|template)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<(br|/p|/div|/li|/h[1-6]|/tr|/section|/article|/header|/footer|/ul|/ol|/table)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v\u00A0]+")]
    private static partial Regex Spaces();
}
