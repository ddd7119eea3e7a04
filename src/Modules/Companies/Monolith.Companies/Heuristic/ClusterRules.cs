using System.Text.RegularExpressions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>A supplier's ideal customer clusters: industries served × customer sizes, with buyer roles, pains and spend categories.</summary>
public static partial class ClusterRules
{
    public const int Min = 3;
    public const int Max = 8;

    /// <summary>Who buys what a spend segment covers.</summary>
    private static readonly Dictionary<string, string[]> RolesBySpend = new(StringComparer.Ordinal)
    {
        ["43"] = ["CIO", "IT manager", "Head of IT operations"],
        ["81"] = ["CTO", "Head of engineering", "Head of R&D"],
        ["78"] = ["Head of logistics", "COO", "Supply chain manager"],
        ["24"] = ["Warehouse manager", "Head of logistics"],
        ["25"] = ["Fleet manager", "COO"],
        ["76"] = ["Facility manager", "Office manager", "Head of operations"],
        ["72"] = ["Facility manager", "Property manager"],
        ["47"] = ["Facility manager", "Purchasing manager"],
        ["84"] = ["CFO", "Head of finance"],
        ["80"] = ["CEO", "COO", "HR director"],
        ["82"] = ["CMO", "Marketing manager"],
        ["86"] = ["HR director", "Learning and development manager"],
        ["50"] = ["Purchasing manager", "Category manager", "Food and beverage manager"],
        ["42"] = ["Practice manager", "Medical director", "Purchasing manager"],
        ["85"] = ["HR director", "Occupational health manager"],
        ["90"] = ["Travel manager", "Event manager", "Office manager"],
        ["23"] = ["Plant manager", "Head of production"],
        ["31"] = ["Purchasing manager", "Head of production"],
        ["41"] = ["Lab manager", "Head of quality"],
    };

    private static readonly Dictionary<string, string[]> PainsBySpend = new(StringComparer.Ordinal)
    {
        ["43"] = ["IT outages and slow support", "cybersecurity risk", "no in-house IT staff"],
        ["81"] = ["engineering capacity bottlenecks", "compliance with technical standards"],
        ["78"] = ["late or lost shipments", "rising freight costs", "no visibility of deliveries"],
        ["24"] = ["warehouse space and handling costs"],
        ["25"] = ["fleet running costs"],
        ["76"] = ["inconsistent cleaning quality", "hygiene compliance", "managing many cleaning contractors"],
        ["72"] = ["building downtime", "maintenance backlog"],
        ["47"] = ["hygiene supplies running out"],
        ["84"] = ["cash flow and financing", "insurance cover gaps"],
        ["80"] = ["administrative overhead", "finding qualified staff"],
        ["82"] = ["weak brand visibility", "lead generation"],
        ["86"] = ["skills gaps", "onboarding takes too long"],
        ["50"] = ["consistent food quality and supply", "food cost inflation"],
        ["42"] = ["equipment availability", "regulatory requirements for medical devices"],
        ["85"] = ["employee health and absenteeism"],
        ["90"] = ["finding venues for meetings and guests", "travel costs"],
        ["23"] = ["machine downtime", "production efficiency"],
        ["31"] = ["supply reliability of components"],
        ["41"] = ["measurement accuracy and calibration"],
    };

    /// <summary>Typical customer sectors of a supplier sector, for sites that do not name whom they serve.</summary>
    private static readonly Dictionary<string, string[]> DefaultCustomers = new(StringComparer.Ordinal)
    {
        ["48-49"] = ["31-33", "44-45", "42"],
        ["31-33"] = ["44-45", "42", "72"],
        ["51"] = ["54", "52", "44-45"],
        ["54"] = ["31-33", "52", "62"],
        ["56"] = ["53", "62", "54"],
        ["62"] = ["81", "61", "92"],
        ["72"] = ["54", "52", "51"],
        ["42"] = ["44-45", "72", "31-33"],
        ["23"] = ["53", "31-33", "92"],
    };

