using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web;

public sealed class SitemapParserTests
{
    [Fact]
    public void urlset_entries_with_lastmod()
    {
        var document = SitemapParser.Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://example.com/</loc><lastmod>2024-05-01</lastmod><priority>0.8</priority></url>
              <url><loc> https://example.com/about </loc></url>
              <url><loc>ftp://example.com/file</loc></url>
              <url><loc>/relative</loc></url>
              <url><loc><![CDATA[https://example.com/a?b=1&c=2]]></loc><lastmod>2024-05-01T10:00:00+02:00</lastmod></url>
            </urlset>
            """, 100);

        Assert.Equal(SitemapKind.UrlSet, document.Kind);
        Assert.Null(document.Error);
        Assert.Equal(["https://example.com/", "https://example.com/about", "https://example.com/a?b=1&c=2"],
            document.Entries.Select(e => e.Location.OriginalString));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), document.Entries[0].LastModified);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero), document.Entries[2].LastModified);
    }

    [Fact]
    public void sitemap_index()
    {
        var document = SitemapParser.Parse("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://example.com/s1.xml</loc></sitemap>
              <sitemap><loc>https://example.com/s2.xml</loc></sitemap>
            </sitemapindex>
            """, 100);

        Assert.Equal(SitemapKind.Index, document.Kind);
        Assert.Equal(2, document.Entries.Count);
    }

    [Fact]
    public void entries_are_bounded()
    {
        var xml = "<urlset>" + string.Concat(Enumerable.Range(0, 50).Select(i => $"<url><loc>https://example.com/{i}</loc></url>")) + "</urlset>";
        var document = SitemapParser.Parse(xml, 10);
        Assert.Equal(10, document.Entries.Count);
        Assert.True(document.Truncated);
    }

    [Fact]
    public void external_entities_are_refused()
    {
        var document = SitemapParser.Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <urlset><url><loc>https://example.com/&xxe;</loc></url></urlset>
            """, 10);

        Assert.Empty(document.Entries);
        Assert.StartsWith("invalid-xml", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void broken_xml_keeps_what_was_read_and_foreign_roots_are_rejected()
    {
        var broken = SitemapParser.Parse("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://exa", 10);
        Assert.Single(broken.Entries);
        Assert.NotNull(broken.Error);

        var html = SitemapParser.Parse("<html><body>not found</body></html>", 10);
        Assert.Equal(SitemapKind.Unknown, html.Kind);
        Assert.NotNull(html.Error);
    }
}
