using System.Text.RegularExpressions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>What a supplier sells, what sets it apart, whom it serves: pure reads of its product, industries and about pages.</summary>
public static partial class ValuePropositionRules
{
    private static readonly string[] ServiceWords =
    [
        "service", "services", "consulting", "support", "maintenance", "management", "cleaning", "transport", "logistics", "training",
        "installation", "outsourcing", "monitoring", "audit", "design", "planning", "engineering", "delivery", "storage", "warehousing", "care", "treatment",
        "dienst", "dienstleistung", "beratung", "leistung", "wartung", "reinigung", "planung", "lagerung", "spedition", "schulung", "betreuung",
        "prestation", "conseil", "accompagnement", "formation", "nettoyage", "entretien", "servicio", "servicios", "consultoría", "mantenimiento", "asesoría",
    ];

    private static readonly string[] ProductWords =
    [
        "software", "platform", "app", "device", "machine", "product", "products", "kit", "system", "module", "suite", "tool", "hardware", "equipment",
        "produkt", "gerät", "maschine", "logiciel", "plateforme", "produit", "producto", "productos", "aceite", "conservas", "salsa", "olive oil", "sauces",
    ];

    /// <summary>Headings that name a page section, not an offering.</summary>
    private static readonly string[] GenericHeadings =
    [
        "our ", "why ", "contact", "about", "welcome", "news", "get in touch", "how we", "what we", "who we", "request", "newsletter", "follow us", "testimonials",
        "unsere ", "warum", "kontakt", "über uns", "willkommen", "aktuelles", "nos ", "pourquoi", "contactez", "qui sommes", "nuestros", "nuestras", "por qué", "contacto",
        "i nostri", "perché", "faq", "cookie", "impressum", "datenschutz", "privacy", "copyright", "products", "services", "solutions", "produkte", "leistungen",
        "produits", "solutions", "productos", "servicios", "soluciones",
    ];

    public static string KindOf(string name, string? description, string category)
    {
        var lower = TextMatching.Lower(name);
        var service = ServiceWords.Sum(w => TextMatching.Count(lower, w));
        var product = ProductWords.Sum(w => TextMatching.Count(lower, w));
        if (service != product) return service > product ? "service" : "product";
        var lowerDescription = TextMatching.Lower(description ?? "");
        service = ServiceWords.Sum(w => TextMatching.Count(lowerDescription, w));
        product = ProductWords.Sum(w => TextMatching.Count(lowerDescription, w));
        if (service != product) return service > product ? "service" : "product";
        return category == "Products" ? "product" : "service";
    }

    private static bool IsOfferingHeading(string heading)
    {
        var lower = TextMatching.Lower(heading);
        return heading.Length is > 2 and <= 70 && !heading.Contains('?') && !heading.EndsWith('!')
            && !GenericHeadings.Any(g => lower.StartsWith(g, StringComparison.Ordinal) || lower == g.Trim());
    }

    public static IReadOnlyList<Fact<Offering>> Offerings(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<Fact<Offering>>();
        void Add(string name, string? description, string category, double confidence, Evidence evidence, string? kind = null)
        {
            name = ParsedPage.Clean(name);
            if (name.Length < 3 || found.Any(f => string.Equals(f.Value.Name, name, StringComparison.OrdinalIgnoreCase)) || found.Count >= 15) return;
            var trimmed = description is { Length: > 300 } ? description[..300] : description;
            found.Add(new Fact<Offering>(new Offering(name, kind ?? KindOf(name, trimmed, category), string.IsNullOrWhiteSpace(trimmed) ? null : trimmed), confidence, [evidence]));
        }
        foreach (var page in pages)
            foreach (var node in page.JsonLd)
            {
                var kind = JsonLd.IsType(node, "Product", "SoftwareApplication", "WebApplication", "IndividualProduct") ? "Products"
                    : JsonLd.IsType(node, "Service", "Offer", "OfferCatalog") ? "Services" : null;
                if (kind is null) continue;
                // The schema.org type says what it is; names like "Planning" would mislead the word lists.
                var declared = kind == "Products" ? "product" : "service";
                if (JsonLd.String(node, "name") is { } name) Add(name, JsonLd.String(node, "description"), kind, 0.9, page.Evidence(node.GetRawText()), declared);
                foreach (var item in JsonLd.Values(node, "itemListElement"))
                    if (JsonLd.String(item, "name") is { } itemName) Add(itemName, JsonLd.String(item, "description"), kind, 0.85, page.Evidence(item.GetRawText()), declared);
            }
        foreach (var page in pages.Where(p => p.Category is "Products" or "Services" or "Solutions"))
            foreach (var (heading, body) in page.Sections.Where(s => IsOfferingHeading(s.Heading)))
                Add(heading, body, page.Category, 0.6, page.Evidence($"{heading}: {body}"));
        foreach (var page in pages.Where(p => p.Category == "Home"))
            foreach (var (heading, body) in page.Sections.Where(s => IsOfferingHeading(s.Heading) && s.Body.Length > 30 && ServiceOrProduct(s.Heading)))
                Add(heading, body, "Services", 0.45, page.Evidence($"{heading}: {body}"));
        return found;
    }

    private static bool ServiceOrProduct(string heading)
    {
        var lower = TextMatching.Lower(heading);
        return ServiceWords.Concat(ProductWords).Any(w => TextMatching.Contains(lower, w));
    }