    public static IReadOnlyList<CustomerCluster> Clusters(IReadOnlyList<ParsedPage> pages, CompanyProfile profile, ValueProposition proposition)
    {
        var offeringsText = string.Join(" . ", proposition.Offerings.Select(o => $"{o.Value.Name} {o.Value.Description}"));
        if (offeringsText.Length < 20) offeringsText += " " + string.Join(" . ", pages.Where(p => p.Category is "Products" or "Services" or "Solutions" or "Home").Select(p => p.Text));
        var spend = SpendRules.Addressed(offeringsText).Select(a => a.Segment.Code).Take(3).ToList();
        if (spend.Count == 0 && profile.Industry is { } own) spend = FallbackSpend(own.Value.Code);

        var sitePains = pages.SelectMany(p => ValuePropositionRules.Sentences(p.Text)).Select(s => PainPhrase().Match(s))
            .Where(m => m.Success).Select(m => Capitalise(m.Value.Trim().TrimEnd(',', ';'))).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        var pains = sitePains.Concat(spend.SelectMany(c => PainsBySpend.GetValueOrDefault(c, []))).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList();
        var roles = spend.SelectMany(c => RolesBySpend.GetValueOrDefault(c, [])).Distinct(StringComparer.Ordinal).Take(4).ToList();
        if (roles.Count == 0) roles = ["Managing director", "Head of operations", "Purchasing manager"];

        var served = proposition.IndustriesServed.Select(i => (i.Value, Fact: (Fact<IndustryCode>?)i)).Take(Max).ToList();
        if (served.Count == 0)
        {
            var ownCode = profile.Industry?.Value.Code;
            var defaults = ownCode is not null && DefaultCustomers.TryGetValue(ownCode, out var list) ? list : ["54", "31-33", "44-45"];
            served = defaults.Select(c => (NaicsSectors.Get(c).ToIndustryCode(), Fact: (Fact<IndustryCode>?)null)).ToList();
        }
        var sizeGroups = SizeGroups(proposition.CustomerSizeFocus?.Value);

        var clusters = new List<CustomerCluster>();
        var offeringNames = string.Join(", ", proposition.Offerings.Take(3).Select(o => o.Value.Name));
        // Every named industry with the first size group before any gets a second: eight clusters cover eight industries first.
        foreach (var sizes in sizeGroups)
            foreach (var (industry, fact) in served)
            {
                if (clusters.Count >= Max) break;
                var name = $"{ShortLabel(industry)} – {SizeLabel(sizes)}";
                var industryRoles = sizes.Contains(CompanySizeBand.Micro) || sizes.Contains(CompanySizeBand.Small) ? roles.Prepend("Owner / managing director").Distinct().Take(4).ToList()
                    : sizes.Contains(CompanySizeBand.Enterprise) ? roles.Append("Procurement / category manager").Distinct().Take(5).ToList() : roles;
                var rationale = fact is null
                    ? $"Low confidence: the site does not say whom it serves; derived from the supplier's own industry ({profile.Industry?.Value.Label ?? "unknown"}) and typical buyers of {string.Join(", ", spend.Select(c => SpendTaxonomy.Get(c).Title))}."
                    : ServedRationale(industry, fact, proposition.CustomerSizeFocus, sizes, offeringNames);
                clusters.Add(new CustomerCluster(UniqueId(clusters, TextMatching.Slug(name)), name, [industry], sizes, industryRoles, pains, spend, rationale));
            }
        var filler = DefaultCustomers.GetValueOrDefault(profile.Industry?.Value.Code ?? "", ["54", "31-33", "44-45"]).Concat(["54", "31-33", "44-45", "62"]);
        foreach (var code in filler)
        {
            if (clusters.Count >= Min) break;
            var industry = NaicsSectors.Get(code).ToIndustryCode();
            if (clusters.Any(c => c.Industries.Contains(industry))) continue;
            var sizes = sizeGroups[0];
            var name = $"{ShortLabel(industry)} – {SizeLabel(sizes)}";
            clusters.Add(new CustomerCluster(UniqueId(clusters, TextMatching.Slug(name)), name, [industry], sizes, roles, pains, spend,
                "Low confidence: the site gives too little to tell more customer groups apart; added from typical buyers of the supplier's sector."));
        }
        return clusters;
    }

