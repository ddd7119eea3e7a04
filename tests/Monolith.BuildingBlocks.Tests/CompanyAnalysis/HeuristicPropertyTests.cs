using CsCheck;
using Monolith.BuildingBlocks.Tests.Web;
using Monolith.BuildingBlocks.Text;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis;

/// <summary>The heuristic analyzer's rules never throw on arbitrary text, HTML or JSON-LD, and keep their ranges consistent.</summary>
public sealed class HeuristicPropertyTests
{
    private static readonly string[] EmployeeTokens =
    [
        "employees", "Mitarbeiter", "Mitarbeitende", "salariés", "empleados", "dipendenti", "team of", "over", "more than", "über", "mehr als", "plus de",
        "about", "around", "ca.", "1", "12", "40", "200", "1.200", "1,200", "1 200", "10.000", "99999999", "2147483647", "0", "-", "–", "to", "bis",
        "between", "and", "+", "k", "million", "people", "staff", "careers", "jobs", "open positions", "we are hiring", " ", ".", "\n",
    ];

    private static readonly string[] JsonTokens =
    [
        "{", "}", "[", "]", ",", ":", "\"@type\"", "\"Organization\"", "\"Corporation\"", "\"LocalBusiness\"", "\"@graph\"", "\"@context\"",
        "\"numberOfEmployees\"", "\"value\"", "\"minValue\"", "\"maxValue\"", "\"name\"", "\"Acme\"", "\"logo\"", "\"url\"", "\"/logo.png\"",
        "1", "0", "-1", "2147483647", "2147483648", "1e309", "\"12\"", "\"1.200\"", "\"many\"", "null", "true", "\"sameAs\"", "\"address\"",
        "\"addressCountry\"", "\"DE\"", "\"telephone\"", "\"+49 30 1234567\"", "//", "/*", "*/",
    ];

    private static readonly string[] HtmlTokens =
    [
        "<html>", "<head>", "<body>", "</body>", "<title>", "</title>", "<h1>", "</h1>", "<h2>", "<p>", "</p>", "<nav>", "<footer>", "<a href=\"",
        "\">", "</a>", "<img src=\"/logo.png\" alt=\"logo\" class=\"logo\">", "<meta name=\"description\" content=\"", "<meta property=\"og:site_name\" content=\"",
        "<link rel=\"icon\" href=\"", "<link rel=\"alternate\" hreflang=\"de\" href=\"", "<html lang=\"", "<script type=\"application/ld+json\">", "</script>",
        "<form>", "mailto:info@example.com", "tel:+4930123456", "https://www.linkedin.com/company/acme", "GmbH", "Acme", "Software", "manufacturing",
        "Kunden", "customers", "clinics", "enterprise", "SMB", "Impressum", "USt-IdNr. DE123456789", "Deutschland", "+49 (0)30 123 45 67",
    ];

    private static Gen<string> EmployeeText => Hostile.Text(EmployeeTokens);
    private static Gen<string> JsonText => Hostile.Text(JsonTokens);
    private static Gen<string> Html => Gen.Frequency(
        (3, Hostile.Text(HtmlTokens.Concat(EmployeeTokens).ToArray())),
        (1, Gen.Select(JsonText, EmployeeText, (json, text) => $"<html><head><script type=\"application/ld+json\">{json}</script></head><body><p>{text}</p></body></html>")));

    private static readonly Gen<string> Category = Gen.OneOf("Home", "About", "Careers", "Legal", "Contact", "Products", "Other", "");

    private static SitePage Page(string html, string category, int i = 0) =>
        new(new Uri($"https://www.acme.example.de/p{i}"), category, "text/html", html, Hashing.Sha256Hex(html));

    private static void InRange(EmployeeMention m)
    {
        Assert.True(m.Low > 0 && m.Low <= m.Estimate && m.Estimate <= m.High, $"{m.Low} ≤ {m.Estimate} ≤ {m.High} ({m.Method}) from {m.Evidence.Snippet}");
        Assert.InRange(m.Confidence, 0, 1);
    }

    [Fact]
    public void employee_numbers_never_throw_and_are_positive() =>
        EmployeeText.Sample(text =>
        {
            if (EmployeeRules.ParseNumber(text) is { } n) Assert.True(n > 0);
        }, iter: 3000);

    [Fact]
    public void json_ld_parsing_never_throws() =>
        JsonText.Sample(json =>
        {
            foreach (var element in JsonLd.Parse(json))
            {
                _ = JsonLd.Types(element);
                _ = JsonLd.IsOrganization(element);
                _ = JsonLd.String(element, "name");
                _ = JsonLd.Strings(element, "sameAs");
                _ = JsonLd.Values(element, "address");
            }
        }, iter: 3000);

