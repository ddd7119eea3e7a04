using System.Globalization;
using System.Text;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.OpenAI;

/// <summary>
/// Whether a model's evidence is grounded: the snippet appears in the visible text of the page it cites (both folded —
/// case, Unicode compatibility forms, curly quotes and dashes, whitespace; an elided snippet "a … b" needs each part).
/// <see cref="Apply(CompanyProfile)"/> and its siblings drop ungrounded evidence; a list entry left without evidence is
/// dropped, a single fact left without evidence keeps at most <see cref="UngroundedConfidence"/>. Each returns how many
/// evidence items were ungrounded. Pure.
/// </summary>
public sealed class EvidenceGrounding
{
    /// <summary>The highest confidence a single fact keeps when none of its evidence could be found on the cited page.</summary>
    public const double UngroundedConfidence = 0.3;

    private const int MinimumPart = 3;
    private static readonly string[] Ellipses = ["…", "...", "[...]", "(...)"];

    private readonly Dictionary<string, string> _pageText = new(StringComparer.OrdinalIgnoreCase);

    public EvidenceGrounding(SiteContent site)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var page in site.Pages)
            _pageText.TryAdd(Key(page.Url.AbsoluteUri), Fold(AnalysisInput.VisibleText(page)));
    }

    /// <summary>True when the cited page was sent and the snippet's words are on it.</summary>
    public bool IsGrounded(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (!_pageText.TryGetValue(Key(evidence.Url), out var text)) return false;
        var parts = Fold(evidence.Snippet).Split(Ellipses, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Trim('"', '\'', ' ', '.', ',', ';', ':'))
            .Where(p => p.Length >= MinimumPart).ToList();
        return parts.Count > 0 && parts.All(p => text.Contains(p, StringComparison.Ordinal));
    }

    public (CompanyProfile Profile, int Ungrounded) Apply(CompanyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var count = 0;
        var grounded = profile with
        {
            CompanyName = Single(profile.CompanyName, ref count),
            Description = Single(profile.Description, ref count),
            Industry = Single(profile.Industry, ref count),
            Country = Single(profile.Country, ref count),
            Languages = Single(profile.Languages, ref count),
            LogoUrl = Single(profile.LogoUrl, ref count),
            SocialProfiles = Single(profile.SocialProfiles, ref count),
            Contacts = Single(profile.Contacts, ref count),
        };
        return (grounded, count);
    }

    public (ValueProposition ValueProposition, int Ungrounded) Apply(ValueProposition valueProposition)
    {
        ArgumentNullException.ThrowIfNull(valueProposition);
        var count = 0;
        var grounded = valueProposition with
        {
            Offerings = Listed(valueProposition.Offerings, ref count),
            Differentiators = Listed(valueProposition.Differentiators, ref count),
            IndustriesServed = Listed(valueProposition.IndustriesServed, ref count),
            CustomerSizeFocus = Single(valueProposition.CustomerSizeFocus, ref count),
        };
        return (grounded, count);
    }

    public (EmployeeEstimate Estimate, int Ungrounded) Apply(EmployeeEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var kept = estimate.Evidence.Where(IsGrounded).ToList();
        var count = estimate.Evidence.Count - kept.Count;
        if (count == 0) return (estimate, 0);
        return (estimate with { Evidence = kept, Confidence = kept.Count > 0 ? estimate.Confidence : Math.Min(estimate.Confidence, UngroundedConfidence) }, count);
    }

    public (IReadOnlyList<SpendCategory> Categories, int Ungrounded) Apply(IReadOnlyList<SpendCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var count = 0;
        var kept = new List<SpendCategory>(categories.Count);
        foreach (var category in categories)
        {
            var evidence = category.Evidence.Where(IsGrounded).ToList();
            count += category.Evidence.Count - evidence.Count;
            // A category with no evidence at all was inferred (allowed); one whose every citation is invented is dropped.
            if (evidence.Count > 0 || category.Evidence.Count == 0) kept.Add(category with { Evidence = evidence });
        }
        return (kept, count);
    }

    private Fact<T>? Single<T>(Fact<T>? fact, ref int count)
    {
        if (fact is null) return null;
        var kept = fact.Evidence.Where(IsGrounded).ToList();
        var ungrounded = fact.Evidence.Count - kept.Count;
        if (ungrounded == 0) return fact;
        count += ungrounded;
        return fact with { Evidence = kept, Confidence = kept.Count > 0 ? fact.Confidence : Math.Min(fact.Confidence, UngroundedConfidence) };
    }

    private List<Fact<T>> Listed<T>(IReadOnlyList<Fact<T>> facts, ref int count)
    {
        var kept = new List<Fact<T>>(facts.Count);
        foreach (var fact in facts)
        {
            var evidence = fact.Evidence.Where(IsGrounded).ToList();
            count += fact.Evidence.Count - evidence.Count;
            if (evidence.Count > 0 || fact.Evidence.Count == 0) kept.Add(fact with { Evidence = evidence });
        }
        return kept;
    }

    private static string Key(string url) => url.Trim().TrimEnd('/');

    /// <summary>Lower case, NFKC, straight quotes and hyphens, single spaces.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(normal.Length);
        var space = false;
        foreach (var c in normal)
        {
            var mapped = c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                _ => c,
            };
            if (char.IsWhiteSpace(mapped))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(mapped);
        }
        return builder.ToString();
    }
}
