using Monolith.Companies;
using Monolith.Companies.Contracts;
namespace Monolith.Companies.Heuristic;

/// <summary>UNSPSC segments: which ones a text addresses, and which ones a prospect of a sector likely buys.</summary>
public static class SpendRules
{
    /// <summary>What every business buys: IT and telecoms, business services, financial and insurance services.</summary>
    private static readonly (string Code, double Likelihood)[] Everyone = [("43", 0.8), ("80", 0.6), ("84", 0.6), ("44", 0.45)];

    /// <summary>Additional typical spend by NAICS sector of the buyer.</summary>
    private static readonly Dictionary<string, (string Code, double Likelihood)[]> BySector = new(StringComparer.Ordinal)
    {
        ["11"] = [("21", 0.8), ("10", 0.7), ("15", 0.6), ("25", 0.6), ("12", 0.5)],
        ["21"] = [("20", 0.85), ("15", 0.75), ("46", 0.6), ("25", 0.55), ("26", 0.5)],
        ["22"] = [("26", 0.85), ("39", 0.7), ("40", 0.6), ("81", 0.6), ("46", 0.5)],
        ["23"] = [("30", 0.85), ("22", 0.75), ("27", 0.7), ("25", 0.6), ("46", 0.6), ("39", 0.5)],
        ["31-33"] = [("23", 0.8), ("31", 0.8), ("24", 0.7), ("12", 0.6), ("27", 0.6), ("41", 0.5), ("78", 0.55), ("14", 0.5)],
        ["42"] = [("78", 0.8), ("24", 0.7), ("25", 0.6), ("14", 0.5)],
        ["44-45"] = [("78", 0.65), ("14", 0.6), ("56", 0.5), ("82", 0.55), ("76", 0.45)],
        ["48-49"] = [("25", 0.85), ("15", 0.8), ("24", 0.75), ("78", 0.6), ("46", 0.45), ("53", 0.4)],
        ["51"] = [("81", 0.7), ("82", 0.55), ("86", 0.5), ("56", 0.4)],
        ["52"] = [("81", 0.55), ("46", 0.45), ("82", 0.45), ("86", 0.4)],
        ["53"] = [("72", 0.8), ("76", 0.7), ("40", 0.55), ("39", 0.5)],
        ["54"] = [("86", 0.5), ("90", 0.5), ("56", 0.45), ("81", 0.45)],
        ["55"] = [("80", 0.7), ("90", 0.5)],
        ["56"] = [("47", 0.85), ("53", 0.6), ("25", 0.55), ("46", 0.5), ("12", 0.45)],
        ["61"] = [("60", 0.8), ("55", 0.6), ("56", 0.6), ("86", 0.5), ("76", 0.45)],
        ["62"] = [("42", 0.9), ("85", 0.7), ("51", 0.65), ("47", 0.55), ("76", 0.5), ("53", 0.4)],
        ["71"] = [("90", 0.6), ("82", 0.55), ("76", 0.5), ("56", 0.45)],
        ["72"] = [("50", 0.9), ("90", 0.6), ("76", 0.6), ("47", 0.6), ("53", 0.55), ("56", 0.5), ("48", 0.5)],
        ["81"] = [("27", 0.55), ("47", 0.45), ("53", 0.4)],
        ["92"] = [("93", 0.6), ("72", 0.55), ("46", 0.5), ("86", 0.45)],
    };

