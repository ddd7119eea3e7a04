using Monolith.Companies.Contracts;
using System.Text.RegularExpressions;

namespace Monolith.Companies.Heuristic;

/// <summary>
/// The size of the customers a company targets: stated headcounts ("for companies with 50 to 500 employees",
/// "Unternehmen ab 20 Mitarbeitenden") first, else size words ("mid-sized manufacturers", "SMEs", "enterprises").
/// </summary>
public static partial class CustomerSizeRules
{
    /// <summary>A stated customer headcount: the site gives the numbers.</summary>
    public const double StatedConfidence = 0.8;

    /// <summary>Size words on the pages that describe the offering (home, about, products, industries).</summary>
    public const double WordConfidence = 0.6;

    /// <summary>Size words seen only on other pages (customers, blog, ...).</summary>
    public const double WeakWordConfidence = 0.5;

    /// <summary>Evidence kept.</summary>
    public const int MaxEvidence = 5;

    /// <summary>Lowest headcount of each band (EU SME definition, extended; see <see cref="CompanySizeBand"/>).</summary>
    private static readonly (CompanySizeBand Band, int Low, int High)[] Bands =
    [
        (CompanySizeBand.Micro, 1, 9), (CompanySizeBand.Small, 10, 49), (CompanySizeBand.Medium, 50, 249),
        (CompanySizeBand.Large, 250, 999), (CompanySizeBand.Enterprise, 1000, int.MaxValue),
    ];

