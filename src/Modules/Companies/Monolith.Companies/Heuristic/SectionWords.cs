using Monolith.Companies.Contracts;
namespace Monolith.Companies.Heuristic;

/// <summary>
/// What a heading or menu label announces (EN, DE, FR, ES, IT, NL; lower case, matched where a word starts):
/// the company's offerings, the industries it serves, the reasons to choose it, or features of one product.
/// </summary>
public static class SectionWords
{
    private static readonly string[] ProductContexts =
    [
        "products", "product", "product range", "product overview", "produkt", "produit", "producto", "prodotto", "our software", "software", "modules", "apps", "platform", "range",
        "produkte", "produktübersicht", "sortiment", "plattform", "produits", "gamme", "logiciels", "plateforme",
        "productos", "gama", "catálogo", "plataforma", "prodotti", "gamma", "catalogo", "piattaforma", "producten", "assortiment",
    ];

    private static readonly string[] ServiceContexts =
    [
        "services", "our services", "what we do", "what we offer", "offerings", "expertise",
        "leistungen", "dienstleistungen", "leistungsspektrum", "angebot", "unser angebot", "was wir tun", "was wir bieten",
        "prestations", "nos services", "offre", "nos offres", "expertises", "servicios", "nuestros servicios", "oferta", "qué hacemos",
        "servizi", "i nostri servizi", "offerta", "cosa facciamo", "diensten", "dienstverlening", "aanbod", "wat we doen",
    ];

    private static readonly string[] SolutionContexts =
    [
        "solutions", "solution", "portfolio", "lösungen", "loesungen", "lösung", "soluciones", "soluzioni", "oplossingen",
    ];

    private static readonly string[] IndustryContexts =
    [
        "industries", "industry", "sectors", "sector", "who we serve", "whom we serve", "we serve", "markets", "verticals", "by industry",
        "our customers", "our clients", "target groups", "branchen", "branche", "zielgruppen", "für wen", "märkte", "unsere kunden", "wir betreuen",
        "secteurs", "secteur", "marchés", "nos clients", "pour qui", "sectores", "industrias", "mercados", "nuestros clientes", "a quién",
        "settori", "settore", "industrie", "mercati", "i nostri clienti", "a chi", "sectoren", "branches", "markten", "onze klanten", "voor wie",
    ];

    private static readonly string[] WhyUsContexts =
    [
        "why", "why us", "why choose", "why work with", "what sets us apart", "what makes us different", "our advantages", "advantages", "benefits", "our strengths",
        "warum", "ihre vorteile", "vorteile", "unsere stärken", "was uns auszeichnet", "pourquoi", "nos atouts", "nos avantages", "avantages",
        "por qué", "ventajas", "nuestras ventajas", "perché", "vantaggi", "punti di forza", "waarom", "voordelen", "onze voordelen",
    ];

    /// <summary>Sections that list the features of one product rather than the company's offerings.</summary>
    private static readonly string[] FeatureContexts =
    [
        "features", "feature", "key features", "highlights", "functions", "capabilities", "how it works", "integrations", "specifications",
        "funktionen", "funktionsumfang", "merkmale", "so funktioniert", "technische daten", "fonctionnalités", "caractéristiques", "comment ça marche",
        "funcionalidades", "características", "cómo funciona", "funzionalità", "caratteristiche", "come funziona", "functies", "kenmerken", "hoe het werkt",
    ];

    /// <summary>Sections of people, quotes and news: their cards are not offerings.</summary>
    private static readonly string[] NoiseContexts =
    [
        "testimonials", "what our customers say", "what our clients say", "reviews", "our team", "team", "news", "blog", "events", "partners", "awards", "certifications", "faq",
        "kundenstimmen", "das sagen unsere kunden", "unser team", "aktuelles", "neuigkeiten", "partner", "témoignages", "avis", "notre équipe", "équipe", "actualités",
        "testimonios", "opiniones", "nuestro equipo", "equipo", "noticias", "testimonianze", "recensioni", "il nostro team", "notizie", "ervaringen", "ons team", "nieuws",
    ];

    /// <summary>A heading over people, quotes, news or partners.</summary>
    public static bool IsNoiseContext(string context) => Has(context, NoiseContexts);

    public static bool IsProductContext(string context) => Has(context, ProductContexts);

    public static bool IsServiceContext(string context) => Has(context, ServiceContexts);

    /// <summary>A heading or menu label under which a company lists what it sells.</summary>
    public static bool IsOfferingContext(string context) =>
        (IsProductContext(context) || IsServiceContext(context) || Has(context, SolutionContexts)) && !IsIndustryContext(context) && !IsFeatureContext(context);

    /// <summary>A heading or menu label under which a company lists whom it sells to.</summary>
    public static bool IsIndustryContext(string context) => Has(context, IndustryContexts);

    /// <summary>A heading that introduces why to choose the company.</summary>
    public static bool IsWhyUsContext(string context) => Has(context, WhyUsContexts);

    public static bool IsFeatureContext(string context) => Has(context, FeatureContexts);

    /// <summary>The page category an offering context stands for: <c>Products</c>, <c>Services</c> or <c>Solutions</c>.</summary>
    public static string CategoryOf(string context, string pageCategory) =>
        IsProductContext(context) ? "Products" : IsServiceContext(context) ? "Services" : pageCategory is "Products" or "Services" ? pageCategory : "Solutions";

    private static bool Has(string text, string[] words)
    {
        if (text.Length == 0) return false;
        var lower = TextMatching.Lower(text);
        return words.Any(w => TextMatching.Contains(lower, w));
    }
}