    /// <summary>Sites mentioning these operate them, and so buy for them (keyword → segments and boost).</summary>
    private static readonly (string Keyword, string[] Codes)[] Operations =
    [
        ("fleet", ["25", "15"]), ("fuhrpark", ["25", "15"]), ("flotte", ["25", "15"]), ("flota", ["25", "15"]), ("trucks", ["25", "15"]), ("lkw", ["25", "15"]), ("camiones", ["25", "15"]),
        ("warehouse", ["24", "78"]), ("lager", ["24"]), ("entrepôt", ["24"]), ("almacén", ["24"]), ("distribution center", ["24", "78"]),
        ("laboratory", ["41", "12"]), ("labor", ["41"]), ("laboratoire", ["41"]), ("laboratorio", ["41"]),
        ("offices", ["56", "44", "76"]), ("büros", ["56", "44"]), ("bureaux", ["56", "44"]), ("oficinas", ["56", "44"]),
        ("stores", ["39", "76"]), ("filialen", ["39", "76"]), ("magasins", ["39", "76"]), ("tiendas", ["39", "76"]),
        ("factory", ["23", "31", "27"]), ("werk", ["23", "31"]), ("usine", ["23", "31"]), ("fábrica", ["23", "31"]), ("production", ["23", "31"]), ("produktion", ["23", "31"]), ("producción", ["23", "31"]),
        ("kitchen", ["50", "48"]), ("restaurant", ["50", "48"]), ("clinic", ["42", "47"]), ("clinics", ["42", "47"]), ("praxis", ["42"]), ("klinik", ["42"]),
        ("rooms", ["53", "56", "47"]), ("zimmer", ["53", "56"]), ("camere", ["53", "56"]), ("habitaciones", ["53", "56"]), ("chambres", ["53", "56"]),
        ("employees", ["86", "53"]), ("mitarbeiter", ["86"]), ("packaging", ["14"]), ("verpackung", ["14"]), ("envases", ["14"]), ("cold chain", ["40", "24"]), ("kühl", ["40"]),
    ];

    /// <summary>Segment codes a text (an offering, a page) addresses, best first, with the matched keyword.</summary>
    public static IReadOnlyList<(SpendSegment Segment, int Hits, string Keyword)> Addressed(string text)
    {
        var lower = TextMatching.Lower(text);
        return SpendTaxonomy.Segments
            .Select(s => (Segment: s, Matches: s.Keywords.Select(k => (Keyword: k, Count: TextMatching.Count(lower, k))).Where(m => m.Count > 0).ToList()))
            .Where(s => s.Matches.Count > 0)
            .Select(s => (s.Segment, Hits: s.Matches.Sum(m => m.Count), s.Matches.OrderByDescending(m => m.Count).First().Keyword))
            .OrderByDescending(s => s.Hits).ThenBy(s => s.Segment.Code, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<SpendCategory> LikelySpend(IReadOnlyList<ParsedPage> pages, IndustryCode? industry, int top = 8)
    {
        var likelihood = new Dictionary<string, double>(StringComparer.Ordinal);
        var evidence = new Dictionary<string, List<Evidence>>(StringComparer.Ordinal);
        var home = pages.Count > 0 ? pages[0].Url.AbsoluteUri : "";
        void Raise(string code, double value, Evidence where)
        {
            if (SpendTaxonomy.Find(code) is null) return;
            likelihood[code] = Math.Max(likelihood.GetValueOrDefault(code), value);
            var list = evidence.TryGetValue(code, out var existing) ? existing : evidence[code] = [];
            if (list.Count < 3) list.Add(where);
        }
        foreach (var (code, value) in Everyone) Raise(code, value, new Evidence(home, "every business buys this"));
        if (industry is not null && BySector.TryGetValue(industry.Code, out var sector))
            foreach (var (code, value) in sector) Raise(code, value, new Evidence(home, $"typical for NAICS {industry.Code} {industry.Label}"));
        var hits = new Dictionary<string, (int Count, Evidence First)>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var lower = TextMatching.Lower(page.Text);
            foreach (var (keyword, codes) in Operations)
            {
                var count = TextMatching.Count(lower, keyword);
                if (count == 0) continue;
                foreach (var code in codes)
                    hits[code] = hits.TryGetValue(code, out var seen) ? (seen.Count + count, seen.First) : (count, page.EvidenceOf(keyword));
            }
        }
        foreach (var (code, (count, first)) in hits.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
            // Closes part of the gap to 1: the more the site mentions it, the more; a sector's base order is kept.
            var start = Math.Max(likelihood.GetValueOrDefault(code), 0.3);
            Raise(code, start + (1 - start) * (0.2 + 0.1 * Math.Min(count, 4)), first);
        }
        return likelihood
            .OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).Take(top)
            .Select(l => new SpendCategory(l.Key, SpendTaxonomy.Get(l.Key).Title, Math.Round(l.Value, 2), evidence[l.Key]))
            .ToList();
    }
}
