using Monolith.Companies.Contracts;
using System.Text.RegularExpressions;

namespace Monolith.Companies.Heuristic;

/// <summary>
/// Whom a company sells to: the industries and kinds of business its site names under an industries heading or menu,
/// on its industries, customers and case-study pages, in phrases ("for distributors", "trusted by hospitals",
/// "wir betreuen Kliniken") and in schema.org <c>audience</c>; each mapped to a NAICS sector with its evidence.
/// </summary>
public static partial class AudienceRules
{
    /// <summary>schema.org <c>audience</c>: the site declares it.</summary>
    public const double DeclaredConfidence = 0.85;

    /// <summary>An entry of a list, menu or card group under an "Industries" heading or label.</summary>
    public const double ListedConfidence = 0.8;

    /// <summary>A heading or card on the industries page.</summary>
    public const double IndustriesPageConfidence = 0.75;

    /// <summary>A phrase that says whom the company serves ("for distributors", "Kunden aus der Industrie").</summary>
    public const double PhraseConfidence = 0.6;

    /// <summary>A heading or card on a customers or case-study page (a client's name or story that names its industry).</summary>
    public const double CustomerPageConfidence = 0.55;

    /// <summary>Industries served kept at most.</summary>
    public const int MaxIndustries = 8;

    /// <summary>How much more an industries or customers page counts as evidence than a menu entry elsewhere.</summary>
    private const double DedicatedPageBonus = 0.1;

    /// <summary>Evidence kept per industry (one per page).</summary>
    public const int MaxEvidence = 3;

    /// <summary>Pages that say nothing about whom the company sells to.</summary>
    private static bool Silent(ParsedPage page) => page.Category is "Careers" or "Legal" or "Contact";

    public static IReadOnlyList<Fact<IndustryCode>> IndustriesServed(IReadOnlyList<ParsedPage> pages)
    {
        var found = new Dictionary<string, (double Confidence, List<(double Rank, Evidence Evidence)> Evidence)>(StringComparer.Ordinal);
        ParsedPage current = null!;
        void Add(IEnumerable<NaicsSector> sectors, double confidence, Evidence evidence, bool onItsOwnPage = false)
        {
            // The page about industries or customers is the better evidence than the same menu entry on every page.
            var rank = confidence + (onItsOwnPage && current.Category is "Industries" or "Customers" ? DedicatedPageBonus : 0);
            foreach (var sector in sectors)
            {
                var (best, list) = found.GetValueOrDefault(sector.Code, (0, []));
                var same = list.FindIndex(e => e.Evidence.Url == evidence.Url);
                if (same < 0) list.Add((rank, evidence));
                else if (list[same].Rank < rank) list[same] = (rank, evidence);
                found[sector.Code] = (Math.Max(best, confidence), list);
            }
        }
        foreach (var page in pages.Where(p => !Silent(p)))
        {
            current = page;
            foreach (var node in page.JsonLd)
                foreach (var audience in JsonLd.Values(node, "audience"))
                    foreach (var text in new[] { JsonLd.String(audience, "audienceType"), JsonLd.String(audience, "name"), JsonLd.AsString(audience) }.OfType<string>().Distinct())
                        Add(SegmentWords.SectorsIn(text), DeclaredConfidence, new Evidence(page.Url.AbsoluteUri, $"schema.org audience: {text}"));
            foreach (var item in page.Items.Where(i => IsServedItem(i, page.Category)))
                Add(SegmentWords.SectorsIn(item.Name), ItemConfidence(item, page.Category), item.Evidence(page), item.Source != PageItemSources.Menu);
            if (page.Category is "Industries" or "Customers")
                foreach (var heading in page.Headings.Where(h => h.Level >= 2 && h.Text.Length < 80 && !SectionWords.IsIndustryContext(h.Text)))
                    Add(SegmentWords.SectorsIn(heading.Text), page.Category == "Industries" ? IndustriesPageConfidence : CustomerPageConfidence, page.EvidenceOf(heading.Text), onItsOwnPage: true);
            // A case study names its client's business in passing: "A food manufacturer in Leeds cut …", "Drei Kliniken, ein Einkauf".
            if (page.Category == "Customers")
                foreach (var story in page.Items.Where(i => i.Source is PageItemSources.Card or PageItemSources.Heading && i.Description is not null))
                    Add(SegmentWords.SectorsIn(story.Description!, inRunningText: true), CustomerPageConfidence, story.Evidence(page), onItsOwnPage: true);
            foreach (var (who, at) in Phrases(page))
                Add(SegmentWords.SectorsIn(who, inRunningText: true), PhraseConfidence, page.EvidenceOf(at));
        }
        return found.Select(f => new Fact<IndustryCode>(NaicsSectors.Get(f.Key).ToIndustryCode(), f.Value.Confidence,
                f.Value.Evidence.OrderByDescending(e => e.Rank).Select(e => e.Evidence).Take(MaxEvidence).ToList()))
            .OrderByDescending(f => f.Confidence).ThenByDescending(f => f.Evidence.Count).ThenBy(f => f.Value.Code, StringComparer.Ordinal).Take(MaxIndustries).ToList();
    }

