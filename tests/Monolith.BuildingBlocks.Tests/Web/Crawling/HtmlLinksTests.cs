using Monolith.BuildingBlocks.Web.Crawling;

namespace Monolith.BuildingBlocks.Tests.Web.Crawling;

public sealed class HtmlLinksTests
{
    private static readonly Uri Page = new("https://www.example.com/de/start.html");

    [Fact]
    public void relative_links_resolve_against_the_page_and_fragments_are_dropped()
    {
        var set = HtmlLinks.Extract("<a href=\"ueber-uns#team\">Über&nbsp;uns</a> <a href='/kontakt'>Kontakt</a> <a href=#top>Top</a>", Page);

        Assert.Equal(["https://www.example.com/de/ueber-uns", "https://www.example.com/kontakt"], set.Links.Select(l => l.Url.AbsoluteUri));
        Assert.Equal("Über uns", set.Links[0].Text);
    }

    [Fact]
    public void base_href_changes_the_resolution_base()
    {
        var set = HtmlLinks.Extract("<head><base href=\"https://www.example.com/en/\"></head><a href=about>About</a>", Page);

        Assert.Equal(new Uri("https://www.example.com/en/about"), Assert.Single(set.Links).Url);
        Assert.Equal(new Uri("https://www.example.com/en/"), set.BaseUri);
    }

    [Fact]
    public void junk_schemes_comments_and_scripts_are_ignored()
    {
        var set = HtmlLinks.Extract(
            "<a href=\"javascript:void(0)\">x</a><a href=\"mailto:a@b.c\">m</a><a href=\"tel:+49\">t</a><a href=\"ftp://x.y/\">f</a>" +
            "<!-- <a href=\"/hidden\">h</a> --><script>var s='<a href=\"/js\">j</a>';</script><a href=\"https://other.org/p\">ok</a>", Page);

        Assert.Equal(new Uri("https://other.org/p"), Assert.Single(set.Links).Url);
    }

    [Fact]
    public void nofollow_is_flagged_and_image_alt_is_the_text()
    {
        var set = HtmlLinks.Extract("<a rel=\"sponsored nofollow\" href=/ad>Ad</a><a href=/produkte><img src=p.png alt=\"Produkte\"></a>", Page);

        Assert.True(set.Links[0].NoFollow);
        Assert.False(set.Links[1].NoFollow);
        Assert.Equal("Produkte", set.Links[1].Text);
    }

    [Fact]
    public void duplicate_links_keep_one_entry_and_nofollow_only_when_every_occurrence_says_so()
    {
        var set = HtmlLinks.Extract("<a href=/a rel=nofollow></a><a href=/a>A</a>", Page);

        var link = Assert.Single(set.Links);
        Assert.False(link.NoFollow);
        Assert.Equal("A", link.Text);
    }

    [Theory]
    [InlineData("<meta name=\"robots\" content=\"noindex, nofollow\">", true, true)]
    [InlineData("<meta content='none' name='ROBOTS'>", true, true)]
    [InlineData("<meta name=\"robots\" content=\"index,follow\">", false, false)]
    [InlineData("<meta name=\"description\" content=\"noindex\">", false, false)]
    public void meta_robots_is_detected(string head, bool noIndex, bool noFollow)
    {
        var set = HtmlLinks.Extract($"<html><head>{head}</head></html>", Page);

        Assert.Equal(noIndex, set.NoIndex);
        Assert.Equal(noFollow, set.NoFollow);
    }
}
