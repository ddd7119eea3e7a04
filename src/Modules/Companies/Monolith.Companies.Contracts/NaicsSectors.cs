namespace Monolith.Companies.Contracts;

/// <summary>A NAICS 2022 sector with the words (English, German, French, Spanish, some Italian and Dutch; lower case) that suggest it on a website.</summary>
public sealed record NaicsSector(string Code, string Label, IReadOnlyList<string> Keywords)
{
    public IndustryCode ToIndustryCode() => new(Code, Label);
}

/// <summary>The 20 sectors of NAICS 2022 (two-digit codes; ranges such as <c>31-33</c> kept as published).</summary>
public static class NaicsSectors
{
    public static readonly IReadOnlyList<NaicsSector> All =
    [
        new("11", "Agriculture, Forestry, Fishing and Hunting",
            ["agriculture", "farming", "farm", "forestry", "fishing", "crop", "livestock", "landwirtschaft", "forstwirtschaft", "fischerei", "agriculture biologique", "exploitation agricole", "sylviculture", "pêche", "agricultura", "ganadería", "silvicultura", "pesca"]),
        new("21", "Mining, Quarrying, and Oil and Gas Extraction",
            ["mining", "quarry", "oil and gas", "drilling", "bergbau", "tagebau", "erdöl", "exploitation minière", "carrière", "pétrole", "minería", "cantera", "petróleo"]),
        new("22", "Utilities",
            ["utility", "utilities", "electricity supply", "power plant", "water supply", "energieversorger", "stadtwerke", "stromversorgung", "fournisseur d'électricité", "distribution d'eau", "suministro eléctrico", "compañía eléctrica"]),
        new("23", "Construction",
            ["construction", "general contractor", "building contractor", "civil works", "bauunternehmen", "hochbau", "tiefbau", "bauprojekte", "btp", "gros œuvre", "chantier", "construcción", "constructora", "obra civil"]),
        new("31-33", "Manufacturing",
            ["manufacturer", "manufacturing", "factory", "production plant", "produced in", "hersteller", "herstellung", "produktion", "fertigung", "werk", "fabricant", "fabrication", "usine", "production", "fabricante", "fabricación", "fábrica", "elaboración", "producción", "produttore", "artisan food", "conservas", "aceite de oliva",
             "bakery", "bakkerij", "bäckerei", "boulangerie", "panadería", "panificio", "brewery", "brauerei", "brouwerij", "winery", "weingut",
             "fabriek", "productie", "producent", "fabbrica", "produzione", "stabilimento"]),
        new("42", "Wholesale Trade",
            ["wholesale", "wholesaler", "distributor", "großhandel", "großhändler", "grossiste", "commerce de gros", "mayorista", "distribuidor"]),
        new("44-45", "Retail Trade",
            ["retail", "retailer", "online shop", "our stores", "einzelhandel", "filialen", "onlineshop", "commerce de détail", "magasins", "boutique en ligne", "comercio minorista", "tiendas", "tienda online"]),
        new("48-49", "Transportation and Warehousing",
            ["logistics", "freight", "transport", "warehousing", "warehouse", "shipping", "forwarding", "trucking", "courier", "logistik", "spedition", "lager", "lagerlogistik", "kontraktlogistik", "fracht", "transporte", "logistique", "entreposage", "fret", "logística", "almacén", "almacenaje"]),
        new("51", "Information",
            ["software", "saas", "software-as-a-service", "platform", "app", "publishing", "publisher", "telecommunications", "broadcasting", "data hosting", "softwarehersteller", "plattform", "verlag", "logiciel", "plateforme", "éditeur", "édition de logiciels", "editorial", "plataforma", "telecomunicaciones"]),
        new("52", "Finance and Insurance",
            ["bank", "banking", "insurance", "insurer", "asset management", "lending", "versicherung", "vermögensverwaltung", "kredit", "banque", "assurance", "gestion d'actifs", "banco", "seguros", "aseguradora", "financiación"]),
        new("53", "Real Estate and Rental and Leasing",
            ["real estate", "property management", "rental", "leasing", "immobilien", "hausverwaltung", "vermietung", "immobilier", "location", "gestion locative", "inmobiliaria", "alquiler", "arrendamiento"]),
        new("54", "Professional, Scientific, and Technical Services",
            ["consulting", "consultancy", "engineering", "engineers", "law firm", "accounting", "architecture", "managed services", "it services", "it support", "design services", "research", "marketing agency", "beratung", "ingenieur", "ingenieurbüro", "planung", "statik", "tragwerksplanung", "kanzlei", "steuerberatung", "conseil", "ingénierie", "bureau d'études", "cabinet", "consultoría", "ingeniería", "asesoría", "despacho"]),
        new("55", "Management of Companies and Enterprises",
            ["holding company", "holding", "group headquarters", "beteiligungsgesellschaft", "société holding", "sociedad holding"]),
        new("56", "Administrative and Support and Waste Management and Remediation Services",
            ["cleaning", "janitorial", "facility services", "facility management", "staffing", "security services", "waste management", "recycling", "pest control", "gebäudereinigung", "reinigung", "facility-management", "personaldienstleister", "entsorgung", "nettoyage", "propreté", "gestion des déchets", "intérim", "limpieza", "gestión de residuos", "seguridad privada"]),
        new("61", "Educational Services",
            ["school", "university", "training courses", "academy", "education", "e-learning", "schule", "hochschule", "weiterbildung", "akademie", "école", "université", "formation", "enseignement", "escuela", "universidad", "formación", "academia"]),
        new("62", "Health Care and Social Assistance",
            ["dental", "dentist", "dentistry", "clinic", "hospital", "patients", "physician", "healthcare", "health care", "nursing", "care home", "orthodontic", "zahnarzt", "zahnarztpraxis", "klinik", "praxis", "patienten", "pflege", "dentaire", "clinique", "hôpital", "soins", "dentista", "clínica", "hospital", "pacientes"]),
        new("71", "Arts, Entertainment, and Recreation",
            ["museum", "theatre", "theater", "fitness", "gym", "sports club", "casino", "amusement", "kultur", "freizeitpark", "musée", "théâtre", "salle de sport", "museo", "teatro", "gimnasio"]),
        new("72", "Accommodation and Food Services",
            ["hotel", "hotels", "resort", "restaurant", "guests", "rooms", "suites", "catering", "bed and breakfast", "gastronomie", "übernachtung", "zimmer", "hôtel", "hébergement", "chambres", "hotel", "alojamiento", "habitaciones", "albergo", "camere", "ospiti", "soggiorno"]),
        new("81", "Other Services (except Public Administration)",
            ["repair", "maintenance shop", "hair salon", "laundry", "association", "non-profit", "reparatur", "werkstatt", "friseur", "verein", "réparation", "coiffure", "association à but non lucratif", "reparación", "peluquería", "asociación"]),
        new("92", "Public Administration",
            ["municipality", "government", "ministry", "public authority", "city council", "gemeinde", "behörde", "ministerium", "stadtverwaltung", "mairie", "ministère", "administration publique", "ayuntamiento", "ministerio", "administración pública"]),
    ];

    private static readonly Dictionary<string, NaicsSector> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    /// <summary>The sector of a NAICS code of any length (<c>4841</c> → 48-49, <c>541512</c> → 54), or null.</summary>
    public static NaicsSector? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var trimmed = code.Trim();
        if (ByCode.TryGetValue(trimmed, out var exact)) return exact;
        if (trimmed.Length < 2 || !char.IsAsciiDigit(trimmed[0]) || !char.IsAsciiDigit(trimmed[1])) return null;
        var two = trimmed[..2];
        return two switch
        {
            "31" or "32" or "33" => ByCode["31-33"],
            "44" or "45" => ByCode["44-45"],
            "48" or "49" => ByCode["48-49"],
            _ => ByCode.GetValueOrDefault(two),
        };
    }

    /// <summary>The sector with this code; throws for an unknown code (tables in code use it).</summary>
    public static NaicsSector Get(string code) => Find(code) ?? throw new ArgumentException($"unknown NAICS sector '{code}'", nameof(code));
}