    public static IReadOnlyList<Fact<string>> Differentiators(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<Fact<string>>();
        foreach (var page in pages.Where(p => p.Category is "Home" or "About" or "Products" or "Services" or "Solutions" or "Customers"))
            foreach (var sentence in Sentences(page.Text))
            {
                if (found.Count >= 8) return found;
                var match = Differentiator().Match(sentence);
                if (!match.Success || sentence.Length > 240 || found.Any(f => f.Value.Equals(sentence, StringComparison.OrdinalIgnoreCase))) continue;
                found.Add(new Fact<string>(sentence, page.Category is "Home" or "About" ? 0.65 : 0.55, [page.EvidenceOf(sentence)]));
            }
        return found;
    }

    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length is > 15 and < 400);

    public static IReadOnlyList<Fact<IndustryCode>> IndustriesServed(IReadOnlyList<ParsedPage> pages, IndustryCode? own)
    {
        var found = new Dictionary<string, Fact<IndustryCode>>(StringComparer.Ordinal);
        foreach (var page in pages.Where(p => p.Category is "Industries" or "Customers" or "Solutions" or "Home"))
        {
            var confidence = page.Category switch { "Industries" => 0.75, "Customers" => 0.6, _ => 0.45 };
            var headings = page.Category is "Industries" ? page.Headings.Where(h => h.Level >= 2).Select(h => h.Text)
                : page.Sections.Where(s => IndustriesIntro().IsMatch(s.Heading)).SelectMany(s => s.Body.Split([',', '·', '•', ';', '|'], StringSplitOptions.TrimEntries));
            if (page.Category == "Customers") headings = headings.Concat(page.Headings.Where(h => h.Level >= 3).Select(h => h.Text));
            foreach (var heading in headings.Where(h => h.Length is > 2 and < 80))
            {
                if (IndustryRules.SectorOf(heading) is not { } sector || found.ContainsKey(sector.Code)) continue;
                found[sector.Code] = new Fact<IndustryCode>(sector.ToIndustryCode(), confidence, [page.EvidenceOf(heading)]);
            }
        }
        return found.Values.OrderByDescending(f => f.Confidence).ThenBy(f => f.Value.Code, StringComparer.Ordinal).Take(8).ToList();
    }

    private static readonly (string Keyword, CompanySizeBand[] Bands)[] SizeWords =
    [
        ("startups", [CompanySizeBand.Micro, CompanySizeBand.Small]), ("start-ups", [CompanySizeBand.Micro, CompanySizeBand.Small]),
        ("small business", [CompanySizeBand.Micro, CompanySizeBand.Small]), ("small businesses", [CompanySizeBand.Micro, CompanySizeBand.Small]),
        ("smb", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("smbs", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("sme", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("smes", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("small and medium", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("small and mid-sized", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("kmu", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("pme", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("pmes", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("pyme", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("pymes", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("kleine unternehmen", [CompanySizeBand.Micro, CompanySizeBand.Small]),
        ("mittelstand", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("mittelständische", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("mid-sized", [CompanySizeBand.Medium]),
        ("mid-market", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("midsize", [CompanySizeBand.Medium]), ("eti", [CompanySizeBand.Medium, CompanySizeBand.Large]),
        ("enterprise", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("enterprises", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("fortune 500", [CompanySizeBand.Enterprise]), ("konzerne", [CompanySizeBand.Enterprise]), ("großunternehmen", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("grandes entreprises", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("grands comptes", [CompanySizeBand.Enterprise]), ("grandes empresas", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("multinationals", [CompanySizeBand.Enterprise]), ("large corporations", [CompanySizeBand.Enterprise]), ("grandi aziende", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
    ];

    public static Fact<IReadOnlyList<CompanySizeBand>>? CustomerSizeFocus(IReadOnlyList<ParsedPage> pages)
    {
        var bands = new SortedSet<CompanySizeBand>();
        var evidence = new List<Evidence>();
        foreach (var page in pages.Where(p => p.Category is not ("Careers" or "Legal")))
        {
            var lower = TextMatching.Lower(page.Text);
            foreach (var (keyword, sizes) in SizeWords)
            {
                if (TextMatching.Count(lower, keyword) == 0 || (keyword.Length <= 4 && !WordEnds(lower, keyword))) continue;
                var before = bands.Count;
                bands.UnionWith(sizes);
                if (bands.Count > before && evidence.Count < 5) evidence.Add(page.EvidenceOf(keyword));
            }
        }
        return bands.Count == 0 ? null : new Fact<IReadOnlyList<CompanySizeBand>>([.. bands], 0.6, evidence);
    }

    private static bool WordEnds(string lower, string keyword)
    {
        for (var i = lower.IndexOf(keyword, StringComparison.Ordinal); i >= 0; i = lower.IndexOf(keyword, i + 1, StringComparison.Ordinal))
        {
            var end = i + keyword.Length;
            if ((i == 0 || !char.IsLetter(lower[i - 1])) && (end >= lower.Length || !char.IsLetter(lower[end]))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\b(?:only|first|leading|market leader|certified|iso\s?\d{4,5}|24/7|24h|award|awards|award-winning|since (?:1[89]|20)\d\d|seit (?:1[89]|20)\d\d|depuis (?:1[89]|20)\d\d|desde (?:1[89]|20)\d\d|dal (?:1[89]|20)\d\d|\d+\+? years|\d+ jahre|\d+ ans|\d+ años|\d+ anni|[\d.,]+\+? (?:customers|clients|kunden|clientes|clienti|projects|projekte|projets|proyectos)|zertifiziert|certifié|certificado|certificato|tüv|preisgekrönt|marktführer|leader)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Differentiator();

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.None, 1000)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"industr|sector|branche|secteur|sectores|settori|who we serve|we serve|clients|kunden", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex IndustriesIntro();
}
