using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Text;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis;

/// <summary>The heuristic analyzer's pure rules: page text in, facts out, no network.</summary>
public sealed class HeuristicRulesTests
{
    private static SitePage Page(string path, string category, string html) =>
        new(new Uri("https://www.acme.example.de" + path), category, "text/html; charset=utf-8", html, Hashing.Sha256Hex(html));

    private static ParsedPage Parsed(string html, string category = "Home", string path = "/") => ParsedPage.Parse(Page(path, category, html));

    [Fact]
    public void json_ld_objects_are_found_in_graphs_and_arrays_and_malformed_blocks_are_ignored()
    {
        var page = Parsed("""
            <html><head>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"Acme AG","logo":{"@type":"ImageObject","url":"/logo.png"}},{"@type":"WebSite","name":"Acme"}]}</script>
            <script type="application/ld+json">[{"@type":"Product","name":"Widget"}]</script>
            <script type="application/ld+json">{ this is not json </script>
            </head><body></body></html>
            """);

        Assert.Equal(4, page.JsonLd.Count); // the graph holder, its two nodes, the product
        var profile = HeuristicCompanyAnalyzer.Profile([page]);
        Assert.Equal("Acme AG", profile.CompanyName!.Value);
        Assert.Equal(0.97, profile.CompanyName.Confidence); // organisation and web site agree, and the domain spells it
        Assert.Equal("https://www.acme.example.de/logo.png", profile.LogoUrl!.Value);
        Assert.Equal("Widget", Assert.Single(ValuePropositionRules.Offerings([page])).Value.Name);
    }

    [Fact]
    public void number_of_employees_is_read_from_a_quantitative_value()
    {
        var page = Parsed("""<script type="application/ld+json">{"@type":"Corporation","name":"X","numberOfEmployees":{"@type":"QuantitativeValue","minValue":"1.000","maxValue":5000}}</script>""");

        var estimate = EmployeeRules.Estimate([page], null);

        Assert.Equal((1000, 5000, "schema.org"), (estimate.Low, estimate.High, estimate.Method));
        Assert.InRange(estimate.Estimate, 1000, 5000);
    }

