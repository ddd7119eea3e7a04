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
        "manutenzione", "assistenza", "consulenza", "riparazione", "revisione", "formazione", "onderhoud", "advies", "reparatie", "installatie", "montage", "reparatur", "instandhaltung",
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
        "i nostri", "perché", "faq", "cookie", "impressum", "datenschutzerklärung", "privacy", "copyright", "products", "services", "solutions", "produkte", "leistungen",
        "produits", "solutions", "productos", "servicios", "soluciones",
        "pricing", "preise", "tarifs", "precios", "prezzi", "prijzen", "book a demo", "request a demo", "get started", "free trial", "jetzt ", "kostenlos",
        "resources", "blog", "partners", "downloads", "download", "careers", "karriere", "jobs", "team", "unser team", "sitemap", "login", "overview", "übersicht",
        "all products", "alle produkte", "learn more", "mehr erfahren", "read more", "en savoir plus",
    ];

    /// <summary>Words that make a thing a product even when service words ("management", "planning") describe what it does.</summary>
    private static readonly string[] StrongProductWords = ["software", "saas", "platform", "app", "portal", "dashboard", "dashboards", "logiciel", "plattform", "plateforme", "plataforma", "piattaforma", "machine", "maschine", "device", "gerät"];

    public static string KindOf(string name, string? description, string category)
    {
        foreach (var text in new[] { name, AudienceRules.WithoutAudience(description ?? "") })
        {
            var lower = TextMatching.Lower(text);
            var service = ServiceWords.Sum(w => TextMatching.Count(lower, w));
            var product = ProductWords.Concat(StrongProductWords).Sum(w => TextMatching.Count(lower, w));
            if (service != product) return service > product ? "service" : "product";
        }
        return category == "Products" ? "product" : "service";
    }

    /// <summary>Words an offering's name has at most; more is a sentence ("Plan your routes in minutes, not hours").</summary>
    public const int MaxOfferingWords = 7;

    /// <summary>Link texts of every site that are never offerings (matched whole).</summary>
    private static readonly HashSet<string> SiteLinks = new(StringComparer.OrdinalIgnoreCase)
    {
        "datenschutz", "linkedin", "xing", "facebook", "instagram", "twitter", "x", "youtube", "github", "tiktok", "pinterest", "whatsapp", "e-mail", "email", "telefon", "phone",
        "home", "start", "startseite", "accueil", "inicio", "kontakt", "contact", "impressum", "imprint", "agb", "terms", "cookies", "english", "deutsch", "français", "español", "italiano", "nederlands",
    };

    /// <summary>A phone number, an e-mail address or a price reads as digits and symbols, not as a name.</summary>
    private static bool IsContactOrNumber(string text) => text.Contains('@') || text.Count(char.IsAsciiDigit) * 2 > text.Count(char.IsLetterOrDigit);

    private static bool IsOfferingHeading(string heading)
    {
        var lower = TextMatching.Lower(heading);
        return heading.Length is > 2 and <= 70 && !heading.Contains('?') && !heading.EndsWith('!') && !heading.EndsWith('.') && !SiteLinks.Contains(heading) && !IsContactOrNumber(heading)
            && heading.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxOfferingWords && !AudienceRules.StartsWithAudience(heading)
            && !SectionWords.IsIndustryContext(heading) && !SectionWords.IsWhyUsContext(heading) && !SectionWords.IsFeatureContext(heading)
            && !GenericHeadings.Any(g => lower.StartsWith(g, StringComparison.Ordinal) || lower == g.Trim());
    }

    /// <summary>An item listed under an offerings heading or menu, or a card on a products/solutions/services page, that names one thing sold.</summary>
    private static double? ItemConfidence(PageItem item, string category)
    {
        if (!IsOfferingHeading(item.Name) || SegmentWords.IsIndustryName(item.Name) || SectionWords.IsOfferingContext(item.Name)) return null;
        if (SectionWords.IsOfferingContext(item.Context)) return item.Source == PageItemSources.Menu ? MenuConfidence : ListedConfidence;
        var pageSellsHere = category is "Products" or "Services" or "Solutions";
        var neutral = !SectionWords.IsIndustryContext(item.Context) && !SectionWords.IsWhyUsContext(item.Context) && !SectionWords.IsFeatureContext(item.Context)
            && !SectionWords.IsNoiseContext(item.Context);
        return !pageSellsHere || !neutral || item.Description is null ? null
            : item.Source == PageItemSources.Card ? CardConfidence
            : item.Source == PageItemSources.List && category == "Services" ? ServiceListConfidence : null;
    }

    /// <summary>An entry of a "Products"/"Solutions"/"Services" menu.</summary>
    public const double MenuConfidence = 0.8;

    /// <summary>A list item or card under an offerings heading.</summary>
    public const double ListedConfidence = 0.75;

    /// <summary>JSON-LD <c>Product</c>/<c>Service</c>: the site declares it.</summary>
    public const double DeclaredConfidence = 0.9;

    /// <summary>An entry of a JSON-LD list of offers.</summary>
    public const double DeclaredItemConfidence = 0.85;

    /// <summary>A card on a products, solutions or services page.</summary>
    public const double CardConfidence = 0.65;

    /// <summary>A described list item on a services page (on product pages lists are mostly features).</summary>
    public const double ServiceListConfidence = 0.55;

    /// <summary>A section heading on a products, solutions or services page.</summary>
    public const double HeadingConfidence = 0.6;

    /// <summary>A section of the homepage whose heading names a product or service.</summary>
    public const double HomeSectionConfidence = 0.45;

    /// <summary>Offerings kept at most.</summary>
    public const int MaxOfferings = 15;

    public static IReadOnlyList<Fact<Offering>> Offerings(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<Fact<Offering>>();
        void Add(string name, string? description, string category, double confidence, Evidence evidence, string? kind = null)
        {
            name = ParsedPage.Clean(name);
            if (name.Length < 3) return;
            var trimmed = description is { Length: > 300 } ? description[..300] : description;
            found.Add(new Fact<Offering>(new Offering(name, kind ?? KindOf(name, trimmed, category), string.IsNullOrWhiteSpace(trimmed) ? null : trimmed), confidence, [evidence]));
        }
        foreach (var page in pages)
            foreach (var node in page.JsonLd)
                foreach (var (element, kind, confidence) in Declared(node, inherited: null, depth: 0))
                    if (JsonLd.String(element, "name") is { } name)
                        // The schema.org type says what it is; names like "Planning" would mislead the word lists.
                        Add(name, JsonLd.String(element, "description"), kind == "product" ? "Products" : "Services", confidence, page.Evidence(element.GetRawText()), kind);
        foreach (var page in pages.Where(p => p.Category is not ("Careers" or "Legal" or "Contact")))
            foreach (var item in page.Items)
                if (ItemConfidence(item, page.Category) is { } confidence)
                    Add(item.Name, item.Description, SectionWords.CategoryOf(item.Context, page.Category), confidence, item.Evidence(page));
        foreach (var page in pages.Where(p => p.Category is "Products" or "Services" or "Solutions"))
            foreach (var (heading, body) in page.Sections.Where(s => IsOfferingHeading(s.Heading)))
                Add(heading, body, page.Category, HeadingConfidence, page.Evidence($"{heading}: {body}"));
        foreach (var page in pages.Where(p => p.Category == "Home"))
            foreach (var (heading, body) in page.Sections.Where(s => IsOfferingHeading(s.Heading) && s.Body.Length > 30 && ServiceOrProduct(s.Heading) && !ListedElsewhere(page, s.Heading)))
                Add(heading, body, "Services", HomeSectionConfidence, page.Evidence($"{heading}: {body}"));
        return Distinct(found).Take(MaxOfferings).ToList();
    }

    private static readonly string[] ProductTypes = ["Product", "SoftwareApplication", "WebApplication", "MobileApplication", "IndividualProduct", "ProductModel", "ProductGroup", "Vehicle"];

    /// <summary>Nesting read below a JSON-LD object (catalogue → list item → offer → item offered).</summary>
    private const int MaxDeclaredDepth = 4;

    /// <summary>
    /// The products and services a JSON-LD object declares: itself when it is one, and the entries of its lists, catalogues
    /// and offers (<c>itemListElement</c>, <c>item</c>, <c>itemOffered</c>, <c>hasOfferCatalog</c>, <c>makesOffer</c>), each
    /// typed by its own <c>@type</c> (an untyped entry of an <c>OfferCatalog</c> is a service).
    /// </summary>
    private static IEnumerable<(System.Text.Json.JsonElement Element, string Kind, double Confidence)> Declared(System.Text.Json.JsonElement node, string? inherited, int depth)
    {
        if (depth > MaxDeclaredDepth || node.ValueKind != System.Text.Json.JsonValueKind.Object) yield break;
        var offersItem = JsonLd.Values(node, "itemOffered").Count > 0;
        var kind = JsonLd.IsType(node, ProductTypes) ? "product"
            : JsonLd.IsType(node, "Service") || (JsonLd.IsType(node, "Offer") && !offersItem) ? "service"
            : JsonLd.Types(node).Count == 0 ? inherited : null;
        if (kind is not null) yield return (node, kind, depth == 0 ? DeclaredConfidence : DeclaredItemConfidence);
        var entries = JsonLd.IsType(node, "OfferCatalog") ? "service" : null;
        foreach (var property in new[] { "itemListElement", "item", "itemOffered", "hasOfferCatalog", "makesOffer" })
            foreach (var child in JsonLd.Values(node, property))
                foreach (var found in Declared(child, entries, depth + 1))
                    yield return found;
    }

    /// <summary>Evidence kept per offering: one snippet per page, best-supported first.</summary>
    public const int MaxOfferingEvidence = 3;

    /// <summary>
    /// One fact per name, best-supported first, with the evidence of every page that names it (the best mention's
    /// first); a description found with a weaker mention fills a missing one.
    /// </summary>
    private static IEnumerable<Fact<Offering>> Distinct(List<Fact<Offering>> found) =>
        found.GroupBy(f => f.Value.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var ranked = g.OrderByDescending(f => f.Confidence).ToList();
                var best = ranked[0];
                // The mention with a description says best what kind of thing it is, unless JSON-LD declared it.
                var described = best.Value.Description is null && best.Confidence < DeclaredItemConfidence ? ranked.FirstOrDefault(f => f.Value.Description is not null) ?? best : best;
                var (description, kind) = (described.Value.Description, described.Value.Kind);
                var evidence = ranked.OrderByDescending(f => f.Value.Description is not null).ThenByDescending(f => f.Confidence)
                    .SelectMany(f => f.Evidence).DistinctBy(e => e.Url).Take(MaxOfferingEvidence).ToList();
                return best with { Value = best.Value with { Description = description, Kind = kind }, Evidence = evidence };
            })
            .OrderByDescending(f => f.Confidence);

    /// <summary>A heading of a card under "Why us", "Industries" or "Features": a claim, an industry or a feature, not an offering.</summary>
    private static bool ListedElsewhere(ParsedPage page, string heading) =>
        page.Items.Any(i => i.Name == heading && (SectionWords.IsWhyUsContext(i.Context) || SectionWords.IsIndustryContext(i.Context) || SectionWords.IsFeatureContext(i.Context)));

    private static bool ServiceOrProduct(string heading)
    {
        var lower = TextMatching.Lower(heading);
        return ServiceWords.Concat(ProductWords).Any(w => TextMatching.Contains(lower, w));
    }

    /// <summary>A point listed under a "Why us" heading.</summary>
    public const double WhyUsConfidence = 0.7;

    /// <summary>Differentiators kept at most.</summary>
    public const int MaxDifferentiators = 8;

    public static IReadOnlyList<Fact<string>> Differentiators(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<Fact<string>>();
        foreach (var page in pages.Where(p => p.Category is not ("Careers" or "Legal" or "Contact")))
            foreach (var item in page.Items.Where(i => i.Source != PageItemSources.Menu && SectionWords.IsWhyUsContext(i.Context)))
            {
                var claim = item.Description is null ? item.Name : $"{item.Name}: {item.Description}";
                if (found.Count >= MaxDifferentiators / 2) break;
                if (claim.Length is < 8 or > 240 || found.Any(f => f.Value.StartsWith(item.Name, StringComparison.OrdinalIgnoreCase))) continue;
                found.Add(new Fact<string>(claim, WhyUsConfidence, [item.Evidence(page)]));
            }
        foreach (var page in pages.Where(p => p.Category is "Home" or "About" or "Products" or "Services" or "Solutions" or "Customers"))
            foreach (var sentence in OwnTexts(page).SelectMany(Sentences))
            {
                if (found.Count >= MaxDifferentiators) return found;
                var match = Differentiator().Match(sentence);
                if (!match.Success || sentence.Length > 240 || found.Any(f => SameClaim(f.Value, sentence))) continue;
                found.Add(new Fact<string>(sentence, page.Category is "Home" or "About" ? 0.65 : 0.55, [page.EvidenceOf(sentence)]));
            }
        return found;
    }

    /// <summary>The same claim: equal, or a sentence that repeats a listed point's name ("Über 150 ERP-Projekte – …").</summary>
    private static bool SameClaim(string found, string sentence) =>
        found.Equals(sentence, StringComparison.OrdinalIgnoreCase) || sentence.StartsWith(found.Split(": ")[0], StringComparison.OrdinalIgnoreCase);

    /// <summary>The headings and paragraphs of a page without its navigation (whose words run together into false sentences).</summary>
    private static IEnumerable<string> OwnTexts(ParsedPage page)
    {
        var navigation = page.NavItems.ToHashSet(StringComparer.Ordinal);
        return page.Headings.Select(h => h.Text).Concat(page.Paragraphs).Where(t => !navigation.Contains(t)).Distinct(StringComparer.Ordinal);
    }

    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length is > 15 and < 400);

    /// <summary>The industries the site says it serves (see <see cref="AudienceRules"/>); <paramref name="own"/> is not used to guess them.</summary>
    public static IReadOnlyList<Fact<IndustryCode>> IndustriesServed(IReadOnlyList<ParsedPage> pages, IndustryCode? own) => AudienceRules.IndustriesServed(pages);

    /// <summary>The size of the customers the site targets (see <see cref="CustomerSizeRules"/>).</summary>
    public static Fact<IReadOnlyList<CompanySizeBand>>? CustomerSizeFocus(IReadOnlyList<ParsedPage> pages) => CustomerSizeRules.CustomerSizeFocus(pages);

    [GeneratedRegex(@"\b(?:only|first|leading|market leader|certified|iso\s?\d{4,5}|24/7|24h|award|awards|award-winning|since (?:1[89]|20)\d\d|seit (?:1[89]|20)\d\d|depuis (?:1[89]|20)\d\d|desde (?:1[89]|20)\d\d|dal (?:1[89]|20)\d\d|\d+\+? years|\d+x faster|\d+ jahre|\d+ ans|\d+ años|\d+ anni|[\d.,]+\+? (?:customers|clients|kunden|clientes|clienti|projects|projekte|projets|proyectos)|zertifiziert|certifié|certificado|certificato|tüv|preisgekrönt|marktführer|leader)\b|\b\d+(?:[.,]\d+)?\s?%", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Differentiator();

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.None, 1000)]
    private static partial Regex SentenceEnd();
}
