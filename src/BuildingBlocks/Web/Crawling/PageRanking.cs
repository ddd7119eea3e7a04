using System.Globalization;
using System.Net;
using System.Text;

namespace Monolith.BuildingBlocks.Web.Crawling;

/// <summary>What a page of a company website is probably about; <see cref="Other"/> when nothing matched.</summary>
public enum PageCategory
{
    Other,
    Home,
    About,
    Products,
    Solutions,
    Services,
    Industries,
    Customers,
    Careers,
    Contact,
    Legal,
}

/// <summary>
/// The ranking of one URL: <see cref="Category"/>, a <see cref="Score"/> (higher = more likely to describe the company,
/// 0 = not relevant) and, for URLs a crawler should never fetch, <see cref="Excluded"/> with the reason
/// (<c>asset</c>, <c>account</c>, <c>search</c>, <c>query</c>, <c>too-long</c>).
/// </summary>
public sealed record PageScore(PageCategory Category, int Score, string? Excluded = null)
{
    public bool IsExcluded => Excluded is not null;
}

/// <summary>
/// Pure heuristics for picking the pages of a company website worth reading: multilingual keywords (EN/DE/FR/ES/IT/NL) in the
/// URL path and the link text, asset/login/cart/search exclusion, and the same-site test.
/// </summary>
public static class PageRanking
{
    private static readonly (PageCategory Category, int Weight, string[] Keywords)[] Categories =
    [
        (PageCategory.About, 100, ["about", "about us", "who we are", "company", "our company", "uber uns", "ueber uns", "unternehmen", "wir uber uns",
            "das unternehmen", "firma", "qui sommes nous", "a propos", "l entreprise", "entreprise", "notre societe", "societe", "sobre nosotros",
            "quienes somos", "nosotros", "empresa", "la empresa", "acerca de", "chi siamo", "azienda", "over ons"]),
        (PageCategory.Products, 90, ["products", "product", "our products", "produkte", "produkt", "produits", "produit", "nos produits",
            "productos", "producto", "portfolio", "sortiment", "prodotti", "producten", "offerings", "our offering", "katalog", "gamme", "catalogo",
            "modules", "assortiment"]),
        (PageCategory.Solutions, 85, ["solutions", "solution", "losungen", "loesungen", "losung", "loesung", "soluciones", "solucion", "platform", "plattform",
            "soluzioni", "soluzione", "oplossingen", "oplossing", "plateforme", "plataforma", "piattaforma"]),
        (PageCategory.Services, 80, ["services", "service", "our services", "leistungen", "dienstleistungen", "leistungsspektrum", "prestations",
            "servicios", "what we do", "was wir tun", "servizi", "diensten",
            "what we offer", "expertise", "expertises", "leistungsangebot", "angebot", "nos services", "nuestros servicios", "dienstverlening"]),
        (PageCategory.Industries, 75, ["industries", "industry", "branchen", "branche", "secteurs", "secteur", "secteurs d activite", "industrias",
            "sectores", "sector", "markets", "markte", "maerkte", "marches", "mercados", "settori",
            "sectors", "verticals", "who we serve", "zielgruppen", "sectoren", "branches", "mercati", "markten", "industrias que servimos", "settore"]),
        (PageCategory.Customers, 70, ["customers", "clients", "client", "kunden", "referenzen", "referenz", "references", "referencias", "clientes",
            "case studies", "case study", "success stories", "testimonials", "cas clients", "casos de exito", "clienti", "referenze", "klanten",
            "customer stories", "kundenstimmen", "kundenprojekte", "anwenderberichte", "fallstudien", "erfolgsgeschichten", "temoignages", "realisations",
            "nos references", "klantcases", "klantverhalen", "referenties", "casi di successo", "casi studio", "testimonianze", "testimonios", "casos de estudio"]),
        (PageCategory.Careers, 50, ["careers", "career", "jobs", "job", "karriere", "stellenangebote", "stellen", "emplois", "emploi", "carrieres",
            "carriere", "recrutement", "rejoignez nous", "empleo", "empleos", "trabaja con nosotros", "join us", "work with us", "lavora con noi", "werken bij", "vacatures"]),
        (PageCategory.Contact, 45, ["contact", "contact us", "kontakt", "contactez nous", "nous contacter", "contacto", "contactanos", "standorte", "locations", "contatti", "contattaci"]),
        (PageCategory.Legal, 40, ["impressum", "imprint", "legal", "legal notice", "mentions legales", "aviso legal", "nota legal", "note legali", "colofon"]),
    ];