    /// <summary>
    /// An item naming an industry: listed under an industries heading, an industry-only name on an industries or customers
    /// page, or under "Solutions" ("For logistics", "Retail": solutions by industry).
    /// </summary>
    private static bool IsServedItem(PageItem item, string category) =>
        item.Name.Length < 80 && (SectionWords.IsIndustryContext(item.Context)
            || (category is "Industries" or "Customers" && !SectionWords.IsOfferingContext(item.Context) && SegmentWords.IsIndustryName(item.Name))
            || (SectionWords.IsOfferingContext(item.Context) && (StartsWithAudience(item.Name) || SegmentWords.IsIndustryName(item.Name))));

    private static double ItemConfidence(PageItem item, string category) =>
        SectionWords.IsIndustryContext(item.Context) || StartsWithAudience(item.Name) ? ListedConfidence
        : SectionWords.IsOfferingContext(item.Context) ? PhraseConfidence // an industry's name among the offerings: probably "solutions for" it
        : category == "Industries" ? IndustriesPageConfidence : CustomerPageConfidence;

    /// <summary>"For logistics" as a solutions-menu entry names an industry, not a product.</summary>
    public static bool StartsWithAudience(string name) => AudienceStart().IsMatch(name);

    /// <summary>Whom phrases on a page name: the words after "for", "trusted by", "wir betreuen", ... and the sentence they sit in.</summary>
    public static IEnumerable<(string Who, string Sentence)> Phrases(ParsedPage page)
    {
        var navigation = page.NavItems.ToHashSet(StringComparer.Ordinal);
        var texts = page.Headings.Select(h => h.Text).Concat(page.Paragraphs).Where(t => !navigation.Contains(t))
            .Concat(page.Items.Where(i => i.Source == PageItemSources.Card).Select(i => i.Name)); // "Solutions for retail" as a card title
        foreach (var text in texts.Distinct(StringComparer.Ordinal))
            foreach (Match match in Audience().Matches(text))
                yield return (match.Groups["who"].Value, match.Value);
    }

    /// <summary>The text without what it says about customers: what remains describes the company itself.</summary>
    public static string WithoutAudience(string text)
    {
        try { return Audience().Replace(text, " "); }
        catch (RegexMatchTimeoutException) { return text; } // a pathological page under load: keep the words rather than fail the step
    }

    private const string Markers =
        @"for|serving|serves?|trusted by|used by|chosen by|relied on by|built for|designed for|made for|tailored (?:to|for)|speciali[sz]ed (?:in|on)|specialists? (?:in|for)|partner (?:to|for|of)|work(?:ing)? with|helps?|supports?|(?:customers|clients) (?:include|in|from|such as|like)|industries (?:like|such as|including)"
        + @"|für|im einsatz bei|vertrauen (?:uns|auf)|betreuen|beraten|unterstützen|kunden (?:aus|in|wie|sind)|spezialisiert auf|partner (?:für|der|von|des)|zugeschnitten auf|branchen wie"
        + @"|pour|au service d(?:es|e|u)|accompagn\w*|clients? (?:dans|du|de|des)|dédiée?s? aux?|destinée?s? aux?|spécialiste d[eu]s?|spécialisée?s? dans|partenaire d(?:es|e|u)"
        + @"|para|al servicio de|clientes (?:en|del|de)|trabajamos con|especializad[oa]s en|especialistas en|dirigid[oa]s? a|socio de"
        + @"|per|al servizio d(?:i|el|ella|ei)|clienti (?:nei|del|dei|in)|lavoriamo con|specializzat[ie] in|dedicat[oa] a|partner d(?:i|ei)"
        + @"|voor|klanten (?:in|uit)|werken (?:voor|met)|gespecialiseerd in|partner van";

    [GeneratedRegex(@"\b(?:" + Markers + @")\b\s+(?<who>[^.;:!?()\n]{3,120})", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Audience();

    [GeneratedRegex(@"^(?:for|für|pour|para|per|voor)\s", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex AudienceStart();
}
