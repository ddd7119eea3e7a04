using Monolith.BuildingBlocks.Text;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;
using Monolith.BuildingBlocks.Web.Crawling;
using Monolith.Testing.CompanySites;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis;

/// <summary>
/// The heuristic analyzer reads what a site says about what it sells and whom it serves. Three fixture sites
/// (<c>tests/Monolith.Testing/CompanySites/sites/</c>), each page categorised as the crawler would:
/// an English software vendor (drop-down menus, cards with non-heading titles, an industries page of cards),
/// a German consultancy (lists with bold names), a French manufacturer (JSON-LD product list, a list of sectors).
/// </summary>
public sealed class ReadWhatTheSiteSaysTests
{
    private sealed record Analysis(CompanyProfile Profile, ValueProposition Proposition, IReadOnlyList<CustomerCluster> Clusters, EmployeeEstimate Employees);

    /// <summary>The site's pages as the scanner hands them over: categorised by <see cref="PageRanking"/> and recorded in lower case, the homepage first.</summary>
    private static IReadOnlyList<ParsedPage> Pages(string host, params string[] paths) =>
        paths.Select(path =>
        {
            var url = new Uri($"http://{host}{path}");
            var html = CompanySitesServer.FileText(host, path == "/" ? "index.html" : path.TrimStart('/') + ".html") ?? throw new ArgumentException($"{host} has no {path}");
            return ParsedPage.Parse(new SitePage(url, PageRanking.Score(url, null).Category.ToString().ToLowerInvariant(), "text/html; charset=utf-8", html, Hashing.Sha256Hex(html)));
        }).ToList();

    private static ParsedPage HomeParagraph(string text) => ParsedPage.Parse(new SitePage(new Uri("https://x.example/"), "Home", "text/html", $"<p>{text}</p>", "h"));

    private static Analysis Analyse(IReadOnlyList<ParsedPage> pages)
    {
        var profile = HeuristicCompanyAnalyzer.Profile(pages);
        var proposition = HeuristicCompanyAnalyzer.ValueProposition(pages, profile);
        return new Analysis(profile, proposition, ClusterRules.Clusters(pages, profile, proposition), EmployeeRules.Estimate(pages, profile.Industry?.Value));
    }

    private static Analysis Cargolane() => Analyse(Pages("cargolane-software.test", "/", "/solutions", "/industries", "/customers", "/about", "/contact"));

    private static Analysis Brandt() => Analyse(Pages("brandt-beratung.test", "/", "/leistungen", "/branchen", "/referenzen", "/unternehmen", "/kontakt", "/impressum"));

    private static Analysis Hydrovalve() => Analyse(Pages("hydrovalve-industrie.test", "/", "/produits", "/secteurs", "/a-propos", "/contact"));

    private static Fact<Offering> Offering(Analysis analysis, string name) =>
        Assert.Single(analysis.Proposition.Offerings, o => o.Value.Name == name);

    private static void AssertServed(Analysis analysis, string page, params string[] codes)
    {
        Assert.Equal(codes.Order(StringComparer.Ordinal), analysis.Proposition.IndustriesServed.Select(i => i.Value.Code).Order(StringComparer.Ordinal));
        foreach (var code in codes)
        {
            var fact = Assert.Single(analysis.Proposition.IndustriesServed, i => i.Value.Code == code);
            Assert.Contains(fact.Evidence, e => e.Url.EndsWith(page, StringComparison.Ordinal));
            Assert.InRange(fact.Confidence, AudienceRules.IndustriesPageConfidence, 1);
        }
    }

