using Monolith.Companies.Contracts;
using System.Text.RegularExpressions;

namespace Monolith.Companies.Heuristic;

/// <summary>
/// The company's own sector from what it sells: each offering (name and description, without the words about its
/// customers) and each self-description ("we are a software company", "wir fertigen", "nous fabriquons") votes for
/// the sector of the thing sold. Software sold as a product is Information (51); sold as a service, or advice and
/// engineering, Professional Services (54); made goods Manufacturing (31-33).
/// </summary>
public static partial class SellerRules
{
    /// <summary>Votes (sums of offering confidences) needed before what a site sells decides its sector.</summary>
    public const double MinVotes = 1.5;

    /// <summary>Share of the votes the leading sector needs.</summary>
    public const double MinShare = 0.5;

    /// <summary>Weight of one self-description sentence.</summary>
    public const double SelfDescriptionVote = 1.0;

    /// <summary>Self-description sentences read at most.</summary>
    public const int MaxSelfDescriptions = 3;

    /// <summary>
    /// Words naming the kind of thing sold, most telling first: a consulting service about software is consulting,
    /// software about logistics is software, a machine for food production is a machine. Long words also match inside
    /// German and Dutch compounds ("Prozessberatung", "Kontraktlogistik").
    /// </summary>
    private static readonly (string Sector, string[] Cues)[] Cues =
    [
        ("54", ["consulting", "consultancy", "consultants", "advisory", "beratung", "berater", "conseil", "consultoría", "asesoría", "consulenza", "advies", "audit", "audits",
            "implementation", "einführung", "engineering services", "ingenieurleistungen", "ingénierie", "ingeniería", "ingegneria", "agency", "agentur", "agence", "legal services",
            "steuerberatung", "accounting", "coaching", "workshops", "managed services", "it support", "it services", "it-services", "projektmanagement", "project management", "interim management",
            "accompagnement", "tragwerksplanung", "planung", "seo", "branding", "webdesign", "web design", "online marketing", "marketing services", "translation", "übersetzung",
            "traduction", "software development", "softwareentwicklung", "développement sur mesure", "custom development", "research", "forschung", "studies", "gutachten"]),
        ("51", ["software", "saas", "cloud-based", "cloud platform", "platform", "plattform", "plateforme", "plataforma", "piattaforma", "app", "apps", "mobile app", "web app", "api", "erp", "crm", "wms", "tms",
            "dashboard", "dashboards", "logiciel", "logiciels", "aplicación", "applicazione", "applicatie", "licence", "license", "lizenz", "subscription", "as a service"]),
        ("56", ["cleaning", "janitorial", "reinigung", "nettoyage", "limpieza", "pulizie", "schoonmaak", "security services", "staffing", "facility services", "facility management", "entsorgung"]),
        ("48-49", ["transport", "transportation", "freight", "forwarding", "haulage", "shipping services", "delivery services", "warehousing", "fulfilment", "fulfillment", "logistics services",
            "logistik", "spedition", "fracht", "lagerung", "stückgut", "entreposage", "almacenaje", "magazzinaggio", "opslag", "vervoer"]),
        ("31-33", ["manufacture", "manufactures", "manufacturing", "manufacturer", "made in", "we produce", "produced", "factory", "hersteller", "herstellung", "fertigung", "gefertigt", "fertigen",
            "produktion", "produzieren", "produziert", "fabricant", "fabrication", "fabriqué", "fabriquons", "usine", "fabricante", "fabricamos", "fábrica", "producimos", "produttore", "produciamo",
            "fabbrica", "fabrikant", "produceren", "fabriek", "machines", "machinery", "maschinen", "anlagen", "pumps", "pumpen", "pompes", "bombas", "pompe", "valves", "ventile", "armaturen",
            "vannes", "válvulas", "valvole", "kleppen", "components", "komponenten", "bauteile", "composants", "componentes", "componenti", "sensors", "sensoren", "capteurs", "spare parts",
            "ersatzteile", "pièces détachées"]),
    ];

    private const string Information = "51";
    private const string Professional = "54";

    /// <summary>Words that make even a service offering a software product ("SaaS hosting").</summary>
    private static readonly string[] SoftwareProducts = ["software", "saas", "logiciel"];

    /// <summary>Cues this long also count inside a word (German and Dutch compounds).</summary>
    private const int CompoundCueLength = 7;

    /// <summary>The sector of one thing sold, or null when its words name none.</summary>
    public static NaicsSector? SectorOf(string text, string kind)
    {
        var lower = TextMatching.Lower(AudienceRules.WithoutAudience(text));
        var code = Cues.FirstOrDefault(c => c.Cues.Any(cue => Has(lower, cue))).Sector;
        if (code is null)
        {
            var scores = IndustryRules.Score(lower);
            code = scores.Count == 0 ? null : scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
        }
        // Software sold as a service (hosting, migration, support) is an IT service; a product "for planning" is still software.
        return code switch
        {
            Information when kind == "service" && !SoftwareProducts.Any(cue => Has(lower, cue)) => NaicsSectors.Get(Professional),
            Professional when kind == "product" && Cues.Single(c => c.Sector == Information).Cues.Any(cue => Has(lower, cue)) => NaicsSectors.Get(Information),
            null => null,
            _ => NaicsSectors.Get(code),
        };
    }