    /// <summary>Characters of a quoted snippet in a rationale.</summary>
    public const int QuoteChars = 160;

    /// <summary>Why a cluster of a named industry: where the site names it and its customers' size, quoted.</summary>
    private static string ServedRationale(IndustryCode industry, Fact<IndustryCode> fact, Fact<IReadOnlyList<CompanySizeBand>>? sizeFocus, CompanySizeBand[] sizes, string offeringNames)
    {
        var where = fact.Evidence.FirstOrDefault();
        var said = where is null ? "" : $" (\"{Quote(where.Snippet)}\", {where.Url})";
        var size = sizeFocus?.Evidence.FirstOrDefault() is { } sizeWhere ? $" and targets {SizeLabel(sizes)} (\"{Quote(sizeWhere.Snippet)}\", {sizeWhere.Url})" : "";
        return $"The site names {industry.Label} among the industries it serves{said}{size}; offerings: {(offeringNames.Length > 0 ? offeringNames : "not listed")}.";
    }

    /// <summary>The middle of a snippet (evidence snippets are centred on what was found).</summary>
    private static string Quote(string snippet) => snippet.Length <= QuoteChars ? snippet : "…" + snippet.Substring((snippet.Length - QuoteChars) / 2, QuoteChars).Trim() + "…";

    private static List<string> FallbackSpend(string sector) => sector switch
    {
        "48-49" => ["78"], "51" => ["43"], "54" => ["81", "80"], "56" => ["76"], "72" => ["90"], "62" => ["85"], "31-33" => ["50", "31"], _ => ["80"],
    };

    private static List<CompanySizeBand[]> SizeGroups(IReadOnlyList<CompanySizeBand>? focus)
    {
        if (focus is null || focus.Count == 0) return [[CompanySizeBand.Small, CompanySizeBand.Medium], [CompanySizeBand.Large, CompanySizeBand.Enterprise]];
        var small = focus.Where(b => b <= CompanySizeBand.Medium).ToArray();
        var large = focus.Where(b => b >= CompanySizeBand.Large).ToArray();
        return new[] { small, large }.Where(g => g.Length > 0).ToList();
    }

    private static string SizeLabel(IReadOnlyList<CompanySizeBand> sizes) => (sizes.Min(), sizes.Max()) switch
    {
        (_, <= CompanySizeBand.Small) => "small businesses",
        (CompanySizeBand.Medium, CompanySizeBand.Medium) => "mid-sized companies",
        (_, CompanySizeBand.Medium) => "small and mid-sized companies",
        (CompanySizeBand.Large, CompanySizeBand.Large) => "large companies",
        (CompanySizeBand.Medium, _) => "mid-sized and large companies",
        (>= CompanySizeBand.Large, _) => "large enterprises",
        _ => "companies of all sizes",
    };

    private static string ShortLabel(IndustryCode industry) => industry.Label.Split([", ", " and "], StringSplitOptions.None)[0];

    private static string UniqueId(List<CustomerCluster> clusters, string slug)
    {
        var id = slug;
        for (var n = 2; clusters.Any(c => c.Id == id); n++) id = $"{slug}-{n}";
        return id;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"\b(?:reduce|reducing|avoid|avoiding|cut|eliminate|lower|minimi[sz]e|struggling with|tired of|no more|reduzieren|reduziert|vermeiden|senken|réduire|réduisez|éviter|évitez|reducir|reduzca|evitar|ridurre|evitare)\s+[^.!?;]{5,80}", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex PainPhrase();
}
