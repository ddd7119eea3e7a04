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

    public static Fact<IndustryCode>? Industry(IReadOnlyList<ParsedPage> pages)
    {
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
            var prominent = string.Join(" . ", new[] { page.Title, page.Meta.GetValueOrDefault("description") ?? "" }.Concat(page.Headings.Select(h => h.Text)));
            foreach (var (code, score) in Score(prominent)) Add(code, 2 * weight * score, page.Evidence(prominent));
            foreach (var (code, score) in Score(page.Text)) Add(code, weight * score, EvidenceFor(page, code));
        }
        if (totals.Count == 0) return null;
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
        var lower = TextMatching.Lower(text);
        foreach (var (keyword, code) in ServedHints)
            if (TextMatching.Contains(lower, keyword)) return NaicsSectors.Get(code);
        var scores = Score(text);
        return scores.Count == 0 ? null : NaicsSectors.Get(scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key);
    }

    /// <summary>How industries-served pages name customer sectors (checked before the general keywords).</summary>
    private static readonly (string Keyword, string Sector)[] ServedHints =
    [
        ("healthcare", "62"), ("health care", "62"), ("medical", "62"), ("dental", "62"), ("gesundheit", "62"), ("santé", "62"), ("sanidad", "62"), ("salud", "62"),
        ("manufacturing", "31-33"), ("automotive", "31-33"), ("industrie", "31-33"), ("industry", "31-33"), ("industrial", "31-33"), ("maschinenbau", "31-33"), ("automobil", "31-33"), ("pharma", "31-33"), ("food production", "31-33"), ("lebensmittelindustrie", "31-33"), ("agroalimentaire", "31-33"), ("industria", "31-33"), ("fabricación", "31-33"),
        ("logistics", "48-49"), ("transport", "48-49"), ("logistik", "48-49"), ("logistique", "48-49"), ("logística", "48-49"),
        ("retail", "44-45"), ("e-commerce", "44-45"), ("ecommerce", "44-45"), ("handel", "44-45"), ("commerce", "44-45"), ("retail & consumer", "44-45"), ("comercio", "44-45"),
        ("financial", "52"), ("finance", "52"), ("banking", "52"), ("insurance", "52"), ("banken", "52"), ("versicherung", "52"), ("finanz", "52"), ("banque", "52"), ("finanzas", "52"),
        ("legal", "54"), ("law firms", "54"), ("professional services", "54"), ("accountants", "54"), ("kanzleien", "54"), ("cabinets", "54"), ("despachos", "54"),
        ("education", "61"), ("schools", "61"), ("universities", "61"), ("bildung", "61"), ("éducation", "61"), ("educación", "61"),
        ("hospitality", "72"), ("hotels", "72"), ("restaurants", "72"), ("gastronomie", "72"), ("hôtellerie", "72"), ("hostelería", "72"),
        ("public sector", "92"), ("government", "92"), ("öffentliche", "92"), ("secteur public", "92"), ("sector público", "92"),
        ("construction", "23"), ("bau", "23"), ("energy", "22"), ("energie", "22"), ("énergie", "22"), ("energía", "22"), ("utilities", "22"),
        ("real estate", "53"), ("immobilien", "53"), ("immobilier", "53"), ("property", "53"), ("offices", "53"), ("office buildings", "53"),
        ("software", "51"), ("technology", "51"), ("media", "51"), ("telecom", "51"), ("saas", "51"),
        ("wholesale", "42"), ("großhandel", "42"), ("agriculture", "11"), ("landwirtschaft", "11"),
        ("non-profit", "81"), ("nonprofit", "81"), ("charities", "81"),
    ];
}