    /// <summary>Votes enough for a guess when the page keywords name no sector at all.</summary>
    public const double WeakVotes = 0.5;

    /// <summary>Confidence of such a guess.</summary>
    public const double WeakConfidence = 0.35;

    /// <summary>Weight of the homepage's title and of its meta description, each (the site's own one-line summary).</summary>
    public const double TitleVote = 0.75;

    /// <summary>
    /// The sector most of what the site sells belongs to, with the offerings and self-descriptions as evidence; null when
    /// they do not agree enough. <paramref name="weak"/> accepts fewer votes, at <see cref="WeakConfidence"/>.
    /// </summary>
    public static Fact<IndustryCode>? Industry(IReadOnlyList<ParsedPage> pages, IReadOnlyList<Fact<Offering>> offerings, bool weak = false)
    {
        var votes = new List<(NaicsSector Sector, double Weight, Evidence Evidence)>();
        foreach (var home in pages.Where(p => p.Category == "Home").Take(1))
            foreach (var summary in new[] { home.Title, home.Meta.GetValueOrDefault("description") ?? "" }.Where(t => t.Length > 0))
                if (SectorOf(summary, "") is { } sector)
                    votes.Add((sector, TitleVote, new Evidence(home.Url.AbsoluteUri, ParsedPage.Snippet(summary, 0, 0))));
        foreach (var offering in offerings)
            if (SectorOf($"{offering.Value.Name}. {offering.Value.Description}", offering.Value.Kind) is { } sector)
                votes.Add((sector, offering.Confidence, offering.Evidence[0]));
        foreach (var (page, sentence) in SelfDescriptions(pages).Take(MaxSelfDescriptions))
            if (SectorOf(sentence, "") is { } sector)
                votes.Add((sector, SelfDescriptionVote, page.EvidenceOf(sentence)));
        var total = votes.Sum(v => v.Weight);
        if (total < (weak ? WeakVotes : MinVotes)) return null;
        var best = votes.GroupBy(v => v.Sector.Code).Select(g => (Code: g.Key, Weight: g.Sum(v => v.Weight), Evidence: g.OrderByDescending(v => v.Weight).Select(v => v.Evidence).Take(3).ToList()))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.Code, StringComparer.Ordinal).First();
        var share = best.Weight / total;
        if (share < MinShare) return null;
        var confidence = weak ? WeakConfidence : Math.Round(Math.Clamp(0.45 + 0.35 * share + (total >= 2 * MinVotes ? 0.05 : 0), 0.45, 0.85), 2);
        return new Fact<IndustryCode>(NaicsSectors.Get(best.Code).ToIndustryCode(), confidence, best.Evidence);
    }

    /// <summary>Sentences of the home and about pages (and their meta descriptions) in which the company says what it is or does.</summary>
    public static IEnumerable<(ParsedPage Page, string Sentence)> SelfDescriptions(IReadOnlyList<ParsedPage> pages)
    {
        foreach (var page in pages.Where(p => p.Category is "Home" or "About"))
        {
            var texts = page.Paragraphs.Prepend(page.Meta.GetValueOrDefault("description") ?? "").SelectMany(ValuePropositionRules.Sentences);
            foreach (var sentence in texts.Where(s => s.Length < 300 && SelfDescription().IsMatch(s)).Distinct(StringComparer.Ordinal))
                yield return (page, sentence);
        }
    }

    private static bool Has(string lower, string cue) =>
        cue.Length >= CompoundCueLength ? lower.Contains(cue, StringComparison.Ordinal) : TextMatching.Contains(lower, cue);

    [GeneratedRegex(@"\b(?:we are (?:a|an|the)|we're (?:a|an)|is (?:a|an) (?:leading |specialist |independent )?|we (?:develop|build|make|manufacture|produce|design|provide|offer)|wir sind (?:ein|eine|ihr)|ist (?:ein|eine)|wir (?:entwickeln|fertigen|produzieren|bieten|beraten)|als (?:hersteller|anbieter|softwarehersteller)|nous sommes (?:un|une)|est (?:un|une)|nous (?:fabriquons|développons|éditons|concevons|proposons)|somos (?:un|una)|es (?:un|una)|(?:fabricamos|desarrollamos|ofrecemos)|siamo (?:un|una)|è (?:un|una)|(?:produciamo|sviluppiamo|offriamo)|wij zijn (?:een|uw)|is een|wij (?:ontwikkelen|produceren|leveren))\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SelfDescription();
}