    [Theory]
    [InlineData("We are a team of 40 engineers.", 36, 44, 40)]
    [InlineData("Over 200 employees work for us.", 200, 300, 230)]
    [InlineData("Heute arbeiten 120 Mitarbeiter bei uns.", 108, 132, 120)]
    [InlineData("Wir sind rund 1.200 Mitarbeitende in ganz Europa.", 960, 1440, 1200)]
    [InlineData("Nous sommes plus de 50 collaborateurs à Lyon.", 50, 75, 57)]
    [InlineData("Somos más de 30 empleados en Madrid.", 30, 45, 34)]
    [InlineData("Company size: 51-200 employees", 51, 200, 101)]
    public void employee_phrases_are_read_in_four_languages(string text, int low, int high, int estimate)
    {
        var found = EmployeeRules.Estimate([Parsed($"<html><body><p>{text}</p></body></html>", "About")], null);

        Assert.Equal((low, high, estimate), (found.Low, found.High, found.Estimate));
        Assert.StartsWith("stated", found.Method, StringComparison.Ordinal);
        Assert.Contains(text.TrimEnd('.'), found.Evidence[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void without_a_headcount_the_default_is_wide_and_unsure()
    {
        var found = EmployeeRules.Estimate([Parsed("<p>We sell 500+ products to 2,000 customers.</p>")], new IndustryCode("72", "Accommodation and Food Services"));

        Assert.Equal("default", found.Method);
        Assert.True(found.Confidence <= 0.1);
        Assert.True(found.High >= 10 * found.Low);
    }

    [Theory]
    [InlineData("https://de.linkedin.com/company/acme/?trk=x", "linkedin", "https://www.linkedin.com/company/acme")]
    [InlineData("http://twitter.com/acme", "x", "https://x.com/acme")]
    [InlineData("//www.facebook.com/acme/", "facebook", "https://www.facebook.com/acme")]
    [InlineData("instagram.com/acme", "instagram", "https://www.instagram.com/acme")]
    [InlineData("https://www.youtube.com/@acme", "youtube", "https://www.youtube.com/@acme")]
    [InlineData("https://www.xing.com/pages/acme", "xing", "https://www.xing.com/pages/acme")]
    [InlineData("https://github.com/acme/", "github", "https://github.com/acme")]
    public void social_links_are_normalised(string href, string network, string url) =>
        Assert.Equal(new SocialProfile(network, url), ProfileRules.NormaliseSocial(href));

    [Theory]
    [InlineData("https://www.facebook.com/sharer/sharer.php?u=x")]
    [InlineData("https://twitter.com/intent/tweet?text=x")]
    [InlineData("https://www.linkedin.com/")]
    [InlineData("https://www.acme.example.de/linkedin")]
    public void share_buttons_and_other_links_are_not_profiles(string href) => Assert.Null(ProfileRules.NormaliseSocial(href));

    [Theory]
    [InlineData("Schreiben Sie an info [at] acme-gmbh [dot] de", "info@acme-gmbh.de")]
    [InlineData("contact (at) lumiere.fr", "contact@lumiere.fr")]
    [InlineData("sales at acme dot co dot uk", "sales@acme.co.uk")]
    [InlineData("E-Mail: hello@acme.com.", "hello@acme.com")]
    public void obfuscated_emails_are_read(string text, string email) => Assert.Contains(email, ProfileRules.Emails(text));

    [Theory]
    [InlineData("We help our customers to build the software they need, and we are proud of the work that our team does for you.", "en")]
    [InlineData("Wir sind ein Unternehmen aus Hamburg und bieten unseren Kunden die beste Logistik für den Handel mit der ganzen Welt.", "de")]
    [InlineData("Nous sommes une entreprise de logiciels et nous aidons les PME avec des outils pour la planification de leurs équipes.", "fr")]
    [InlineData("Somos una empresa familiar que elabora conservas con los mejores tomates de la región para nuestros clientes en España.", "es")]
    [InlineData("Il nostro gruppo è una realtà familiare che gestisce hotel di charme per gli ospiti e per le aziende della regione.", "it")]
    [InlineData("Wij zijn een bedrijf uit Utrecht en wij helpen onze klanten met het beheer van hun gebouwen voor een eerlijke prijs.", "nl")]
    public void the_language_of_a_text_is_detected_by_its_function_words(string text, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("Tel.: +34 954 123 456", "+34954123456")]
    [InlineData("Telefon +41 (0)44 555 12 34", "+41445551234")]
    [InlineData("Phone: (312) 555-0199", "3125550199")]
    [InlineData("T. 0049 40 1234567-0", "+494012345670")]
    [InlineData("Telefoon: 030 - 231 45 67", "0302314567")]
    [InlineData("Tél. : 01 84 60 12 34", "0184601234")]
    public void phone_numbers_are_read_and_normalised(string text, string phone)
    {
        var page = ParsedPage.Parse(new SitePage(new Uri("https://x.example/kontakt"), "Contact", "text/html", $"<p>{text}</p>", "h"));
        Assert.Contains(ProfileRules.Contacts([page])!.Value, c => c.Kind == "phone" && c.Value == phone);
    }

    [Fact]
    public void a_short_or_mixed_text_has_no_detected_language() => Assert.Null(LanguageDetector.Detect("Acme GmbH – Home"));

    [Fact]
    public void the_country_comes_from_the_address_before_the_phone_and_the_language()
    {
        var page = Parsed("""
            <html lang="en-GB"><head><script type="application/ld+json">{"@type":"Organization","name":"X","address":{"@type":"PostalAddress","addressCountry":"Schweiz"}}</script></head>
            <body><a href="tel:+49401234567">call</a></body></html>
            """, "Contact");

        var profile = HeuristicCompanyAnalyzer.Profile([page]);

        Assert.Equal("CH", profile.Country!.Value);
        Assert.Contains(profile.Contacts!.Value, c => c is { Kind: "phone", Value: "+49401234567" });
    }

    [Fact]
    public void the_industry_follows_the_company_pages_not_the_industries_it_serves()
    {
        ParsedPage[] pages =
        [
            Parsed("<title>Acme Logistik</title><h1>Ihr Logistikdienstleister</h1><p>Spedition, Lagerlogistik und Transport.</p>"),
            Parsed("<h2>Healthcare</h2><h2>Hospitals and clinics</h2><p>dental clinics, patients, hospital</p>", "Industries", "/branchen"),
        ];

        Assert.Equal("48-49", IndustryRules.Industry(pages)!.Value.Code);
        Assert.Contains(ValuePropositionRules.IndustriesServed(pages, null), i => i.Value.Code == "62");
    }

    [Fact]
    public void a_thin_site_still_gets_three_low_confidence_clusters()
    {
        var pages = new[] { Parsed("<title>Acme</title><p>Welcome.</p>") };
        var profile = HeuristicCompanyAnalyzer.Profile(pages);
        var proposition = HeuristicCompanyAnalyzer.ValueProposition(pages, profile);

        var clusters = ClusterRules.Clusters(pages, profile, proposition);

        Assert.InRange(clusters.Count, ClusterRules.Min, ClusterRules.Max);
        Assert.All(clusters, c => Assert.StartsWith("Low confidence", c.Rationale, StringComparison.Ordinal));
        Assert.Equal(clusters.Count, clusters.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void a_rich_site_gets_at_most_eight_clusters_from_its_industries_and_sizes()
    {
        var industries = string.Concat(new[] { "Healthcare", "Manufacturing", "Retail", "Financial services", "Education", "Legal" }.Select(i => $"<h2>{i}</h2><p>x</p>"));
        ParsedPage[] pages =
        [
            Parsed("<title>Acme IT</title><p>Managed IT support and cloud services for SMEs and enterprise customers. Reduce downtime with 24/7 monitoring.</p>"),
            Parsed($"<h1>Industries</h1>{industries}", "Industries", "/industries"),
            Parsed("<h1>Services</h1><h2>Managed IT Support</h2><p>Helpdesk, servers and network monitoring.</p><h2>Cloud Migration</h2><p>Move to the cloud.</p>", "Services", "/services"),
        ];
        var profile = HeuristicCompanyAnalyzer.Profile(pages);
        var proposition = HeuristicCompanyAnalyzer.ValueProposition(pages, profile);

        var clusters = ClusterRules.Clusters(pages, profile, proposition);

        Assert.Equal(8, clusters.Count);
        Assert.Contains(clusters, c => c.Industries[0].Code == "31-33" && c.SizeBands.Contains(CompanySizeBand.Small));
        Assert.Contains(clusters, c => c.Industries[0].Code == "31-33" && c.SizeBands.Contains(CompanySizeBand.Enterprise));
        Assert.All(clusters, c => Assert.Contains("43", c.SpendCategories));
        Assert.All(clusters, c => Assert.Contains("CIO", c.BuyerRoles));
        Assert.Contains(clusters[0].Pains, p => p.StartsWith("Reduce downtime", StringComparison.Ordinal));
    }

    [Fact]
    public void spend_categories_start_from_the_sector_and_rise_with_what_the_site_operates()
    {
        var pages = new[] { Parsed("<p>Our fleet of 140 trucks and our warehouse in Hamburg.</p>") };

        var spend = SpendRules.LikelySpend(pages, NaicsSectors.Get("48-49").ToIndustryCode());

        Assert.InRange(spend.Count, 1, 8);
        Assert.Equal("25", spend[0].Code);
        Assert.Contains(spend, s => s.Code == "43");
        Assert.Equal(spend.OrderByDescending(s => s.Likelihood).Select(s => s.Code), spend.Select(s => s.Code));
    }

    [Fact]
    public void the_taxonomies_are_complete_and_consistent()
    {
        Assert.Equal(20, NaicsSectors.All.Count);
        Assert.InRange(SpendTaxonomy.Segments.Count, 25, 40);
        Assert.Equal(SpendTaxonomy.Segments.Count, SpendTaxonomy.Segments.Select(s => s.Code).Distinct().Count());
        Assert.Equal("31-33", NaicsSectors.Find("311421")!.Code);
        Assert.Equal("54", NaicsSectors.Find("541512")!.Code);
    }

    [Fact]
    public async Task the_analyzer_is_deterministic_labels_its_output_and_registers_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddHeuristicCompanyAnalyzer().AddHeuristicCompanyAnalyzer();
        await using var provider = services.BuildServiceProvider();
        var analyzer = provider.GetRequiredKeyedService<ICompanyAnalyzer>("heuristic");
        Assert.Same(provider.GetRequiredService<HeuristicCompanyAnalyzer>(), analyzer);
        Assert.Single(services, d => d.IsKeyedService && d.ServiceType == typeof(ICompanyAnalyzer));
        var site = new SiteContent(new Uri("https://www.acme.example.de/"), "DE",
        [
            Page("/", "Home", """<html lang="de"><head><title>Acme GmbH | Reinigung</title></head><body><h1>Gebäudereinigung für den Mittelstand</h1><p>Seit 1990. Über 80 Mitarbeiter. info@acme.example.de</p></body></html>"""),
            Page("/leistungen", "Services", "<h1>Leistungen</h1><h2>Unterhaltsreinigung</h2><p>Büros und Praxen.</p>"),
        ]);

        var first = await analyzer.ProfileAsync(site, CancellationToken.None);
        var second = await analyzer.ProfileAsync(site, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(first.Output), JsonSerializer.Serialize(second.Output));
        Assert.Equal("heuristic", first.Output.Analyzer);
        Assert.Equal(StepUsage.Heuristic(HeuristicCompanyAnalyzer.Version, 0), first.Usage);
        var proposition = (await analyzer.ValuePropositionAsync(site, first.Output, CancellationToken.None)).Output;
        var clusters = (await analyzer.ClustersAsync(site, first.Output, proposition, CancellationToken.None)).Output;
        Assert.Equal(JsonSerializer.Serialize(clusters), JsonSerializer.Serialize((await analyzer.ClustersAsync(site, first.Output, proposition, CancellationToken.None)).Output));
        Assert.Equal(80, (await analyzer.EmployeesAsync(site, first.Output, CancellationToken.None)).Output.Low);
        await Assert.ThrowsAsync<AnalysisStepException>(() => analyzer.ProfileAsync(site with { Pages = [] }, CancellationToken.None));
    }
}

public sealed class HeuristicBrokenMarkupTests
{
    [Fact]
    public void unclosed_markup_still_yields_the_country_phone_and_obfuscated_email()
    {
        const string html = """
            <html><head><title>Sparkle | Cleaning</title><body><div class=content><h1>Spotless
            <p>Commercial cleaning.
            <div class=footer><p>Sparkle Inc. &middot; 150 N Michigan Ave, Chicago, IL 60601, USA<p>Phone: (312) 555-0199 &middot; Email: info (at) sparkle.example
            """;
        var page = ParsedPage.Parse(new SitePage(new Uri("https://sparkle.example/"), "Home", "text/html", html, "h"));

        var profile = HeuristicCompanyAnalyzer.Profile([page]);

        Assert.Equal("US", profile.Country?.Value);
        Assert.Contains(profile.Contacts!.Value, c => c is { Kind: "phone", Value: "3125550199" });
        Assert.Contains(profile.Contacts.Value, c => c is { Kind: "email", Value: "info@sparkle.example" });
    }
}
