using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web;

public sealed class RobotsTxtTests
{
    // RFC 9309 §5.1 example.
    private const string RfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        Sitemap: https://www.example.com/sitemap.xml
        """;

    [Theory]
    [InlineData("foobot", "/example/page.html", true)]
    [InlineData("foobot", "/example/allowed.gif", true)]
    [InlineData("foobot", "/other", false)]
    [InlineData("FooBot", "/other", false)]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("barbot", "/example/other.html", true)]
    [InlineData("quxbot", "/anything.gif", true)]
    [InlineData("otherbot", "/example/x", false)]
    [InlineData("otherbot", "/a/b.gif", false)]
    [InlineData("otherbot", "/a/b.gif?x", true)]
    [InlineData("otherbot", "/publications/x", true)]
    [InlineData("otherbot", "/robots.txt", true)]
    public void rfc_example(string agent, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(RfcExample).IsAllowed(agent, path));

    [Fact]
    public void sitemaps_are_collected() =>
        Assert.Equal(["https://www.example.com/sitemap.xml"], RobotsTxt.Parse(RfcExample).Sitemaps);

    [Theory]
    // RFC 9309 §2.2.2 longest match; allow wins a tie.
    [InlineData("allow: /p\ndisallow: /", "/page", true)]
    [InlineData("allow: /folder\ndisallow: /folder", "/folder/page", true)]
    [InlineData("allow: /page\ndisallow: /*.htm", "/page.htm", false)]
    [InlineData("allow: /$\ndisallow: /", "/", true)]
    [InlineData("allow: /$\ndisallow: /", "/page.htm", false)]
    [InlineData("disallow: /fish", "/fish", false)]
    [InlineData("disallow: /fish", "/fish.html", false)]
    [InlineData("disallow: /fish", "/Fish.asp", true)]
    [InlineData("disallow: /fish*", "/fishheads/yummy.html", false)]
    [InlineData("disallow: /*.php$", "/filename.php", false)]
    [InlineData("disallow: /*.php$", "/filename.php?params", true)]
    [InlineData("disallow: /*.php$", "/filename.php5", true)]
    [InlineData("disallow: /fish*.php", "/fishheads/catfish.php?parameters", false)]
    [InlineData("disallow: /*/b/*/d", "/a/b/c/d", false)]
    [InlineData("disallow: /ä", "/%C3%A4", false)]
    [InlineData("disallow: /%c3%a4", "/%C3%A4x", false)]
    [InlineData("disallow:", "/anything", true)]
    public void matching(string rules, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse("user-agent: *\n" + rules).IsAllowed("MonolithBot", path));

    [Fact]
    public void groups_for_the_same_agent_are_merged_and_rules_before_a_group_ignored()
    {
        var robots = RobotsTxt.Parse("disallow: /x\nuser-agent: monolithbot\ndisallow: /a\n\ncrawl-delay: 3\nuser-agent: other\ndisallow: /b\nuser-agent: MonolithBot/2.0\ndisallow: /c\n");

        Assert.False(robots.IsAllowed("MonolithBot", "/a"));
        Assert.False(robots.IsAllowed("MonolithBot", "/c"));
        Assert.True(robots.IsAllowed("MonolithBot", "/x"));
        Assert.True(robots.IsAllowed("MonolithBot", "/b"));
    }

    [Fact]
    public void allow_all_and_disallow_all()
    {
        Assert.True(RobotsTxt.AllowAll.IsAllowed("MonolithBot", "/anything"));
        Assert.False(RobotsTxt.DisallowAll.IsAllowed("MonolithBot", "/anything"));
        Assert.True(RobotsTxt.DisallowAll.IsAllowed("MonolithBot", "/robots.txt"));
        Assert.True(RobotsTxt.Parse("").IsAllowed("MonolithBot", "/x"));
    }

    [Theory]
    [InlineData(200, null, RobotsAvailability.Rules)]
    [InlineData(404, null, RobotsAvailability.Missing)]
    [InlineData(403, null, RobotsAvailability.Missing)]
    [InlineData(429, null, RobotsAvailability.Unreachable)]
    [InlineData(503, null, RobotsAvailability.Unreachable)]
    [InlineData(0, "timeout", RobotsAvailability.Unreachable)]
    public void availability_follows_rfc_9309(int status, string? error, RobotsAvailability expected)
    {
        var url = new Uri("https://example.com/robots.txt");
        var page = new FetchedPage(url, url, status, "text/plain", "utf-8", "user-agent: *\ndisallow: /", 0, "", DateTimeOffset.UnixEpoch, TimeSpan.Zero, error);
        Assert.Equal(expected, RobotsFile.From(page).Availability);
    }
}
