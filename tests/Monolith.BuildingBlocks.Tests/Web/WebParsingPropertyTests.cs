using System.Text;
using CsCheck;
using Monolith.BuildingBlocks.Web;
using Monolith.BuildingBlocks.Web.Crawling;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web;

/// <summary>Generators of hostile text: arbitrary strings mixed with fragments of the format under test.</summary>
internal static class Hostile
{
    /// <summary>Arbitrary strings, and strings glued from <paramref name="tokens"/> (the format's own pieces).</summary>
    public static Gen<string> Text(params string[] tokens) => Gen.Frequency(
        (1, Gen.String),
        (1, Gen.String[Gen.Char, 0, 400]),
        (4, Gen.OneOf(tokens.Concat(["", " ", "\t", "\r\n", "\n", "\0", "\uFFFD", "\uD800", "é", "中", "🙂", "%", "%00", "%FF", "\\", "\"", "'", "<", ">", "&"]).ToArray())
            .Array[0, 40].Select(parts => string.Concat(parts))));

    public static Gen<byte[]> Bytes(params string[] tokens) => Gen.Frequency(
        (1, Gen.Byte.Array[0, 600]),
        (2, Text(tokens).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Select(Gen.OneOf<byte[]>([0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE], [], [0xFF]), Text(tokens).Select(Encoding.Latin1.GetBytes), (a, b) => a.Concat(b).ToArray())));
}

public class CompanyUrlPropertyTests
{
    private static readonly string[] UrlTokens =
    [
        "http://", "https://", "ftp://", "javascript:", "HTTP://", "www.", "Example", "example", ".com", ".de", ".", "..", "xn--", "bücher",
        "ÄÖÜ", "straße", "?", "&", "=", "#", "frag", "@", "user:pw@", ":", ":80", ":443", ":8080", ":99999", "/", "//", "/path", "%2F", "%20",
        "[::1]", "[", "]", "127.0.0.1", "utm_source=x", "UTM_Medium=y", "gclid=1", "fbclid=2", "ref=a", "a=1", "b=2", "_ga=3", "q=ü",
    ];

    private static readonly string[] TrackingNames = ["gclid", "fbclid", "msclkid", "dclid", "yclid", "gbraid", "wbraid", "_ga", "_gl", "ref", "igshid", "mkt_tok"];

    [Fact]
    public void never_throws_for_any_string() =>
        Hostile.Text(UrlTokens).Sample(input =>
        {
            var ok = CompanyUrl.TryParse(input, out var url, out var error);
            Assert.Equal(ok, url is not null);
            Assert.Equal(ok, error.Length == 0);
        }, iter: 2000);

    [Fact]
    public void an_accepted_url_is_canonical_and_parsing_its_canonical_form_gives_it_back() =>
        Hostile.Text(UrlTokens).Sample(input =>
        {
            if (!CompanyUrl.TryParse(input, out var url, out _)) return;
            var uri = url!.Value;
            Assert.True(uri.Scheme is "http" or "https", uri.AbsoluteUri);
            Assert.Equal("", uri.Fragment);
            Assert.Equal("", uri.UserInfo);
            Assert.Equal(uri.Host.ToLowerInvariant(), uri.Host);
            Assert.True(uri.Host.All(char.IsAscii), $"host {uri.Host} is not ASCII/punycode");
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = pair.Split('=')[0];
                Assert.DoesNotContain(name, TrackingNames, StringComparer.OrdinalIgnoreCase);
                Assert.False(new[] { "utm_", "mc_", "pk_", "hsa_" }.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)), uri.AbsoluteUri);
            }

            Assert.True(CompanyUrl.TryParse(url.ToString(), out var again, out var error), $"{url} no longer parses: {error}");
            Assert.Equal(url.ToString(), again!.ToString());
            Assert.Equal(url.Domain, again.Domain);
        }, iter: 2000);

    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 12]
        .Where(s => !s.StartsWith('-') && !s.EndsWith('-'));

    [Fact]
    public void equal_sites_with_permuted_query_parameters_and_tracking_canonicalise_equally() =>
        Gen.Select(
                Label, Gen.OneOf("com", "de", "co.uk", "ch"), Gen.OneOf("http", "https", "HTTPS"), Gen.Bool,
                Gen.Select(Gen.String[Gen.Char["abcdefghij"], 1, 6], Gen.String[Gen.Char["abc123ü-"], 0, 6]).Array[0, 6],
                Gen.OneOf(TrackingNames.Concat(["utm_source", "utm_campaign", "mc_eid", "pk_kwd", "hsa_acc"]).ToArray()).Array[0, 3],
                Gen.Int)
            .Sample((label, tld, scheme, upperHost, pairs, tracking, seed) =>
            {
                var host = $"{label}.{tld}";
                var distinct = pairs.DistinctBy(p => p.Item1).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}").ToList();
                var withTracking = distinct.Concat(tracking.Select(t => $"{t}=x")).ToList();
                var shuffled = withTracking.OrderBy(_ => new Random(seed).Next()).ToList();
                new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

                string Url(IEnumerable<string> query, string h) => $"{scheme}://{h}/?{string.Join('&', query)}#section";
                Assert.True(CompanyUrl.TryParse(Url(distinct, host), out var plain, out var e1), e1);
                Assert.True(CompanyUrl.TryParse(Url(shuffled, upperHost ? host.ToUpperInvariant() : host), out var permuted, out var e2), e2);
                Assert.Equal(plain!.ToString(), permuted!.ToString());
            }, iter: 1000);

    [Fact]
    public void only_http_and_https_are_accepted() =>
        Gen.Select(Gen.OneOf("ftp", "file", "mailto", "javascript", "data", "ws", "gopher", "ssh"), Label)
            .Sample((scheme, label) => Assert.False(CompanyUrl.TryParse($"{scheme}://{label}.com/", out _, out _)));

    [Fact]
    public void internationalised_hosts_become_punycode() =>
        Gen.String[Gen.Char["abcäöüßéèñ中文"], 1, 10].Sample(label =>
        {
            if (!CompanyUrl.TryParse($"https://{label}.de/", out var url, out _)) return;
            Assert.True(url!.Value.Host.All(c => char.IsAscii(c) && !char.IsAsciiLetterUpper(c)), url.Value.Host);
        });
}

