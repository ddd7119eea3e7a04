using Monolith.Companies.Contracts;
namespace Monolith.Companies.Heuristic;

/// <summary>
/// How websites name the customers they serve — industries and kinds of business (EN, DE, FR, ES, IT, NL; lower case,
/// matched where a word starts) — and the NAICS sector each stands for. Longer words win where they overlap
/// ("medical device manufacturers" is manufacturing, "medical" alone health care).
/// </summary>
public static class SegmentWords
{
    private static readonly (string Sector, string[] Words)[] Table =
    [
        ("62", ["healthcare", "health care", "hospitals", "hospital", "clinics", "clinic", "medical practices", "medical", "doctors", "physicians", "dental", "dentists", "care homes", "nursing homes", "nursing", "senior care", "home care",
            "gesundheitswesen", "gesundheit", "krankenhäuser", "krankenhaus", "kliniken", "klinik", "arztpraxen", "zahnarztpraxen", "praxen", "pflegeeinrichtungen", "pflegeheime", "pflegedienste", "pflegebranche", "altenpflege", "pflege", "altenheime",
            "santé", "hôpitaux", "cliniques", "établissements de santé", "ehpad", "cabinets médicaux", "médical", "sanidad", "salud", "hospitales", "clínicas",
            "sanità", "ospedali", "cliniche", "strutture sanitarie", "zorg", "gezondheidszorg", "ziekenhuizen", "klinieken", "zorginstellingen"]),
        ("31-33", ["elettrodomestici", "household appliances", "hausgeräte", "électroménager", "manufacturing", "manufacturers", "manufacturer", "industrial companies", "industrial", "industry", "automotive", "automobile", "car makers", "machine builders", "machinery", "mechanical engineering",
            "plant engineering", "metalworking", "metal processing", "plastics", "chemicals", "chemical industry", "chemical", "pharmaceutical", "pharma", "life sciences", "food and beverage", "food & beverage", "food production", "food manufacturers",
            "food processing", "food industry", "beverage", "bakeries", "breweries", "textile", "electronics", "aerospace", "process industry", "producers", "oems", "oem", "medical device", "medical technology", "medtech",
            "industrie", "industrieunternehmen", "fertigung", "fertigungsunternehmen", "produzierende", "produktionsbetriebe", "produktion", "hersteller", "maschinenbau", "anlagenbau", "maschinen- und anlagenbau", "automobilindustrie",
            "automobilzulieferer", "automobil", "zulieferer", "metallverarbeitung", "kunststoff", "chemie", "chemische", "lebensmittelindustrie", "lebensmittelhersteller", "lebensmittel", "nahrungsmittel", "getränke", "elektronik",
            "elektroindustrie", "medizintechnik", "industriels", "industriel", "fabricants", "manufacturier", "agroalimentaire", "agro-alimentaire", "aéronautique", "chimie", "pharmaceutique", "plasturgie", "métallurgie", "mécanique",
            "dispositifs médicaux", "industria", "fabricantes", "fabricación", "manufactura", "automoción", "industria alimentaria", "alimentaria", "química", "farmacéutica", "manifatturiero", "manifatturiere", "produttori",
            "alimentare", "chimica", "farmaceutica", "meccanica", "maakindustrie", "fabrikanten", "productiebedrijven", "voedingsmiddelenindustrie", "voedingsindustrie", "farmaceutische"]),
        ("42", ["wholesale", "wholesalers", "wholesaler", "distributors", "distributor", "distribution companies", "distribution", "trading companies", "importers", "großhandel", "großhändler", "grosshandel", "grosshändler",
            "distributoren", "importeure", "technischer handel", "grossistes", "grossiste", "distributeurs", "négoce", "négociants", "mayoristas", "distribuidores", "distribución", "grossisti", "distributori",
            "groothandel", "groothandels", "groothandelaren"]),
        ("44-45", ["pharmacies", "apotheken", "farmacias", "farmacie", "car dealers", "dealerships", "autohäuser", "autohandel", "butchers", "fashion retailers", "retail", "retailers", "retailer", "e-commerce", "ecommerce", "online shops", "online retailers", "shops", "stores", "supermarkets", "einzelhandel", "einzelhändler", "handel", "onlinehändler", "online-händler",
            "lebensmittelhandel", "filialisten", "supermärkte", "commerce de détail", "commerce", "grande distribution", "détaillants", "commerçants", "enseignes", "magasins", "e-commerçants", "comercio", "minoristas", "tiendas",
            "supermercados", "commercio", "negozi", "dettaglio", "gdo", "grande distribuzione", "detailhandel", "winkels", "webshops"]),
        ("48-49", ["haulier", "forwarder", "logistics provider", "warehouses", "warehousing", "airlines", "shipping lines", "kep-dienstleister", "logistics", "logistics providers", "transport", "transportation", "carriers", "freight forwarding", "freight forwarders", "freight", "forwarders", "hauliers", "haulage", "trucking", "shipping companies", "3pl",
            "couriers", "parcel", "fleet operators", "fleets", "logistik", "logistiker", "logistikdienstleister", "spediteure", "speditionen", "spedition", "transportunternehmen", "frachtführer", "kurierdienste",
            "logistique", "transporteurs", "transitaires", "logisticiens", "logística", "transporte", "transportistas", "operadores logísticos", "logistica", "trasporti", "trasportatori", "spedizionieri", "corrieri",
            "logistiek", "transporteurs", "vervoerders", "expediteurs"]),
        ("52", ["insurer", "financial services", "finance", "financial institutions", "financial", "banks", "banking", "insurance", "insurers", "asset managers", "fintech", "banken", "finanzdienstleister", "finanzwesen", "finanz", "versicherungen",
            "versicherer", "versicherung", "sparkassen", "banques", "banque", "assurance", "assureurs", "services financiers", "mutuelles", "banca", "bancos", "seguros", "aseguradoras", "finanzas", "servicios financieros",
            "banche", "assicurazioni", "finanza", "servizi finanziari", "verzekeraars", "financiële dienstverlening", "financiële instellingen"]),
        ("54", ["law firm", "it companies", "it-unternehmen", "it-dienstleister", "systemhäuser", "accountancy", "research institutes", "forschungseinrichtungen", "marketing agencies", "werbeagenturen", "law firms", "legal", "lawyers", "accountants", "accounting firms", "tax advisors", "consultancies", "consulting firms", "agencies", "architects", "engineering firms", "professional services",
            "it service providers", "msps", "kanzleien", "anwaltskanzleien", "rechtsanwälte", "steuerberater", "steuerkanzleien", "wirtschaftsprüfer", "ingenieurbüros", "architekten", "agenturen", "beratungsunternehmen",
            "cabinets d'avocats", "cabinets", "avocats", "experts-comptables", "cabinets comptables", "bureaux d'études", "architectes", "agences", "despachos", "abogados", "asesorías", "gestorías", "consultoras", "arquitectos",
            "studi professionali", "studi legali", "commercialisti", "avvocati", "architetti", "advocatenkantoren", "accountantskantoren", "adviesbureaus", "ingenieursbureaus", "architecten"]),
        ("61", ["school", "university", "education", "schools", "universities", "colleges", "training providers", "bildung", "bildungseinrichtungen", "schulen", "hochschulen", "universitäten", "éducation", "enseignement", "écoles", "universités",
            "educación", "colegios", "escuelas", "universidades", "istruzione", "scuole", "università", "onderwijs", "scholen", "universiteiten", "hogescholen"]),
        ("72", ["hotel", "cafes", "cafés", "bars", "hotel chains", "hospitality", "hotels", "restaurants", "catering", "food service", "foodservice", "hotellerie", "gastronomie", "gastgewerbe", "hôtellerie", "restauration", "hôtels", "chr", "hostelería", "hoteles",
            "restauración", "restaurantes", "ospitalità", "alberghi", "ristorazione", "ristoranti", "horeca"]),
        ("92", ["municipality", "ministries", "councils", "local government", "public sector", "government", "public administration", "municipalities", "local authorities", "public authorities", "öffentliche hand", "öffentlicher sektor", "öffentliche verwaltung", "öffentliche auftraggeber",
            "öffentliche", "kommunen", "behörden", "verwaltungen", "gemeinden", "secteur public", "collectivités", "collectivités locales", "administrations", "mairies", "sector público", "administración pública",
            "administraciones públicas", "ayuntamientos", "pubblica amministrazione", "enti pubblici", "comuni", "settore pubblico", "overheid", "overheden", "gemeenten", "publieke sector"]),
        ("23", ["installers", "installateure", "installateurs", "installatori", "instaladores", "electricians", "elektriker", "plumbers", "craftsmen", "handwerker", "tradespeople", "trades", "construction", "construction companies", "contractors", "builders", "bau", "bauunternehmen", "baugewerbe", "bauindustrie", "bauwirtschaft", "handwerk", "handwerksbetriebe", "btp", "bâtiment",
            "entreprises du bâtiment", "artisans", "construcción", "constructoras", "edilizia", "costruzioni", "imprese edili", "bouw", "bouwbedrijven", "aannemers"]),
        ("22", ["renewables", "erneuerbare energien", "energy", "utilities", "energy suppliers", "utility companies", "water utilities", "water treatment", "energie", "energieversorger", "stadtwerke", "versorger", "wasserversorgung", "wasserwirtschaft",
            "énergie", "traitement de l'eau", "traitement des eaux", "eau potable", "distribution d'eau", "fournisseurs d'énergie", "energía", "suministro de agua", "tratamiento de agua", "energia", "multiutility",
            "servizi idrici", "trattamento acque", "energiebedrijven", "nutsbedrijven", "waterbedrijven"]),
        ("53", ["real estate", "property management", "property managers", "landlords", "housing associations", "offices", "office buildings", "immobilien", "immobilienwirtschaft", "wohnungswirtschaft", "hausverwaltungen",
            "wohnungsbaugesellschaften", "immobilier", "bailleurs", "bailleurs sociaux", "syndics", "inmobiliarias", "inmobiliario", "immobiliare", "vastgoed", "woningcorporaties"]),
        ("51", ["telcos", "broadcasters", "software companies", "software", "technology companies", "tech companies", "technology", "saas", "media", "publishers", "publishing", "telecom", "telecommunications", "softwareunternehmen", "medien", "verlage",
            "telekommunikation", "éditeurs de logiciels", "médias", "télécoms", "medios", "telecomunicaciones", "editoriales", "editoria", "telecomunicazioni", "uitgevers"]),
        ("11", ["agriculture", "farms", "farmers", "agribusiness", "landwirtschaft", "landwirte", "agriculteurs", "agricultura", "agricoltura", "landbouw"]),
        ("21", ["mining", "oil and gas", "oil & gas", "bergbau", "mines", "minería", "minerario", "mijnbouw"]),
        ("56", ["facility managers", "recruitment agencies", "personalvermittler", "zeitarbeit", "facility management", "facility services", "cleaning companies", "security companies", "staffing agencies", "waste management", "personaldienstleister", "gebäudereiniger", "entsorger", "entsorgung"]),
        ("71", ["fitness studios", "gyms", "sports clubs", "museums", "leisure", "fitnessstudios", "sportvereine"]),
        ("81", ["non-profit", "nonprofit", "nonprofits", "charities", "associations", "ngos", "vereine", "verbände", "ong", "onlus", "stichtingen", "verenigingen"]),
    ];