    private static readonly (string Keyword, CompanySizeBand[] Bands)[] SizeWords =
    [
        ("freelancers", [CompanySizeBand.Micro]), ("self-employed", [CompanySizeBand.Micro]), ("selbstständige", [CompanySizeBand.Micro]), ("freiberufler", [CompanySizeBand.Micro]),
        ("indépendants", [CompanySizeBand.Micro]), ("autónomos", [CompanySizeBand.Micro]), ("liberi professionisti", [CompanySizeBand.Micro]), ("zzp", [CompanySizeBand.Micro]), ("zzp'ers", [CompanySizeBand.Micro]),
        ("startups", [CompanySizeBand.Micro, CompanySizeBand.Small]), ("start-ups", [CompanySizeBand.Micro, CompanySizeBand.Small]),
        ("small business", [CompanySizeBand.Micro, CompanySizeBand.Small]), ("small businesses", [CompanySizeBand.Micro, CompanySizeBand.Small]),
        ("smb", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("smbs", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("sme", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("smes", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("small and medium", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("small and medium-sized enterprises", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("small and medium enterprises", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("small and mid-sized enterprises", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("medium-sized enterprises", [CompanySizeBand.Medium]), ("mid-sized enterprises", [CompanySizeBand.Medium]), ("micro-enterprises", [CompanySizeBand.Micro]), ("small and mid-sized", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("small and midsize", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("kmu", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("kleine und mittlere", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("kleine unternehmen", [CompanySizeBand.Micro, CompanySizeBand.Small]),
        ("pme", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("pmes", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("petites et moyennes", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("pyme", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("pymes", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("pequeñas y medianas", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("pmi", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("piccole e medie", [CompanySizeBand.Small, CompanySizeBand.Medium]), ("mkb", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("midden- en kleinbedrijf", [CompanySizeBand.Small, CompanySizeBand.Medium]),
        ("mittelstand", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("mittelständ", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("mittelgroße", [CompanySizeBand.Medium]),
        ("mid-sized", [CompanySizeBand.Medium]), ("midsize", [CompanySizeBand.Medium]), ("mid-size", [CompanySizeBand.Medium]), ("medium-sized", [CompanySizeBand.Medium]),
        ("mid-market", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("eti", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("etis", [CompanySizeBand.Medium, CompanySizeBand.Large]),
        ("taille intermédiaire", [CompanySizeBand.Medium, CompanySizeBand.Large]), ("medianas empresas", [CompanySizeBand.Medium]), ("medie imprese", [CompanySizeBand.Medium]), ("middelgrote", [CompanySizeBand.Medium]),
        ("enterprises", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("enterprise customers", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("enterprise clients", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("large companies", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("large organisations", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("large organizations", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("fortune 500", [CompanySizeBand.Enterprise]), ("konzerne", [CompanySizeBand.Enterprise]), ("konzernen", [CompanySizeBand.Enterprise]), ("großunternehmen", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("grandes entreprises", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("grands comptes", [CompanySizeBand.Enterprise]), ("grandes empresas", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("multinationals", [CompanySizeBand.Enterprise]), ("large corporations", [CompanySizeBand.Enterprise]), ("grandi aziende", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
        ("grandi imprese", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("grote ondernemingen", [CompanySizeBand.Large, CompanySizeBand.Enterprise]), ("grote bedrijven", [CompanySizeBand.Large, CompanySizeBand.Enterprise]),
    ];

    public static Fact<IReadOnlyList<CompanySizeBand>>? CustomerSizeFocus(IReadOnlyList<ParsedPage> pages)
    {
        var read = pages.Where(p => p.Category is not ("Careers" or "Legal")).ToList();
        return Stated(read) ?? Worded(read);
    }

    /// <summary>Bands of the customer headcounts the site states, with each statement as evidence.</summary>
    public static Fact<IReadOnlyList<CompanySizeBand>>? Stated(IReadOnlyList<ParsedPage> pages)
    {
        var bands = new SortedSet<CompanySizeBand>();
        var evidence = new List<Evidence>();
        foreach (var page in pages)
            foreach (var (low, high, index, length) in StatedRanges(page.Text))
            {
                bands.UnionWith(BandsOf(low, high));
                if (evidence.Count < MaxEvidence) evidence.Add(page.Evidence(page.Text, index, length));
            }
        return bands.Count == 0 ? null : new Fact<IReadOnlyList<CompanySizeBand>>([.. bands], StatedConfidence, evidence);
    }

    /// <summary>"companies with 50 to 500 employees" → (50, 500); "ab 20 Mitarbeitern" → (20, ∞); "up to 200 employees" → (1, 200).</summary>
    public static IEnumerable<(int Low, int High, int Index, int Length)> StatedRanges(string text)
    {
        foreach (var match in Matches(text))
        {
            var low = EmployeeRules.ParseNumber(match.Groups["low"].Value);
            var high = EmployeeRules.ParseNumber(match.Groups["high"].Value);
            var bound = match.Groups["bound"].Value.ToLowerInvariant();
            (int, int)? range = (low, high) switch
            {
                ({ } l, { } h) when h >= l => (l, h),
                ({ } l, null) when IsUpTo(bound) => (1, l),
                ({ } l, null) when bound.Length > 0 || IsFrom(match.Groups["prep"].Value.ToLowerInvariant()) => (l, int.MaxValue),
                ({ } l, null) => (l, l),
                _ => null,
            };
            if (range is var (from, to)) yield return (from, to, match.Index, match.Length);
        }
    }

    /// <summary>"ab 20 Mitarbeitern", "from 50 employees": that many or more.</summary>
    private static bool IsFrom(string preposition) => preposition is "from" or "ab" or "vanaf" or "à partir de" or "desde" or "da";

    private static bool IsUpTo(string bound) => bound is "up to" or "fewer than" or "less than" or "under" or "bis zu" or "bis" or "unter" or "weniger als" or "jusqu'à" or "moins de"
        or "hasta" or "menos de" or "fino a" or "meno di" or "tot" or "minder dan";

    /// <summary>The bands a headcount range overlaps; the upper bound is exclusive ("up to 250" does not reach Large).</summary>
    public static IEnumerable<CompanySizeBand> BandsOf(int low, int high) =>
        Bands.Where(b => low <= b.High && (high == int.MaxValue || high > b.Low)).Select(b => b.Band);

    /// <summary>Is the headcount phrase at <paramref name="index"/> one of the customer headcounts (so not the company's own)?</summary>
    public static bool IsAboutCustomers(IReadOnlyList<(int Index, int Length)> customerHeadcounts, int index) =>
        customerHeadcounts.Any(c => c.Index <= index && index < c.Index + c.Length);

    /// <summary>Where a text states its customers' headcount (read once per page; see <see cref="IsAboutCustomers"/>).</summary>
    public static IReadOnlyList<(int Index, int Length)> CustomerHeadcounts(string text) => Matches(text).Select(m => (m.Index, m.Length)).ToList();

    /// <summary>Customer headcount phrases of a text; none when a pathological text times the expression out.</summary>
    private static IReadOnlyList<Match> Matches(string text)
    {
        try { return CustomerHeadcount().Matches(text).ToList(); }
        catch (RegexMatchTimeoutException) { return []; }
    }

    private static Fact<IReadOnlyList<CompanySizeBand>>? Worded(IReadOnlyList<ParsedPage> pages)
    {
        var bands = new SortedSet<CompanySizeBand>();
        var evidence = new List<Evidence>();
        var confidence = WeakWordConfidence;
        foreach (var page in pages)
        {
            // Longest first, each taken span blanked: "small and medium-sized enterprises" is not also "enterprises".
            var lower = TextMatching.Lower(page.Text);
            foreach (var (keyword, sizes) in SizeWords.OrderByDescending(w => w.Keyword.Length))
            {
                var at = WholeWordAt(lower, keyword);
                if (at < 0) continue;
                lower = lower.Replace(keyword, new string(' ', keyword.Length), StringComparison.Ordinal);
                if (page.Category is "Home" or "About" or "Products" or "Solutions" or "Services" or "Industries") confidence = WordConfidence;
                var before = bands.Count;
                bands.UnionWith(sizes);
                if (bands.Count > before && evidence.Count < MaxEvidence) evidence.Add(page.EvidenceOf(keyword));
            }
        }
        return bands.Count == 0 ? null : new Fact<IReadOnlyList<CompanySizeBand>>([.. bands], confidence, evidence);
    }

    /// <summary>Where a keyword stands as a word of its own, or starts a longer one when the keyword is long ("mittelständ" in "mittelständische"); -1 if nowhere.</summary>
    private static int WholeWordAt(string lower, string keyword)
    {
        const int PrefixLength = 9;
        for (var i = lower.IndexOf(keyword, StringComparison.Ordinal); i >= 0; i = lower.IndexOf(keyword, i + 1, StringComparison.Ordinal))
        {
            var end = i + keyword.Length;
            if ((i == 0 || !char.IsLetter(lower[i - 1])) && (keyword.Length >= PrefixLength || end >= lower.Length || !char.IsLetter(lower[end]))) return i;
        }
        return -1;
    }

    private const string Customers =
        @"(?:companies|businesses|firms|organi[sz]ations|teams|customers|clients|distributors|wholesalers|manufacturers|retailers|carriers|practices|sites|operations"
        + @"|unternehmen|betriebe|firmen|mittelständler|kunden|händler|hersteller|organisationen"
        + @"|entreprises|sociétés|pme|eti|structures|organisations|clients|industriels|distributeurs"
        + @"|empresas|compañías|organizaciones|clientes|fabricantes|distribuidores"
        + @"|aziende|imprese|società|organizzazioni|clienti|produttori"
        + @"|bedrijven|ondernemingen|organisaties|klanten)";

    private const string Staff =
        @"(?:employees|staff|people|workers|users|seats|mitarbeiter(?:innen|n)?|mitarbeitende[n]?|beschäftigte[n]?|angestellte[n]?|salariés|collaborateurs|employés|personnes"
        + @"|empleados|trabajadores|dipendenti|addetti|medewerkers|werknemers)";

    private const string Number = @"\d{1,3}(?:[.,  ]\d{3})+|\d{1,6}";

    [GeneratedRegex(Customers + @"\s+(?:\w+\s+){0,3}?(?<prep>with|of|from|having|mit|von|ab|avec|à partir de|de|d'|entre|con|desde|da|tra|met|vanaf|van|tussen)\s*(?:(?<bound>up to|fewer than|less than|under|more than|over|at least|bis zu|unter|weniger als|mehr als|über|jusqu'à|moins de|plus de|au moins|hasta|menos de|más de|fino a|meno di|più di|oltre|tot|minder dan|meer dan)\s+)?(?<low>" + Number + @")\s*(?:(?:-|–|—|to|bis|à|a|et|y|e|en|tot|and|und)\s*(?<high>" + Number + @"))?\s*\+?\s*" + Staff + @"\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex CustomerHeadcount();
}