public class CountryPropertyTests
{
    [Fact]
    public void never_throws_for_any_string() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char, 0, 4], Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz 01-_\u0130\u0131"], 0, 4])
            .Sample(input =>
            {
                var ok = Country.TryParse(input, out var country, out var error);
                Assert.Equal(ok, country is not null);
                Assert.Equal(ok, error.Length == 0);
            }, iter: 3000);

    [Fact]
    public void accepted_codes_round_trip_and_name_a_three_letter_currency() =>
        Gen.Select(Gen.Char['A', 'Z'], Gen.Char['A', 'Z'], Gen.Bool, Gen.Bool).Sample((a, b, lower, padded) =>
        {
            var code = $"{a}{b}";
            var input = lower ? code.ToLowerInvariant() : code;
            if (padded) input = $"  {input}\t";
            if (!Country.TryParse(input, out var country, out _)) { Assert.False(Country.TryParse(code, out _, out _)); return; }
            Assert.Equal(code, country!.Code);
            Assert.Matches("^[A-Z]{3}$", country.Currency);
            Assert.True(Country.TryParse(country.Code, out var again, out _));
            Assert.Equal(country, again);
        }, iter: 2000);
}

public class PageRequestPropertyTests
{
    private static readonly Gen<int?> Number = Gen.Frequency(
        (1, Gen.Const((int?)null)),
        (3, Gen.Int[-5, 300].Select(i => (int?)i)),
        (1, Gen.OneOf<int?>(int.MinValue, int.MaxValue, int.MaxValue / 200 + 1, 0, 1, 200, 201)),
        (1, Gen.Int.Select(i => (int?)i)));

    [Fact]
    public void never_throws_and_a_valid_request_is_always_in_range() =>
        Gen.Select(Number, Number).Sample((page, size) =>
        {
            var ok = PageRequest.TryCreate(page, size, out var request, out var errors);
            Assert.Equal(ok, errors.Count == 0);
            Assert.InRange(request.Page, 1, int.MaxValue);
            Assert.InRange(request.PageSize, 1, PageRequest.MaxPageSize);
            if (!ok) return;
            Assert.Equal(page ?? 1, request.Page);
            Assert.Equal(size ?? PageRequest.DefaultPageSize, request.PageSize);
            Assert.True(request.Skip >= 0, $"page {request.Page} × size {request.PageSize} gives a negative skip {request.Skip}");
        }, iter: 5000);

    [Theory]
    [InlineData(int.MaxValue, null)]
    [InlineData(int.MaxValue / 200 + 2, 200)]
    public void a_page_whose_skip_would_overflow_is_refused(int page, int? size)
    {
        Assert.False(PageRequest.TryCreate(page, size, out _, out var errors));
        Assert.True(errors.ContainsKey("page"));
    }

