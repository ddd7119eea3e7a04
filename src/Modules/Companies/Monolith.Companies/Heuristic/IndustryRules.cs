using Monolith.Companies;
using Monolith.Companies.Contracts;
namespace Monolith.Companies.Heuristic;

/// <summary>The company's own NAICS sector: JSON-LD <c>naics</c> or schema.org type if given, else keyword scoring across pages.</summary>
public static class IndustryRules
{
    private static readonly (string Type, string Sector)[] TypeHints =
    [
        ("Dentist", "62"), ("MedicalOrganization", "62"), ("MedicalClinic", "62"), ("Hospital", "62"), ("Physician", "62"),
        ("Hotel", "72"), ("LodgingBusiness", "72"), ("Resort", "72"), ("Restaurant", "72"), ("FoodEstablishment", "72"),
        ("SoftwareApplication", "51"), ("WebApplication", "51"), ("MovingCompany", "48-49"), ("Store", "44-45"),
        ("FinancialService", "52"), ("BankOrCreditUnion", "52"), ("InsuranceAgency", "52"), ("EducationalOrganization", "61"),
        ("GovernmentOrganization", "92"), ("RealEstateAgent", "53"), ("GeneralContractor", "23"), ("LegalService", "54"),
    ];

    /// <summary>How much a page of a category speaks about the company itself (industries/customers pages name the customers' sectors).</summary>
    public static double PageWeight(string category) => category switch
    {
        "Home" or "About" => 2.0,
        "Products" or "Services" or "Solutions" => 1.5,
        "Legal" => 1.0,
        "Careers" or "Contact" => 0.5,
        "Industries" or "Customers" => 0.2,
        _ => 0.7,
    };

    /// <summary>Keyword score of every sector for one text (with diminishing returns for repeats).</summary>
    public static Dictionary<string, double> Score(string text)
    {
        var lower = TextMatching.Lower(text);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sector in NaicsSectors.All)
        {
            var hits = sector.Keywords.Distinct(StringComparer.Ordinal).Sum(k => TextMatching.Count(lower, k));
            if (hits > 0) scores[sector.Code] = Math.Log2(1 + hits);
        }
        return scores;
    }

    /// <summary>
    /// The company's own sector: from what it sells when its offerings and self-descriptions agree (<see cref="SellerRules"/>),
    /// else from keywords of its pages with the words about its customers left out.
    /// </summary>
    public static Fact<IndustryCode>? Industry(IReadOnlyList<ParsedPage> pages)
    {
        var offerings = ValuePropositionRules.Offerings(pages);
        if (SellerRules.Industry(pages, offerings) is { } sold) return sold;
        foreach (var page in pages)
            foreach (var node in page.JsonLd.Where(JsonLd.IsOrganization))
                if (NaicsSectors.Find(JsonLd.String(node, "naics")) is { } declared)
                    return new Fact<IndustryCode>(declared.ToIndustryCode(), 0.95, [new Evidence(page.Url.AbsoluteUri, $"JSON-LD naics: {JsonLd.String(node, "naics")}")]);

        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        var evidence = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        void Add(string code, double score, Evidence where)
        {
            totals[code] = totals.GetValueOrDefault(code) + score;
            evidence.TryAdd(code, where);
        }
        foreach (var page in pages)
        {
            foreach (var node in page.JsonLd)
                foreach (var type in JsonLd.Types(node))
                    foreach (var hint in TypeHints.Where(h => string.Equals(h.Type, type, StringComparison.OrdinalIgnoreCase)))
                        Add(hint.Sector, 6, new Evidence(page.Url.AbsoluteUri, $"JSON-LD @type {type}"));
            var weight = PageWeight(page.Category);
            var prominent = AudienceRules.WithoutAudience(string.Join(" . ", new[] { page.Title, page.Meta.GetValueOrDefault("description") ?? "" }.Concat(page.Headings.Select(h => h.Text))));
            foreach (var (code, score) in Score(prominent)) Add(code, 2 * weight * score, page.Evidence(prominent));
            foreach (var (code, score) in Score(AudienceRules.WithoutAudience(page.Text))) Add(code, weight * score, EvidenceFor(page, code));
        }
        if (totals.Count == 0) return SellerRules.Industry(pages, offerings, weak: true);
        var ranked = totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var (bestCode, bestScore) = (ranked[0].Key, ranked[0].Value);
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        var margin = (bestScore - second) / bestScore;
        var confidence = Math.Round(Math.Clamp(0.35 + 0.4 * margin + (bestScore > 15 ? 0.05 : 0), 0.3, 0.8), 2);
        return new Fact<IndustryCode>(NaicsSectors.Get(bestCode).ToIndustryCode(), confidence, [evidence[bestCode]]);
    }

    private static Evidence EvidenceFor(ParsedPage page, string code)
    {
        var lower = TextMatching.Lower(page.Text);
        foreach (var keyword in NaicsSectors.Get(code).Keywords)
        {
            var index = lower.IndexOf(keyword, StringComparison.Ordinal);
            if (index >= 0) return page.Evidence(page.Text, index, keyword.Length);
        }
        return page.Evidence(page.Text);
    }

    /// <summary>The sector a short text (a heading on an industries page) names, or null.</summary>
    public static NaicsSector? SectorOf(string text)
    {
        if (SegmentWords.SectorsIn(text) is [var first, ..]) return first;
        var scores = Score(text);
        return scores.Count == 0 ? null : NaicsSectors.Get(scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key);
    }
}