    private static void AssertClustersFromServedIndustries(Analysis analysis, int expected)
    {
        var served = analysis.Proposition.IndustriesServed.Select(i => i.Value.Code).ToList();
        Assert.Equal(expected, analysis.Clusters.Count);
        Assert.Equal(analysis.Clusters.Count, analysis.Clusters.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(analysis.Clusters, c => Assert.Contains(c.Industries[0].Code, served));
        Assert.All(analysis.Clusters, c => Assert.DoesNotContain("Low confidence", c.Rationale, StringComparison.Ordinal));
        Assert.All(served, code => Assert.Contains(analysis.Clusters, c => c.Industries[0].Code == code));
        Assert.All(analysis.Clusters, c => Assert.Contains("://", c.Rationale, StringComparison.Ordinal)); // cites the page
    }

    [Fact]
    public void the_pages_that_say_what_a_company_sells_and_whom_it_serves_are_picked_in_three_languages()
    {
        string[][] expected =
        [
            ["/solutions", "Solutions"], ["/industries", "Industries"], ["/customers", "Customers"], ["/leistungen", "Services"], ["/branchen", "Industries"],
            ["/referenzen", "Customers"], ["/produits", "Products"], ["/secteurs", "Industries"], ["/oplossingen", "Solutions"], ["/sectoren", "Industries"],
            ["/klantcases", "Customers"], ["/soluzioni", "Solutions"], ["/casi-di-successo", "Customers"], ["/who-we-serve", "Industries"], ["/customer-stories/acme", "Customers"],
            ["/anwenderberichte", "Customers"], ["/fallstudien", "Customers"], ["/es/servicios", "Services"], ["/temoignages", "Customers"], ["/zielgruppen", "Industries"],
        ];
        Assert.All(expected, e => Assert.Equal(e[1], PageRanking.Score(new Uri("https://example.com" + e[0]), null).Category.ToString()));
    }

    [Fact]
    public void a_software_vendor_is_read_from_its_menus_cards_and_industries_page()
    {
        var site = Cargolane();

        // Its four products: named in the Solutions menu and as cards (titles in <div>s) on /solutions, described there.
        foreach (var name in new[] { "Cargolane Dispatch", "Cargolane Yard", "Cargolane Dock", "Cargolane Insights" })
        {
            var offering = Offering(site, name);
            Assert.Equal("product", offering.Value.Kind);
            Assert.False(string.IsNullOrWhiteSpace(offering.Value.Description), name);
            Assert.DoesNotContain("Learn more", offering.Value.Description, StringComparison.Ordinal);
            Assert.Contains(offering.Evidence, e => e.Url.EndsWith("/solutions", StringComparison.Ordinal) && e.Snippet.Contains(name, StringComparison.Ordinal));
            Assert.InRange(offering.Confidence, ValuePropositionRules.CardConfidence, 1);
        }
        Assert.Equal(4, site.Proposition.Offerings.Count);
        // Industries are not products, and no offering is a sentence.
        Assert.DoesNotContain(site.Proposition.Offerings, o => o.Value.Name.Contains("Logistics", StringComparison.Ordinal) || o.Value.Name.Contains("Retail", StringComparison.Ordinal));
        Assert.All(site.Proposition.Offerings, o => Assert.True(o.Value.Name.Split(' ').Length <= ValuePropositionRules.MaxOfferingWords, o.Value.Name));

        // Whom it serves: the four industries of /industries.
        AssertServed(site, "/industries", "48-49", "42", "31-33", "44-45");

        // "for distributors and carriers with 50 to 500 employees" on the homepage: mid-sized and large customers.
        var size = site.Proposition.CustomerSizeFocus!;
        Assert.Equal([CompanySizeBand.Medium, CompanySizeBand.Large], size.Value);
        Assert.Equal(CustomerSizeRules.StatedConfidence, size.Confidence);
        Assert.Contains(size.Evidence, e => e.Url == "http://cargolane-software.test/" && e.Snippet.Contains("50 to 500 employees", StringComparison.Ordinal));

        // It sells software, so it is an Information company however often it says "logistics", "transport" and "freight".
        Assert.Equal("51", site.Profile.Industry!.Value.Code);
        Assert.Contains(site.Profile.Industry.Evidence, e => e.Snippet.Contains("software", StringComparison.OrdinalIgnoreCase));

        // Its own headcount is the team of 38, not its customers' 50 to 500.
        Assert.InRange(site.Employees.Estimate, 34, 42);

        Assert.Contains(site.Proposition.Differentiators, d => d.Value.StartsWith("Live in 30 days", StringComparison.Ordinal) && d.Confidence == ValuePropositionRules.WhyUsConfidence);

        // One cluster per served industry and size group: 4 × (mid-sized, large) = 8, each citing where the site says so.
        AssertClustersFromServedIndustries(site, 8);
        Assert.Contains(site.Clusters, c => c.Industries[0].Code == "42" && c.SizeBands.SequenceEqual([CompanySizeBand.Medium]));
        Assert.Contains(site.Clusters, c => c.Industries[0].Code == "42" && c.SizeBands.SequenceEqual([CompanySizeBand.Large]));
        Assert.Contains(site.Clusters, c => c.Rationale.Contains("http://cargolane-software.test/industries", StringComparison.Ordinal));
    }

    [Fact]
    public void a_german_consultancy_is_read_from_its_lists_of_services_and_industries()
    {
        var site = Brandt();

        foreach (var name in new[] { "ERP-Auswahl", "ERP-Einführung", "Prozessberatung", "Datenschutz-Audit", "Anwenderschulungen" })
        {
            var offering = Offering(site, name);
            Assert.Equal("service", offering.Value.Kind);
            Assert.NotNull(offering.Value.Description);
            Assert.Contains(offering.Evidence, e => e.Url.EndsWith("/leistungen", StringComparison.Ordinal));
        }
        Assert.Equal(5, site.Proposition.Offerings.Count); // not the reasons to choose it, not the footer's phone number, networks or legal links

        // Four listed industries, two of them manufacturing: three sectors.
        AssertServed(site, "/branchen", "31-33", "42", "62");
        Assert.Equal(3, site.Proposition.IndustriesServed.Count(i => i.Confidence >= AudienceRules.ListedConfidence));
        // The case studies back two of them: "Hersteller von Industriearmaturen", "Drei Kliniken".
        Assert.Contains(site.Proposition.IndustriesServed.Single(i => i.Value.Code == "62").Evidence, e => e.Url.EndsWith("/referenzen", StringComparison.Ordinal));
        Assert.Contains(site.Proposition.IndustriesServed.Single(i => i.Value.Code == "31-33").Evidence, e => e.Url.EndsWith("/referenzen", StringComparison.Ordinal));

        // "mittelständische Unternehmen mit 20 bis 250 Mitarbeitenden": small and medium (250 is where Large starts).
        Assert.Equal([CompanySizeBand.Small, CompanySizeBand.Medium], site.Proposition.CustomerSizeFocus!.Value);

        // A consultancy whose customers make things is a professional services firm, not a manufacturer.
        Assert.Equal("54", site.Profile.Industry!.Value.Code);
        Assert.InRange(site.Employees.Estimate, 20, 28);

        Assert.Contains(site.Proposition.Differentiators, d => d.Value.StartsWith("Herstellerunabhängig", StringComparison.Ordinal));

        // Three industries × one size group (small and medium).
        AssertClustersFromServedIndustries(site, 3);
    }

    [Fact]
    public void a_french_manufacturer_is_read_from_its_json_ld_products_and_its_sectors()
    {
        var site = Hydrovalve();

        foreach (var name in new[] { "Pompes centrifuges HV-C", "Vannes papillon HV-B", "Pompes doseuses HV-D" })
        {
            var offering = Offering(site, name);
            Assert.Equal("product", offering.Value.Kind);
            Assert.Equal(ValuePropositionRules.DeclaredItemConfidence, offering.Confidence);
            Assert.Contains(offering.Evidence, e => e.Url.EndsWith("/produits", StringComparison.Ordinal));
        }
        Assert.Equal("service", Offering(site, "Maintenance et pièces détachées").Value.Kind);
        Assert.Equal(4, site.Proposition.Offerings.Count);

        AssertServed(site, "/secteurs", "31-33", "22", "92");

        // "les PME que les grands comptes": small and medium, and enterprise customers.
        var size = site.Proposition.CustomerSizeFocus!;
        Assert.Equal([CompanySizeBand.Small, CompanySizeBand.Medium, CompanySizeBand.Enterprise], size.Value);
        Assert.Equal(CustomerSizeRules.WordConfidence, size.Confidence);

        Assert.Equal("31-33", site.Profile.Industry!.Value.Code);
        Assert.InRange(site.Employees.Estimate, 126, 154);

        // Three industries × (small and medium, enterprise).
        AssertClustersFromServedIndustries(site, 6);
    }

    [Fact]
    public void bootstrap_dropdowns_mega_menu_columns_and_footer_columns_are_read()
    {
        var page = ParsedPage.Parse(new SitePage(new Uri("https://acme.example/"), "home", "text/html", """
            <nav class="navbar"><ul class="navbar-nav">
             <li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#">Products</a>
              <div class="dropdown-menu"><a class="dropdown-item" href="/p/scan">Acme Scan</a><a class="dropdown-item" href="/p/sign">Acme Sign</a></div></li>
             <li class="nav-item dropdown"><button>Solutions</button>
              <div class="mega"><div class="col"><p class="col-title">By industry</p><ul><li><a href="/s/retail">Retail</a></li><li><a href="/s/banks">Banking</a></li></ul></div></div></li>
             <li class="nav-item"><a href="/about">About</a></li>
            </ul></nav>
            <main><h1>Paperwork, done</h1>
             <h2>What our customers say</h2>
             <div class="quotes"><div class="quote"><strong>Jane Doe, CFO</strong><p>We closed the books two days faster.</p></div><div class="quote"><strong>Tom Roe, COO</strong><p>Setup took an afternoon.</p></div></div>
             <p>Built for small and medium-sized enterprises.</p></main>
            <footer><div class="col"><p class="footer-title">Services</p><ul><li><a href="/s/onboarding">Onboarding</a></li><li><a href="/s/training">Training</a></li></ul></div></footer>
            """, "h"));

        var offerings = ValuePropositionRules.Offerings([page]);
        var served = AudienceRules.IndustriesServed([page]);

        Assert.Equal(["Acme Scan", "Acme Sign", "Onboarding", "Training"], offerings.Select(o => o.Value.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["44-45", "52"], served.Select(s => s.Value.Code).Order(StringComparer.Ordinal));
        Assert.All(served, s => Assert.Equal(AudienceRules.ListedConfidence, s.Confidence));
        Assert.Equal([CompanySizeBand.Small, CompanySizeBand.Medium], CustomerSizeRules.CustomerSizeFocus([page])!.Value);
    }

    private static ParsedPage Page(string path, string category, string html) =>
        ParsedPage.Parse(new SitePage(new Uri("https://company.example" + path), category, "text/html", html, Hashing.Sha256Hex(path + html)));

    private static void AssertReads(IReadOnlyList<ParsedPage> pages, string industry, string[] offerings, string[] served)
    {
        var site = Analyse(pages);
        Assert.Equal(industry, site.Profile.Industry?.Value.Code);
        Assert.Equal(offerings, site.Proposition.Offerings.Select(o => o.Value.Name).Order(StringComparer.Ordinal));
        Assert.Equal(served, site.Proposition.IndustriesServed.Select(i => i.Value.Code).Order(StringComparer.Ordinal));
        AssertClustersFromServedIndustries(site, site.Clusters.Count);
    }

    [Fact]
    public void a_spanish_tax_adviser_lists_its_services_as_boxes_and_its_sectors_as_a_list() => AssertReads(
        [Page("/", "home", """
            <html lang="es"><title>Gestoría Martín – Asesoría fiscal y laboral</title><body>
            <h1>Su asesoría de confianza en Sevilla</h1><p>Somos una asesoría fiscal, laboral y contable para autónomos y pymes de Andalucía.</p>
            <section><h2>Nuestros servicios</h2><div class="row">
             <div class="col-md-4"><div class="box"><h4>Asesoría fiscal</h4><p>Declaraciones trimestrales y anuales.</p></div></div>
             <div class="col-md-4"><div class="box"><h4>Asesoría laboral</h4><p>Nóminas, contratos y seguros sociales.</p></div></div>
             <div class="col-md-4"><div class="box"><h4>Contabilidad</h4><p>Llevamos su contabilidad al día.</p></div></div></div></section>
            <h2>Sectores</h2><ul><li>Hostelería</li><li>Comercio minorista</li><li>Construcción</li></ul></body></html>
            """)],
        "54", ["Asesoría fiscal", "Asesoría laboral", "Contabilidad"], ["23", "44-45", "72"]);

    [Fact]
    public void a_dutch_software_vendor_names_its_products_and_customers_in_menus_only() => AssertReads(
        [Page("/", "home", """
            <html lang="nl"><title>Planbord – roostersoftware</title><body><header><ul>
             <li><a>Product</a><ul><li><a>Planbord Rooster</a></li><li><a>Planbord Uren</a></li></ul></li>
             <li><a>Voor wie</a><ul><li><a>Installateurs</a></li><li><a>Groothandel</a></li><li><a>Zorg</a></li></ul></li></ul></header>
            <h1>Roosteren zonder gedoe</h1><p>Planbord is roostersoftware voor bedrijven met 10 tot 200 medewerkers.</p></body></html>
            """)],
        "51", ["Planbord Rooster", "Planbord Uren"], ["23", "42", "62"]);

    [Fact]
    public void an_italian_mould_maker_is_a_manufacturer_with_a_maintenance_service() => AssertReads(
        [Page("/", "home", """
            <html lang="it"><title>Rossi Stampi – stampi per materie plastiche</title><body><nav><a href="/prodotti">Prodotti</a> <a href="/settori">Settori</a></nav>
            <h1>Stampi di precisione dal 1972</h1><p>Rossi Stampi è un produttore di stampi per l'industria automotive e per gli elettrodomestici.</p></body></html>
            """),
         Page("/prodotti", "products", """
            <html lang="it"><body><h1>Prodotti</h1><h2>Stampi a iniezione</h2><p>Stampi per pezzi tecnici fino a 2.000 kg.</p>
            <h2>Stampi per pressofusione</h2><p>Alluminio e zama.</p><h2>Manutenzione stampi</h2><p>Revisione e riparazione di stampi anche di terzi.</p></body></html>
            """),
         Page("/settori", "industries", """
            <html lang="it"><body><h1>Settori</h1><div class="grid"><div class="s"><h3>Automotive</h3></div><div class="s"><h3>Elettrodomestici</h3></div><div class="s"><h3>Medicale</h3></div></div></body></html>
            """)],
        "31-33", ["Manutenzione stampi", "Stampi a iniezione", "Stampi per pressofusione"], ["31-33", "62"]);

    [Fact]
    public void industries_in_a_solutions_menu_are_industries_served_not_offerings()
    {
        var page = Page("/", "home", """
            <nav><ul><li><a href="/solutions">Solutions</a><ul><li><a href="/s/scan">Acme Scan</a></li><li><a href="/s/retail">For retail</a></li><li><a href="/s/logistics">Logistics</a></li></ul></li></ul></nav>
            """);

        var proposition = HeuristicCompanyAnalyzer.ValueProposition([page], HeuristicCompanyAnalyzer.Profile([page]));

        Assert.Equal("Acme Scan", Assert.Single(proposition.Offerings).Value.Name);
        Assert.Equal(AudienceRules.ListedConfidence, proposition.IndustriesServed.Single(i => i.Value.Code == "44-45").Confidence);
        Assert.Equal(AudienceRules.PhraseConfidence, proposition.IndustriesServed.Single(i => i.Value.Code == "48-49").Confidence);
    }

    [Fact]
    public void subheadings_under_a_products_or_industries_heading_of_the_homepage_are_read()
    {
        var page = Page("/", "home", """
            <h1>Acme</h1><h2>Our products</h2><h3>Acme Scan</h3><p>Scanner app for delivery notes.</p><h3>Acme Sign</h3><p>Electronic signatures.</p>
            <h2>Industries we serve</h2><h3>Retail</h3><h3>Hospitals</h3><h2>Why Acme</h2><h3>Live in a day</h3><p>No installation.</p>
            """);

        var proposition = HeuristicCompanyAnalyzer.ValueProposition([page], HeuristicCompanyAnalyzer.Profile([page]));

        Assert.Equal(["Acme Scan", "Acme Sign"], proposition.Offerings.Select(o => o.Value.Name));
        Assert.All(proposition.Offerings, o => Assert.Equal("product", o.Value.Kind));
        Assert.Equal(["44-45", "62"], proposition.IndustriesServed.Select(i => i.Value.Code).Order(StringComparer.Ordinal));
        Assert.Equal("Live in a day: No installation", Assert.Single(proposition.Differentiators).Value);
    }

    [Fact]
    public void tag_links_on_an_industries_page_and_described_list_items_on_a_services_page_are_read()
    {
        ParsedPage[] pages =
        [
            Page("/branchen", "industries", """<h1>Für jede Branche</h1><div class="tags"><a href="/b/handel">Einzelhandel</a><a href="/b/bau">Bauunternehmen</a><a href="/b/x">Alle anzeigen</a></div>"""),
            Page("/leistungen", "services", """
                <h1>Was wir für Sie tun</h1><ul><li><b>Lohnbuchhaltung</b>: monatliche Abrechnung Ihrer Mitarbeitenden.</li><li><b>Jahresabschluss</b>: Bilanz und Steuererklärung.</li></ul>
                <h2>Kontakt</h2><ul><li>Telefon</li><li>E-Mail</li></ul>
                """),
        ];

        var proposition = HeuristicCompanyAnalyzer.ValueProposition(pages, HeuristicCompanyAnalyzer.Profile(pages));

        Assert.Equal(["23", "44-45"], proposition.IndustriesServed.Select(i => i.Value.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["Jahresabschluss", "Lohnbuchhaltung"], proposition.Offerings.Select(o => o.Value.Name).Order(StringComparer.Ordinal));
        Assert.All(proposition.Offerings, o => Assert.Equal(ValuePropositionRules.ServiceListConfidence, o.Confidence));
    }

    [Theory]
    [InlineData("Our software is built for wholesalers and logistics providers.", "42,48-49")]
    [InlineData("Wir betreuen Kliniken, Pflegeeinrichtungen und Stadtwerke in ganz Bayern.", "62,22")]
    [InlineData("Nous accompagnons les industriels de l'agroalimentaire et les collectivités.", "31-33,92")]
    [InlineData("Trabajamos con hoteles y restaurantes de toda Andalucía.", "72")]
    [InlineData("Lavoriamo con aziende manifatturiere e studi professionali.", "31-33,54")]
    [InlineData("Wij werken voor groothandels en ziekenhuizen.", "42,62")]
    public void phrases_name_the_industries_served_in_six_languages(string text, string codes)
    {
        var page = HomeParagraph(text);

        var served = AudienceRules.IndustriesServed([page]);

        Assert.Equal(codes.Split(',').Order(StringComparer.Ordinal), served.Select(s => s.Value.Code).Order(StringComparer.Ordinal));
        Assert.All(served, s => Assert.Equal(AudienceRules.PhraseConfidence, s.Confidence));
        Assert.All(served, s => Assert.Contains(text[..10], s.Evidence[0].Snippet, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Dashboards for finance teams and energy savings.")]
    [InlineData("Wir sorgen für die Pflege Ihrer Maschinen.")]
    [InlineData("Built for software teams who ship every day.")]
    public void words_that_mean_something_else_in_a_sentence_name_no_industry(string text) =>
        Assert.Empty(AudienceRules.IndustriesServed([HomeParagraph(text)]));

    [Theory]
    [InlineData("For companies with 50 to 500 employees.", "Medium,Large")]
    [InlineData("Für Unternehmen ab 1.000 Mitarbeitern.", "Enterprise")]
    [InlineData("Pour les entreprises de 10 à 49 salariés.", "Small")]
    [InlineData("Para empresas de hasta 200 empleados.", "Micro,Small,Medium")]
    [InlineData("Per aziende da 50 a 249 dipendenti.", "Medium")]
    [InlineData("Voor bedrijven met 250 tot 1000 medewerkers.", "Large")]
    public void stated_customer_headcounts_give_the_size_focus_in_six_languages(string text, string bands)
    {
        var page = HomeParagraph(text);

        var focus = CustomerSizeRules.CustomerSizeFocus([page])!;

        Assert.Equal(bands.Split(',').Select(Enum.Parse<CompanySizeBand>), focus.Value);
        Assert.Equal(CustomerSizeRules.StatedConfidence, focus.Confidence);
        Assert.Equal("default", EmployeeRules.Estimate([page], null).Method); // whom it sells to is not its own headcount
    }

    [Fact]
    public void a_software_company_selling_to_logisticians_is_a_software_company()
    {
        var page = ParsedPage.Parse(new SitePage(new Uri("https://x.example/"), "Home", "text/html", """
            <title>RouteCo – logistics, transport and freight</title>
            <h1>Logistics made simple for transport companies</h1>
            <p>RouteCo is a SaaS company. Logistics teams, freight forwarders and transport planners use our platform every day.</p>
            <h2>Products</h2>
            <ul><li><strong>RouteCo Planner</strong> – route planning software for carriers.</li><li><strong>RouteCo Track</strong> – live tracking app for freight.</li></ul>
            """, "h"));

        var industry = IndustryRules.Industry([page])!;

        Assert.Equal("51", industry.Value.Code);
        Assert.Contains(AudienceRules.IndustriesServed([page]), i => i.Value.Code == "48-49");
    }
}