    [Fact]
    public void errors_name_the_parameter_that_is_out_of_range() =>
        Gen.Select(Number, Number).Sample((page, size) =>
        {
            PageRequest.TryCreate(page, size, out _, out var errors);
            if (size is < 1 or > PageRequest.MaxPageSize) Assert.True(errors.ContainsKey("pageSize"));
            if (page is < 1) Assert.True(errors.ContainsKey("page"));
            Assert.All(errors.Keys, k => Assert.Contains(k, new[] { "page", "pageSize" }));
        });
}

public class RobotsAndSitemapPropertyTests
{
    private static readonly string[] RobotsTokens =
    [
        "User-agent:", "user-agent: *", "User-agent: MonolithBot", "Disallow:", "Allow:", "Disallow: /", "Allow: /public", "Disallow: /*.pdf$",
        "Sitemap:", "Sitemap: https://example.com/sitemap.xml", "Crawl-delay: 10", "#", "*", "$", "/", "/a", "?", "%2F", "%", "%E4", ":", "\uFEFF",
    ];

    [Fact]
    public void robots_txt_never_throws_and_answers_for_any_path() =>
        Gen.Select(Hostile.Text(RobotsTokens), Hostile.Text("/", "/a", "*", "$", "%", "%2f", "?q=1", "/robots.txt")).Sample((content, path) =>
        {
            var robots = RobotsTxt.Parse(content);
            Assert.True(robots.Sitemaps.Count <= content.Length);
            _ = robots.IsAllowed("MonolithBot", path);
            _ = robots.IsAllowed("*", path);
            if (Uri.TryCreate(path, UriKind.RelativeOrAbsolute, out var uri)) _ = robots.IsAllowed("MonolithBot", uri);
        }, iter: 2000);

    [Theory]
    [InlineData("/\uD800x\uFFFD")]
    [InlineData("/a\uD83D")]
    public void a_lone_surrogate_in_a_path_or_rule_is_percent_encoded_not_a_crash(string path)
    {
        var robots = RobotsTxt.Parse($"User-agent: *\nDisallow: {path}\n");
        Assert.False(robots.IsAllowed("MonolithBot", path));
        Assert.StartsWith("/", RobotsTxt.NormalizePattern(path), StringComparison.Ordinal);
    }

    [Fact]
    public void an_empty_rule_set_allows_everything_and_disallow_all_allows_only_robots_txt() =>
        Hostile.Text("/", "/a", "*", "$", "%", "?").Sample(path =>
        {
            Assert.True(RobotsTxt.AllowAll.IsAllowed("MonolithBot", path));
            var normalised = string.IsNullOrEmpty(path) ? "/" : RobotsTxt.NormalizePattern(path);
            Assert.Equal(normalised == "/robots.txt", RobotsTxt.DisallowAll.IsAllowed("MonolithBot", path));
        });

    private static readonly string[] SitemapTokens =
    [
        "<?xml version=\"1.0\"?>", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", "<urlset>", "</urlset>", "<sitemapindex>",
        "</sitemapindex>", "<url>", "</url>", "<sitemap>", "</sitemap>", "<loc>", "</loc>", "<lastmod>", "</lastmod>", "https://example.com/a",
        "http://example.com/b?x=1&amp;y=2", "ftp://example.com/", "/relative", "2024-01-01", "2024-13-45T99:00:00Z", "<!DOCTYPE x [<!ENTITY e \"e\">]>",
        "&e;", "&amp;", "&#0;", "<![CDATA[https://example.com/c]]>", "<!-- c -->", "<x:loc>",
    ];

    [Fact]
    public void sitemaps_never_throw_and_never_exceed_the_entry_limit() =>
        Gen.Select(Hostile.Text(SitemapTokens), Gen.Int[1, 5]).Sample((xml, max) =>
        {
            var doc = SitemapParser.Parse(xml, max);
            Assert.True(doc.Entries.Count <= max);
            Assert.All(doc.Entries, e => Assert.True(e.Location.IsAbsoluteUri && e.Location.Scheme is "http" or "https", e.Location.ToString()));
            if (doc.Kind == SitemapKind.Unknown) Assert.Empty(doc.Entries);
        }, iter: 3000);

    [Fact]
    public void a_generated_urlset_is_read_back_entirely() =>
        Gen.String[Gen.Char["abcdefgh0123-"], 1, 10].Array[0, 30].Sample(paths =>
        {
            var xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + string.Concat(paths.Select(p => $"<url><loc>https://example.com/{p}</loc></url>")) + "</urlset>";
            var doc = SitemapParser.Parse(xml, 1000);
            Assert.Null(doc.Error);
            Assert.Equal(paths.Select(p => $"https://example.com/{p}"), doc.Entries.Select(e => e.Location.AbsoluteUri));
        });
}