    /// <summary>Every word with its sector, longest first (so the longer of two overlapping words is taken).</summary>
    private static readonly (string Word, string Sector)[] ByLength = Table
        .SelectMany(t => t.Words.Select(w => (Word: w, t.Sector))).DistinctBy(w => w.Word)
        .OrderByDescending(w => w.Word.Length).ThenBy(w => w.Word, StringComparer.Ordinal).ToArray();

    /// <summary>The segment words a text names, in the order they appear (overlaps resolved to the longer word).</summary>
    public static IReadOnlyList<(int Index, string Word, NaicsSector Sector)> Find(string text)
    {
        var lower = TextMatching.Lower(text);
        var taken = new bool[lower.Length];
        var found = new List<(int Index, string Word, NaicsSector Sector)>();
        foreach (var (word, sector) in ByLength)
            for (var index = lower.IndexOf(word, StringComparison.Ordinal); index >= 0; index = lower.IndexOf(word, index + word.Length, StringComparison.Ordinal))
            {
                if (taken[index] || !StartsWord(lower, index, word) || Generic.Any(g => lower.AsSpan(index).StartsWith(g, StringComparison.Ordinal))) continue;
                Array.Fill(taken, true, index, word.Length);
                found.Add((index, word, NaicsSectors.Get(sector)));
            }
        return found.OrderBy(f => f.Index).ToList();
    }