    private static readonly HashSet<string> AssetExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "jpg", "jpeg", "png", "gif", "svg", "webp", "avif", "ico", "bmp", "tif", "tiff", "pdf", "css", "js", "mjs", "map", "json", "xml", "rss",
        "atom", "txt", "csv", "zip", "gz", "tgz", "rar", "7z", "tar", "mp3", "mp4", "m4a", "avi", "mov", "webm", "wav", "ogg", "woff", "woff2",
        "ttf", "otf", "eot", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "exe", "dmg", "msi", "apk", "iso", "ics", "vcf",
    };

    private static readonly string[] AccountWords =
    [
        "login", "log in", "logout", "signin", "sign in", "sign up", "signup", "register", "registrieren", "registrierung", "anmelden", "abmelden",
        "cart", "basket", "warenkorb", "panier", "carrito", "checkout", "kasse", "account", "my account", "mein konto", "konto", "mon compte",
        "mi cuenta", "wp admin", "wp login", "password", "passwort", "admin", "feed", "wishlist", "merkzettel",
    ];

    private static readonly string[] SearchWords = ["search", "suche", "recherche", "buscar", "busqueda"];

    private static readonly HashSet<string> SearchParameters = new(StringComparer.OrdinalIgnoreCase) { "q", "s", "query", "search", "suche", "keyword", "keywords" };

    /// <summary>Ranks <paramref name="url"/>; <paramref name="anchorText"/> (the link text, if any) counts as well.</summary>
    public static PageScore Score(Uri url, string? anchorText)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) return new PageScore(PageCategory.Other, 0, "not-absolute");
        var path = url.AbsolutePath;
        if (url.AbsoluteUri.Length > 300) return new PageScore(PageCategory.Other, 0, "too-long");

        var lastSegment = path.TrimEnd('/').Split('/')[^1];
        var dot = lastSegment.LastIndexOf('.');
        if (dot > 0 && AssetExtensions.Contains(lastSegment[(dot + 1)..])) return new PageScore(PageCategory.Other, 0, "asset");

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Normalize).Where(s => s.Length > 0).ToArray();
        if (segments.Any(s => s is "wp content" or "wp includes" or "assets" or "static" or "media" or "images" or "img" or "cdn cgi"))
            return new PageScore(PageCategory.Other, 0, "asset");
        if (segments.Any(s => ContainsAny(s, AccountWords))) return new PageScore(PageCategory.Other, 0, "account");
        if (segments.Any(s => ContainsAny(s, SearchWords))) return new PageScore(PageCategory.Other, 0, "search");

        var parameters = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (parameters.Any(p => SearchParameters.Contains(p.Split('=')[0]))) return new PageScore(PageCategory.Other, 0, "search");
        if (parameters.Length > 1) return new PageScore(PageCategory.Other, 0, "query");

        if (segments.Length == 0 || (segments.Length == 1 && IsLanguageSegment(segments[0]))) return new PageScore(PageCategory.Home, 10);

        var text = Normalize(anchorText ?? "");
        var last = segments[^1];
        var fromPath = Match(last);
        var fromText = text.Length is > 0 and <= 60 ? Match(text) : null;
        var fromParents = segments.Length > 1 ? segments[..^1].Select(Match).LastOrDefault(m => m is not null) : null;
        var chosen = fromPath ?? fromText ?? fromParents;
        if (chosen is null) return new PageScore(PageCategory.Other, 0);

        var (category, weight) = chosen.Value;
        var score = weight;
        if (fromPath?.Category == category) score += 20;
        if (fromText?.Category == category) score += 10;
        var depth = segments.Length - (IsLanguageSegment(segments[0]) ? 1 : 0);
        score -= 8 * Math.Max(0, depth - 1);
        if (parameters.Length == 1) score -= 10;
        return new PageScore(category, Math.Max(1, score));
    }

    /// <summary>
    /// Is <paramref name="candidate"/> part of the site <paramref name="site"/>? Same host ignoring a leading <c>www.</c>
    /// and the scheme, or a subdomain of it (<c>jobs.example.com</c> for <c>example.com</c>); IP hosts must match exactly.
    /// </summary>
    public static bool IsSameSite(Uri site, Uri candidate)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(candidate);
        if (!candidate.IsAbsoluteUri || (candidate.Scheme != Uri.UriSchemeHttp && candidate.Scheme != Uri.UriSchemeHttps)) return false;
        if (site.HostNameType != UriHostNameType.Dns || candidate.HostNameType != UriHostNameType.Dns)
            return string.Equals(site.IdnHost, candidate.IdnHost, StringComparison.OrdinalIgnoreCase);
        var siteHost = StripWww(site.IdnHost.TrimEnd('.').ToLowerInvariant());
        var host = StripWww(candidate.IdnHost.TrimEnd('.').ToLowerInvariant());
        return host == siteHost || host.EndsWith("." + siteHost, StringComparison.Ordinal);
    }

    private static string StripWww(string host) => host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;

    private static (PageCategory Category, int Weight)? Match(string normalized)
    {
        foreach (var (category, weight, keywords) in Categories)
            if (ContainsAny(normalized, keywords)) return (category, weight);
        return null;
    }

    private static bool ContainsAny(string normalized, string[] words)
    {
        var padded = " " + normalized + " ";
        foreach (var word in words)
            if (padded.Contains(" " + word + " ", StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool IsLanguageSegment(string segment) =>
        segment.Length == 2 || (segment.Length == 5 && segment[2] == ' ');

    /// <summary>Lower-case, URL-decoded, diacritics removed (ü → u, é → e, ß → ss), every non-letter/digit run a single space.</summary>
    internal static string Normalize(string text)
    {
        var decoded = WebUtility.UrlDecode(text).Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decoded.Length);
        var space = true;
        foreach (var c in decoded)
        {
            var kind = CharUnicodeInfo.GetUnicodeCategory(c);
            if (kind == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }
        return builder.ToString().TrimEnd();
    }
}