public class CharsetAndLinksPropertyTests
{
    private static readonly string[] CharsetTokens =
    [
        "<meta charset=\"", "<meta charset=", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=", "<?xml version=\"1.0\" encoding=\"",
        "utf-8", "UTF-16", "iso-8859-1", "windows-1252", "shift_jis", "x-user-defined", "replacement", "utf-7", "bogus", "\"", "'", ">", "?>",
    ];

    private static readonly Gen<string?> Label = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (2, Gen.OneOf<string?>("utf-8", "UTF-16", "\"iso-8859-1\"", "latin1", "windows-1252", "gb2312", "shift_jis", "utf-7", "utf-32", "x-user-defined", "replacement", "", " ", "'", "unicode-1-1-utf-8")),
        (1, Gen.String.Select(s => (string?)s)));

    [Fact]
    public void detection_and_decoding_never_throw() =>
        Gen.Select(Hostile.Bytes(CharsetTokens), Label).Sample((bytes, label) =>
        {
            var detected = CharsetDetector.Detect(bytes, label);
            Assert.InRange(detected.PreambleLength, 0, bytes.Length);
            Assert.False(string.IsNullOrEmpty(detected.Charset));
            _ = CharsetDetector.Decode(bytes, label, out var again);
            Assert.Equal(detected, again);
        }, iter: 2000);

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    public void a_disabled_encoding_is_refused_not_a_crash(string label)
    {
        Assert.False(CharsetDetector.TryGetEncoding(label, out _, out _));
        Assert.Equal(CharsetSource.Default, CharsetDetector.Detect("<meta charset=\"utf-7\">"u8, label).Source);
    }

    [Fact]
    public void any_label_either_names_an_encoding_or_is_refused() =>
        Hostile.Text("utf-8", "utf8", "latin1", "\"", "'", "-", "_", "iso-8859-", "windows-", "cp", "1252", "16", "32").Sample(label =>
        {
            if (CharsetDetector.TryGetEncoding(label, out var encoding, out var name))
            {
                Assert.NotNull(encoding);
                Assert.False(string.IsNullOrEmpty(name));
            }
        }, iter: 2000);

    private static readonly string[] HtmlTokens =
    [
        "<a href=\"", "<a href='", "<a href=", "<A HREF=", "\">", "'>", ">", "</a>", "<a>", "<base href=\"", "<meta name=\"robots\" content=\"", "noindex",
        "nofollow", "none", "rel=\"nofollow\"", "http://", "https://", "//", "javascript:alert(1)", "mailto:x@y", "data:text/html,x", "example.com",
        "/path", "../up", "?q=1", "#frag", "%zz", "[::1]", "http://[", "<!--", "-->", "<script>", "</script>", "<style>", "<img alt=\"", "&amp;", "&#x0;",
        "title=\"", "aria-label=\"", "\"", "'", "=", " ",
    ];

    private static readonly Gen<Uri> BaseUri = Gen.OneOf(
        new Uri("https://example.com/"), new Uri("http://example.com/a/b/c?x=1"), new Uri("https://xn--bcher-kva.de/"), new Uri("http://127.0.0.1:8080/"));

    [Fact]
    public void link_extraction_never_throws_and_yields_only_bounded_distinct_http_links() =>
        Gen.Select(Hostile.Text(HtmlTokens), BaseUri).Sample((html, baseUri) =>
        {
            var set = HtmlLinks.Extract(html, baseUri);
            Assert.True(set.Links.Count <= 5_000);
            Assert.All(set.Links, l =>
            {
                Assert.True(l.Url.IsAbsoluteUri && l.Url.Scheme is "http" or "https", l.Url.ToString());
                Assert.Equal("", l.Url.Fragment);
            });
            Assert.Equal(set.Links.Count, set.Links.Select(l => l.Url).Distinct().Count());
            Assert.True(set.BaseUri.Scheme is "http" or "https");
        }, iter: 2000);

    [Fact]
    public void link_extraction_is_bounded_on_huge_pages() =>
        Gen.Int[5_001, 7_000].Sample(count =>
        {
            var html = string.Concat(Enumerable.Range(0, count).Select(i => $"<a href=\"/p{i}\">p{i}</a>"));
            Assert.Equal(5_000, HtmlLinks.Extract(html, new Uri("https://example.com/")).Links.Count);
        }, iter: 3);
}
