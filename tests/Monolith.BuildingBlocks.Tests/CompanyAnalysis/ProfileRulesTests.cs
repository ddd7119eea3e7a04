using Monolith.BuildingBlocks.Text;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis;

/// <summary>Name, description, logo and language of a profile from small hand-written pages: pure, no network.</summary>
public sealed class ProfileRulesTests
{
    private static ParsedPage Parsed(string html, string url = "https://www.brightwave.example/", string category = "Home") =>
        ParsedPage.Parse(new SitePage(new Uri(url), category, "text/html", html, Hashing.Sha256Hex(html)));

    [Fact]
    public void the_name_most_sources_agree_on_wins_over_the_first_one_found()
    {
        var page = Parsed("""
            <html><head><title>Pricing plans – Brightwave</title>
            <meta property="og:site_name" content="Brightwave">
            <script type="application/ld+json">{"@type":"Organization","name":"Northwind Holdings"}</script>
            </head><body><p>Plans for every team.</p></body></html>
            """);

        var name = ProfileRules.CompanyName([page])!;

        // og:site_name 3 + title segment 1 + the domain 1.5 against one JSON-LD organisation (a parent company) at 2.5.
        Assert.Equal("Brightwave", name.Value);
        Assert.Equal(0.93, name.Confidence);
        Assert.Contains(name.Evidence, e => e.Snippet == "domain www.brightwave.example");
    }

    [Fact]
    public void a_copyright_line_names_the_company_when_the_domain_spells_it()
    {
        var page = Parsed("""
            <html><head><title>Startseite</title></head>
            <body><main><p>Sondermaschinen für die Verpackungsindustrie.</p></main>
            <footer>© 2019–2024 Kestrel Maschinenbau GmbH. Alle Rechte vorbehalten.</footer></body></html>
            """, "https://www.kestrel-maschinenbau.example/");

        var name = ProfileRules.CompanyName([page])!;

        Assert.Equal("Kestrel Maschinenbau GmbH", name.Value);
        Assert.Equal(0.9, name.Confidence); // copyright 1.5 + domain 1.5
    }

    [Fact]
    public void copyright_without_a_year_or_sign_is_not_a_name() =>
        Assert.DoesNotContain(CompanyNameRules.Candidates([Parsed("<p>Notes on copyright law in Europe.</p>")]), c => c.Source == "copyright");

    [Theory]
    [InlineData("Pricing – Brightwave | Cloud backup", new[] { "Pricing", "Brightwave", "Cloud backup" })]
    [InlineData("Rhein-Main Logistik - Kontakt", new[] { "Rhein-Main Logistik", "Kontakt" })]
    [InlineData("Acme.es: Cocina y hogar", new[] { "Acme.es", "Cocina y hogar" })]
    [InlineData("Tienda · Vinos Ribera", new[] { "Tienda", "Vinos Ribera" })]
    public void titles_split_on_separators_but_not_inside_hyphenated_names(string title, string[] segments) =>
        Assert.Equal(segments, CompanyNameRules.TitleSegments(title));

    [Fact]
    public void the_title_segment_the_domain_spells_is_the_name_not_the_headline()
    {
        var page = Parsed("<html><head><title>How we cut restore times in half | Brightwave</title></head><body></body></html>");

        Assert.Equal("Brightwave", ProfileRules.CompanyName([page])!.Value);
    }

    [Fact]
    public void a_domain_written_as_a_name_agrees_with_the_name_and_the_name_is_written_as_words()
    {
        var page = Parsed("""
            <html><head><title>Lemon tart – blue harbour kitchen</title><meta property="og:site_name" content="blueharbourkitchen.com"></head><body></body></html>
            """, "https://blueharbourkitchen.com/lemon-tart");

        Assert.Equal("blue harbour kitchen", ProfileRules.CompanyName([page])!.Value);
    }