    [Fact]
    public void json_ld_with_a_lone_surrogate_is_ignored_not_a_crash() =>
        Assert.Empty(JsonLd.Parse("{\"@type\":\"Organization\",\"name\":\"\uD800\"}"));

    [Theory]
    [InlineData("\"value\":1183,\"maxValue\":933", 1183, 1183)]   // a bound contradicting the stated value yields to it
    [InlineData("\"value\":10,\"minValue\":50", 10, 10)]
    [InlineData("\"minValue\":500,\"maxValue\":10", 10, 500)]
    [InlineData("\"minValue\":1500000000", 1500000000, int.MaxValue)]
    public void contradictory_or_huge_number_of_employees_gives_an_ordered_range(string quantity, int low, int high)
    {
        var html = $"<html><head><script type=\"application/ld+json\">{{\"@type\":\"Organization\",\"numberOfEmployees\":{{{quantity}}}}}</script></head></html>";
        var mention = EmployeeRules.FromJsonLd(ParsedPage.Parse(Page(html, "About")))!;
        Assert.Equal((low, high), (mention.Low, mention.High));
        InRange(mention);
    }

    [Fact]
    public void deeply_nested_json_ld_is_ignored_not_a_crash() =>
        Gen.Int[30, 5_000].Sample(depth =>
        {
            _ = JsonLd.Parse(new string('[', depth) + new string(']', depth));
            _ = JsonLd.Parse(string.Concat(Enumerable.Repeat("{\"@graph\":", depth)) + "1" + new string('}', depth));
        }, iter: 30);

    [Fact]
    public void employee_phrases_in_any_text_never_throw_and_give_consistent_ranges() =>
        Gen.Select(EmployeeText, Category).Sample((text, category) =>
        {
            var page = ParsedPage.Parse(Page($"<html><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>", category));
            foreach (var mention in EmployeeRules.FromText(page)) InRange(mention);
        }, iter: 2000);

    [Fact]
    public void number_of_employees_in_json_ld_gives_a_consistent_range() =>
        Gen.Select(JsonCount, JsonCount, JsonCount).Sample((value, min, max) =>
        {
            var json = $"{{\"@type\":\"Organization\",\"name\":\"Acme\",\"numberOfEmployees\":{{\"@type\":\"QuantitativeValue\"{value.Prefix("value")}{min.Prefix("minValue")}{max.Prefix("maxValue")}}}}}";
            var page = ParsedPage.Parse(Page($"<html><head><script type=\"application/ld+json\">{json}</script></head><body></body></html>", "About"));
            if (EmployeeRules.FromJsonLd(page) is { } mention) InRange(mention);
        }, iter: 3000);

    private sealed record Count(string? Json)
    {
        public string Prefix(string name) => Json is null ? "" : $",\"{name}\":{Json}";
    }

    private static readonly Gen<Count> JsonCount = Gen.Frequency(
        (2, Gen.Const(new Count(null))),
        (3, Gen.Int[1, 5_000].Select(i => new Count(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        (1, Gen.OneOf(new Count("2147483647"), new Count("1500000000"), new Count("\"9999999\""), new Count("0"), new Count("-5"), new Count("\"1.200\""), new Count("\"x\""))));

    [Fact]
    public void the_whole_heuristic_analysis_never_throws_on_arbitrary_pages() =>
        Gen.Select(Html, Category).Array[1, 3].Sample(pages =>
        {
            var parsed = pages.Select((p, i) => ParsedPage.Parse(Page(p.Item1, p.Item2, i))).ToList();
            var profile = HeuristicCompanyAnalyzer.Profile(parsed);
            var proposition = HeuristicCompanyAnalyzer.ValueProposition(parsed, profile);
            var clusters = ClusterRules.Clusters(parsed, profile, proposition);
            var employees = EmployeeRules.Estimate(parsed, profile.Industry?.Value);
            var spend = SpendRules.LikelySpend(parsed, profile.Industry?.Value);

            Assert.True(employees.Low > 0 && employees.Low <= employees.Estimate && employees.Estimate <= employees.High,
                $"{employees.Low} ≤ {employees.Estimate} ≤ {employees.High} ({employees.Method})");
            Assert.InRange(employees.Confidence, 0, 1);
            Assert.All(spend, s => Assert.InRange(s.Likelihood, 0, 1));
            Assert.All(clusters, c => Assert.False(string.IsNullOrWhiteSpace(c.Id)));
            _ = LanguageDetector.Detect(parsed[0].Text);
        }, iter: 300);

    [Fact]
    public void the_analysis_is_deterministic() =>
        Gen.Select(Html, Category).Sample((html, category) =>
        {
            IReadOnlyList<ParsedPage> Parse() => [ParsedPage.Parse(Page(html, category))];
            var a = HeuristicCompanyAnalyzer.Profile(Parse());
            var b = HeuristicCompanyAnalyzer.Profile(Parse());
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
        }, iter: 100);
}
