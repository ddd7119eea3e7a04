namespace Monolith.Companies.Contracts;

/// <summary>A UNSPSC segment (two-digit code, official title) with words (EN/DE/FR/ES, lower case) that point to it.</summary>
public sealed record SpendSegment(string Code, string Title, IReadOnlyList<string> Keywords);

/// <summary>
/// The spend taxonomy: a practical subset of UNSPSC segments that businesses buy from B2B suppliers. Codes are the
/// two-digit segment numbers (e.g. <c>43</c> Information Technology Broadcasting and Telecommunications).
/// </summary>
public static class SpendTaxonomy
{
    public static readonly IReadOnlyList<SpendSegment> Segments =
    [
        new("12", "Chemicals including Bio Chemicals and Gas Materials", ["chemical", "chemicals", "solvent", "industrial gas", "chemikalien", "chemie", "produits chimiques", "químicos", "productos químicos"]),
        new("14", "Paper Materials and Products", ["paper", "packaging", "cardboard", "papier", "verpackung", "karton", "emballage", "papel", "embalaje", "cartón"]),
        new("15", "Fuels and Fuel Additives and Lubricants and Anti corrosive Materials", ["fuel", "diesel", "lubricant", "fuel card", "kraftstoff", "schmierstoff", "tankkarte", "carburant", "lubrifiant", "combustible", "lubricante"]),
        new("23", "Industrial Manufacturing and Processing Machinery and Accessories", ["machinery", "production line", "processing equipment", "packaging machine", "maschinen", "produktionsanlage", "anlagenbau", "machines", "ligne de production", "maquinaria", "línea de producción"]),
        new("24", "Material Handling and Conditioning and Storage Machinery and their Accessories and Supplies", ["forklift", "pallet", "racking", "conveyor", "material handling", "gabelstapler", "palette", "regal", "fördertechnik", "chariot élévateur", "convoyeur", "carretilla", "estantería", "palé"]),
        new("25", "Commercial and Military and Private Vehicles and their Accessories and Components", ["fleet", "truck", "trucks", "vehicle", "vehicles", "van", "fuhrpark", "lkw", "fahrzeug", "flotte", "camion", "véhicule", "flota", "camión", "vehículo"]),
        new("26", "Power Generation and Distribution Machinery and Accessories", ["generator", "power supply", "ups", "solar", "battery", "stromaggregat", "notstrom", "photovoltaik", "groupe électrogène", "onduleur", "generador", "energía solar"]),
        new("27", "Tools and General Machinery", ["tools", "power tools", "hand tools", "werkzeug", "werkzeuge", "outils", "outillage", "herramientas"]),
        new("30", "Structures and Building and Construction and Manufacturing Components and Supplies", ["building materials", "steel", "concrete", "baustoffe", "stahl", "beton", "matériaux de construction", "acier", "béton", "materiales de construcción", "acero", "hormigón"]),
        new("31", "Manufacturing Components and Supplies", ["components", "bearings", "fasteners", "castings", "raw materials", "bauteile", "komponenten", "zulieferteile", "composants", "pièces", "componentes", "piezas", "materias primas"]),
        new("39", "Electrical Systems and Lighting and Components and Accessories and Supplies", ["lighting", "led", "electrical installation", "cabling", "beleuchtung", "elektroinstallation", "éclairage", "installation électrique", "iluminación", "instalación eléctrica"]),
        new("40", "Distribution and Conditioning Systems and Equipment and Components", ["hvac", "air conditioning", "heating", "ventilation", "plumbing", "pumps", "klimaanlage", "heizung", "lüftung", "sanitär", "climatisation", "chauffage", "climatización", "calefacción", "fontanería"]),
        new("41", "Laboratory and Measuring and Observing and Testing Equipment", ["laboratory", "lab equipment", "measuring", "testing equipment", "sensor", "calibration", "labor", "messtechnik", "prüfgeräte", "laboratoire", "mesure", "laboratorio", "medición", "metrología"]),
        new("42", "Medical Equipment and Accessories and Supplies", ["medical equipment", "medical supplies", "dental equipment", "dental supplies", "implants", "x-ray", "medizintechnik", "medizinprodukte", "dentalbedarf", "équipement médical", "matériel dentaire", "equipos médicos", "material dental"]),
        new("43", "Information Technology Broadcasting and Telecommunications", ["it services", "it support", "it infrastructure", "software", "cloud", "hardware", "network", "cybersecurity", "security", "servers", "laptops", "telephony", "managed services", "helpdesk", "saas", "edv", "netzwerk", "informatique", "logiciel", "réseau", "informática", "redes", "ciberseguridad", "nube", "datacenter"]),
        new("44", "Office Equipment and Accessories and Supplies", ["office supplies", "printer", "printers", "toner", "stationery", "büromaterial", "drucker", "fournitures de bureau", "imprimante", "material de oficina", "impresora"]),
        new("46", "Defense and Law Enforcement and Security and Safety Equipment and Supplies", ["safety equipment", "ppe", "fire extinguisher", "access control", "cctv", "arbeitsschutz", "brandschutz", "zutrittskontrolle", "équipement de sécurité", "epi", "equipos de protección", "control de acceso"]),
        new("47", "Cleaning Equipment and Supplies", ["cleaning supplies", "cleaning products", "detergent", "disinfectant", "hygiene products", "paper towels", "reinigungsmittel", "hygieneartikel", "produits d'entretien", "désinfectant", "productos de limpieza", "desinfectante"]),
        new("50", "Food Beverage and Tobacco Products", ["food", "beverage", "beverages", "coffee", "catering supplies", "ingredients", "lebensmittel", "getränke", "zutaten", "alimentaire", "boissons", "ingrédients", "alimentos", "bebidas", "ingredientes", "alimentari"]),
        new("53", "Apparel and Luggage and Personal Care Products", ["uniforms", "workwear", "apparel", "linen", "toiletries", "berufsbekleidung", "arbeitskleidung", "vêtements de travail", "uniformes", "ropa laboral", "lencería"]),
        new("55", "Published Products", ["publications", "books", "signage", "printed materials", "brochures", "druckerzeugnisse", "bücher", "imprimés", "publicaciones", "folletos"]),
        new("56", "Furniture and Furnishings", ["furniture", "furnishings", "desks", "office furniture", "möbel", "büromöbel", "einrichtung", "mobilier", "meubles", "muebles", "mobiliario", "arredamento"]),
        new("72", "Building and Facility Construction and Maintenance Services", ["facility maintenance", "building maintenance", "renovation", "construction services", "fit-out", "gebäudeunterhalt", "instandhaltung", "haustechnik", "renovierung", "maintenance des bâtiments", "rénovation", "mantenimiento de edificios", "reformas"]),
        new("73", "Industrial Production and Manufacturing Services", ["contract manufacturing", "machining", "co-packing", "lohnfertigung", "auftragsfertigung", "sous-traitance industrielle", "usinage", "fabricación por contrato", "mecanizado"]),
        new("76", "Industrial Cleaning Services", ["cleaning", "janitorial", "office cleaning", "window cleaning", "disinfection", "waste disposal", "gebäudereinigung", "unterhaltsreinigung", "reinigung", "nettoyage", "propreté", "limpieza", "desinfección"]),
        new("77", "Environmental Services", ["environmental", "sustainability consulting", "emissions", "umweltschutz", "nachhaltigkeit", "environnement", "medio ambiente", "sostenibilidad"]),
        new("78", "Transportation and Storage and Mail Services", ["logistics", "freight", "shipping", "courier", "delivery", "warehousing", "storage", "transport", "logistik", "spedition", "versand", "lagerung", "logistique", "livraison", "entreposage", "logística", "envío", "almacenaje", "mensajería"]),
        new("80", "Management and Business Professionals and Administrative Services", ["consulting", "consultancy", "staffing", "recruiting", "legal services", "accounting", "payroll", "outsourcing", "beratung", "personalvermittlung", "buchhaltung", "conseil", "recrutement", "comptabilité", "consultoría", "contratación", "contabilidad"]),
        new("81", "Engineering and Research and Technology Based Services", ["engineering", "research", "development", "r&d", "software development", "it consulting", "testing services", "ingenieur", "ingenieurleistungen", "entwicklung", "forschung", "ingénierie", "recherche", "développement", "ingeniería", "investigación", "desarrollo"]),
        new("82", "Editorial and Design and Graphic and Fine Art Services", ["marketing", "advertising", "design", "branding", "graphic design", "photography", "werbung", "gestaltung", "publicité", "graphisme", "publicidad", "diseño gráfico"]),
        new("83", "Public Utilities and Public Sector Related Services", ["electricity", "energy supply", "water", "gas supply", "telecommunication services", "strom", "energieversorgung", "électricité", "énergie", "electricidad", "suministro de agua"]),
        new("84", "Financial and Insurance Services", ["insurance", "banking", "payment", "leasing", "financing", "accounting software", "versicherung", "finanzierung", "zahlungsverkehr", "assurance", "financement", "seguro", "financiación", "pagos"]),
        new("85", "Healthcare Services", ["healthcare", "occupational health", "medical services", "dental care", "patient care", "betriebsarzt", "gesundheitsdienst", "médecine du travail", "soins", "servicios médicos", "salud laboral"]),
        new("86", "Education and Training Services", ["training", "courses", "e-learning", "workshops", "certification courses", "schulung", "weiterbildung", "seminare", "formation", "formación", "cursos", "capacitación"]),
        new("90", "Travel and Food and Lodging and Entertainment Services", ["travel", "hotel", "hotels", "accommodation", "events", "conference", "catering", "meetings", "reisen", "übernachtung", "tagungen", "voyage", "hébergement", "séminaires", "viajes", "alojamiento", "eventos"]),
        new("93", "Politics and Civic Affairs Services", ["public affairs", "civic", "community programs", "lobbying", "öffentlichkeitsarbeit", "affaires publiques", "asuntos públicos"]),
    ];

    private static readonly Dictionary<string, SpendSegment> ByCode = Segments.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static SpendSegment? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim());

    public static SpendSegment Get(string code) => Find(code) ?? throw new ArgumentException($"unknown UNSPSC segment '{code}'", nameof(code));
}