    [Fact]
    public void a_page_that_names_nothing_but_a_headline_is_named_by_its_host()
    {
        var headline = Parsed("<html><head><title>Ten ways to restore a deleted ledger</title></head></html>", "https://blog.brightwave.co.uk/ten-ways");
        var address = Parsed("<html><head><title>Start</title></head></html>", "http://192.0.2.7/");

        var name = ProfileRules.CompanyName([headline])!;

        Assert.Equal("Brightwave", name.Value);
        Assert.Equal(CompanyNameRules.DomainOnlyConfidence, name.Confidence);
        Assert.Null(ProfileRules.CompanyName([address]));
    }

    [Fact]
    public void a_site_name_with_a_tagline_proposes_the_name_before_it()
    {
        var page = Parsed("""<html><head><meta property="og:site_name" content="Brightwave: hourly backups for accountants"><title>Plans</title></head></html>""");

        Assert.Equal("Brightwave", ProfileRules.CompanyName([page])!.Value);
    }

    [Theory]
    [InlineData("Logotipo de Vinos Ribera", "Vinos Ribera")]
    [InlineData("Brightwave logo", "Brightwave")]
    [InlineData("Back to home – Brightwave", "Brightwave")]
    public void logo_alt_text_gives_the_name_without_the_word_logo(string alt, string name) =>
        Assert.Equal(name, CompanyNameRules.LogoAltName(alt));

    [Fact]
    public void the_description_falls_back_to_the_first_paragraph_of_prose_not_the_cookie_banner_or_the_menu()
    {
        var page = Parsed("""
            <html><body>
            <div class="cookie-banner"><p>We use cookies to give you the best experience on our website. By continuing you accept our use of cookies.</p></div>
            <nav><p>Products and services for accountants, tax advisers, payroll bureaus and their clients</p></nav>
            <div role="navigation"><p>Backup plans, restore guides, pricing for firms of every size and our partner programme</p></div>
            <main><p>Short teaser.</p>
            <section class="hero-banner"><div>Brightwave builds backup software for small accounting firms, with offices in Leeds and Utrecht since 2009.</div></section></main>
            </body></html>
            """);

        var description = ProfileRules.Description([page])!;

        Assert.Equal("Brightwave builds backup software for small accounting firms, with offices in Leeds and Utrecht since 2009.", description.Value);
        Assert.Equal(DescriptionRules.ParagraphConfidence, description.Confidence);
    }

    [Fact]
    public void a_stated_summary_wins_and_a_sentence_wins_over_a_tagline()
    {
        var page = Parsed("""
            <html><head><meta name="description" content="Backup. Simple.">
            <meta property="og:description" content="Brightwave backs up the files and databases of small accounting firms every hour, encrypted, in two data centres.">
            </head><body><p>Brightwave was founded by two accountants who lost a year of client records to a broken disk.</p></body></html>
            """);

        var description = ProfileRules.Description([page])!;

        Assert.StartsWith("Brightwave backs up the files", description.Value, StringComparison.Ordinal);
        Assert.Equal(DescriptionRules.MetaConfidence, description.Confidence);
    }

    [Fact]
    public void a_meta_property_naming_several_keys_counts_for_each()
    {
        var page = Parsed("""<html><head><meta property="dc:description og:description" content="Hourly encrypted backups for accounting firms."></head></html>""");

        Assert.Equal("Hourly encrypted backups for accounting firms.", page.Meta["og:description"]);
        Assert.Equal("Hourly encrypted backups for accounting firms.", ProfileRules.Description([page])!.Value);
    }

