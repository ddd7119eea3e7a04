using Monolith.BuildingBlocks.Web.Crawling;

namespace Monolith.BuildingBlocks.Tests.Web.Crawling;

public sealed class PageRankingTests
{
    private static PageScore Rank(string url, string? text = null) => PageRanking.Score(new Uri(url), text);

    [Theory]
    [InlineData("https://x.com/about-us", PageCategory.About)]
    [InlineData("https://x.de/ueber-uns", PageCategory.About)]
    [InlineData("https://x.de/%C3%BCber-uns", PageCategory.About)]
    [InlineData("https://x.de/unternehmen", PageCategory.About)]
    [InlineData("https://x.fr/qui-sommes-nous", PageCategory.About)]
    [InlineData("https://x.es/sobre-nosotros", PageCategory.About)]
    [InlineData("https://x.de/produkte", PageCategory.Products)]
    [InlineData("https://x.fr/produits", PageCategory.Products)]
    [InlineData("https://x.es/productos", PageCategory.Products)]
    [InlineData("https://x.de/loesungen", PageCategory.Solutions)]
    [InlineData("https://x.de/l%C3%B6sungen", PageCategory.Solutions)]
    [InlineData("https://x.de/leistungen", PageCategory.Services)]
    [InlineData("https://x.de/branchen", PageCategory.Industries)]
    [InlineData("https://x.fr/secteurs", PageCategory.Industries)]
    [InlineData("https://x.de/referenzen", PageCategory.Customers)]
    [InlineData("https://x.fr/clients", PageCategory.Customers)]
    [InlineData("https://x.de/karriere", PageCategory.Careers)]
    [InlineData("https://x.fr/emplois", PageCategory.Careers)]
    [InlineData("https://x.com/jobs", PageCategory.Careers)]
    [InlineData("https://x.de/kontakt", PageCategory.Contact)]
    [InlineData("https://x.es/contacto", PageCategory.Contact)]
    [InlineData("https://x.de/impressum", PageCategory.Legal)]
    [InlineData("https://x.com/en/imprint", PageCategory.Legal)]
    public void keywords_in_each_language_give_the_category(string url, PageCategory expected)
    {
        var rank = Rank(url);

        Assert.Equal(expected, rank.Category);
        Assert.False(rank.IsExcluded);
        Assert.True(rank.Score > 0);
    }

    [Fact]
    public void anchor_text_categorises_an_opaque_path_and_about_outranks_contact()
    {
        Assert.Equal(PageCategory.About, Rank("https://x.de/seite-12", "Über uns").Category);
        Assert.Equal(PageCategory.Other, Rank("https://x.de/blog/post-1", "Weiterlesen").Category);
        Assert.True(Rank("https://x.de/ueber-uns").Score > Rank("https://x.de/kontakt").Score);
        Assert.True(Rank("https://x.de/produkte").Score > Rank("https://x.de/a/b/c/produkte").Score);
    }

    [Theory]
    [InlineData("https://x.com/logo.png", "asset")]
    [InlineData("https://x.com/brochure.PDF", "asset")]
    [InlineData("https://x.com/site.css", "asset")]
    [InlineData("https://x.com/app.js", "asset")]
    [InlineData("https://x.com/wp-content/uploads/about.html", "asset")]
    [InlineData("https://x.com/login", "account")]
    [InlineData("https://x.de/warenkorb", "account")]
    [InlineData("https://x.com/cart", "account")]
    [InlineData("https://x.de/suche", "search")]
    [InlineData("https://x.com/?s=about", "search")]
    [InlineData("https://x.com/products?color=red&size=10", "query")]
    public void assets_login_cart_search_and_query_heavy_urls_are_excluded(string url, string reason) =>
        Assert.Equal(reason, Rank(url).Excluded);

    [Theory]
    [InlineData("https://www.example.com/", "https://example.com/about", true)]
    [InlineData("https://example.com/", "http://www.example.com/about", true)]
    [InlineData("https://example.com/", "https://jobs.example.com/", true)]
    [InlineData("https://example.com/", "https://example.com.evil.org/", false)]
    [InlineData("https://example.com/", "https://notexample.com/", false)]
    [InlineData("https://example.com/", "https://other.org/about", false)]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/about", true)]
    [InlineData("https://example.com/", "mailto:info@example.com", false)]
    public void same_site_ignores_www_and_allows_subdomains(string site, string candidate, bool expected) =>
        Assert.Equal(expected, PageRanking.IsSameSite(new Uri(site), new Uri(candidate)));
}