    /// <summary>
    /// Words that name an industry in a list ("Industries: Finance, Energy") but mostly something else in running text
    /// ("for finance teams", "for energy savings", "für die Pflege Ihrer Maschinen").
    /// </summary>
    private static readonly HashSet<string> AmbiguousInText = new(StringComparer.Ordinal)
    {
        "finance", "financial", "finanz", "technology", "energy", "energie", "energia", "energía", "énergie", "pflege", "industrial", "legal", "media", "medien",
        "software", "produktion", "production", "design", "handel", "commerce", "medical", "médical", "distribution", "health",
    };

    /// <summary>The sectors a text names, first named first; <paramref name="inRunningText"/> leaves out words that are ambiguous in a sentence.</summary>
    public static IReadOnlyList<NaicsSector> SectorsIn(string text, bool inRunningText = false) =>
        Find(text).Where(f => !inRunningText || !AmbiguousInText.Contains(f.Word)).Select(f => f.Sector).DistinctBy(s => s.Code).ToList();

    /// <summary>
    /// A name that is an industry and nothing else ("Logistics &amp; freight forwarding", "Lebensmittelindustrie"), as opposed
    /// to an offering that mentions one ("Transport Management"): the segment words cover most of its letters.
    /// </summary>
    public static bool IsIndustryName(string name)
    {
        var found = Find(name);
        if (found.Count == 0) return false;
        var letters = name.Count(char.IsLetter);
        var covered = found.Sum(f => Math.Min(f.Word.Length + WordRest(name, f.Index + f.Word.Length), name.Length - f.Index));
        return covered >= IndustryNameCoverage * letters;
    }

    /// <summary>Share of a name's letters segment words must cover for the name to be an industry.</summary>
    public const double IndustryNameCoverage = 0.6;

    /// <summary>Letters that finish the word a segment word starts ("hersteller" + "n").</summary>
    private static int WordRest(string text, int from)
    {
        var end = from;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return end - from;
    }

    /// <summary>Words that start like a segment word but name no industry ("industries" is not manufacturing).</summary>
    private static readonly string[] Generic = ["industries", "industrias", "industrie:", "industriel 4", "comunicazion", "comunicat", "handeln", "handelsregister"];

    /// <summary>Short words that open German compounds ("Finanzbranche", "Pflegekräfte"); other short words must end a word.</summary>
    private static readonly string[] CompoundStarts = ["finanz", "handel", "chemie"];

    /// <summary>Words of up to this length must end where the word ends ("comuni" is not "comunicazione").</summary>
    private const int ShortWord = 6;

    private static bool StartsWord(string lower, int index, string word) =>
        (index == 0 || !char.IsLetterOrDigit(lower[index - 1]))
        && (word.Length > ShortWord || CompoundStarts.Contains(word) || index + word.Length >= lower.Length || !char.IsLetterOrDigit(lower[index + word.Length]));
}