    [Fact]
    public void the_largest_declared_icon_is_the_logo_and_relative_links_resolve_against_the_page()
    {
        var page = Parsed("""
            <html><head>
            <link rel="icon" href="/favicon.ico">
            <link rel="icon" type="image/png" sizes="32x32" href="/icons/icon-32.png">
            <link rel="apple-touch-icon" sizes="152x152" href="touch/apple-152.png">
            <link rel="icon" sizes="192x192" href="../icons/android-chrome-192x192.png">
            <link rel="mask-icon" href="/icons/pinned.svg" color="#000">
            </head><body><img class="site-logo" src="/img/wordmark.svg" alt="Brightwave"></body></html>
            """, "https://www.brightwave.example/de/start");

        var logo = ProfileRules.LogoUrl([page])!;

        Assert.Equal("https://www.brightwave.example/icons/android-chrome-192x192.png", logo.Value);
        Assert.Equal(0.55, logo.Confidence);
        Assert.Contains(page.IconLinks, i => i.Url.AbsoluteUri == "https://www.brightwave.example/de/touch/apple-152.png" && i.Size == 152);
    }

    [Fact]
    public void a_json_ld_organisation_logo_comes_before_icons_and_a_header_logo_image_before_a_small_favicon()
    {
        var withJsonLd = Parsed("""
            <html><head><link rel="apple-touch-icon" href="/apple-touch-icon.png">
            <script type="application/ld+json">{"@type":"Organization","name":"Brightwave","logo":"/brand/brightwave.png"}</script></head></html>
            """);
        var withImage = Parsed("""<html><head><link rel="icon" href="/favicon.ico"></head><body><header><img class="logo" src="/img/brightwave.svg" alt="Brightwave"></header></body></html>""");
        var bare = Parsed("<html><head><title>Brightwave</title></head></html>", "https://brightwave.example/pricing");

        Assert.Equal("https://www.brightwave.example/brand/brightwave.png", ProfileRules.LogoUrl([withJsonLd])!.Value);
        Assert.Equal("https://www.brightwave.example/img/brightwave.svg", ProfileRules.LogoUrl([withImage])!.Value);
        Assert.Equal("https://brightwave.example/favicon.ico", ProfileRules.LogoUrl([bare])!.Value);
    }

    [Theory]
    [InlineData("any", "https://x.example/icon.svg", int.MaxValue)]
    [InlineData("16x16 48x48", "https://x.example/favicon.ico", 48)]
    [InlineData(null, "https://x.example/favicon-196x196.png", 196)]
    [InlineData(null, "https://x.example/img/touch-icon-ipad-144-precomposed.png", 144)]
    [InlineData(null, "https://x.example/2019-Q4-icon.png", null)]
    [InlineData(null, "https://x.example/favicon.ico", null)]
    public void icon_sizes_come_from_sizes_or_the_file_name(string? sizes, string url, int? size) =>
        Assert.Equal(size, ParsedPage.IconSize(sizes, new Uri(url)));

    [Theory]
    [InlineData("Het bedrijf werd opgericht door twee broers en heeft nu meer dan vijftig medewerkers in heel Nederland.", "nl")]
    [InlineData("Siamo presenti anche nelle principali città, dove offriamo ogni giorno servizi alle imprese.", "it")]
    public void dutch_and_italian_texts_are_detected_by_their_function_words(string text, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(text));

    [Fact]
    public void the_declared_language_comes_first_then_the_text_then_the_alternates()
    {
        var declared = Parsed("""<html><head><meta property="og:locale" content="it_IT"><link rel="alternate" hreflang="de" href="/de/"></head><body><p>Welcome to our shop for hand-made shoes and the people who love them.</p></body></html>""");
        var detected = Parsed("""<html><head><link rel="alternate" hreflang="en" href="/en/"></head><body><p>Wij zijn een bakkerij uit Utrecht en wij bakken ons brood elke dag vers voor onze klanten, ook op zondag.</p></body></html>""");

        var fromMeta = ProfileRules.Languages([declared])!;
        var fromText = ProfileRules.Languages([detected])!;

        Assert.Equal(["it", "de"], fromMeta.Value);
        Assert.Equal(ProfileRules.DeclaredLanguageConfidence, fromMeta.Confidence);
        Assert.Equal(["nl", "en"], fromText.Value);
        Assert.Equal(ProfileRules.DetectedLanguageConfidence, fromText.Confidence);
    }
}
