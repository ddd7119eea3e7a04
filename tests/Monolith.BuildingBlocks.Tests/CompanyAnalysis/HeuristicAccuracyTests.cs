using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Web.Crawling;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;
using Monolith.Testing.CompanySites;
using Xunit.Abstractions;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis;

/// <summary>
/// Crawls every fixture company website with the real crawler and fetcher, runs the heuristic analyzer and compares
/// with the site's <c>expected.json</c> field by field. Prints the accuracy table; the floors sit just below what it measures.
/// </summary>
public sealed class HeuristicAccuracyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private CompanySitesServer _sites = null!;

    public async Task InitializeAsync() => _sites = await CompanySitesServer.StartAsync();

    public async Task DisposeAsync() => await _sites.DisposeAsync();

    private ServiceProvider Services()
    {
        var settings = new Dictionary<string, string?>(_sites.HostAddressSettings())
        {
            ["Resilience:Dependencies:WebFetch:MaxRetryAttempts"] = "0",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCaching(configuration);
        services.AddWebFetching();
        services.AddHeuristicCompanyAnalyzer();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The crawl as the analysis steps receive it (categories in lower case, as <c>CompanySiteScanner</c> records them).</summary>
    public static SiteContent ToSiteContent(Uri homepage, CrawlResult crawl) => new(homepage, "",
        crawl.Pages.Select(p => new SitePage(p.FinalUrl, crawl.Categories.GetValueOrDefault(p.RequestedUrl, PageCategory.Other).ToString().ToLowerInvariant(),
            p.ContentType ?? "text/html", p.Text, p.ContentHash)).ToList());

    private sealed record Score(string Field, int Hits, int Total)
    {
        public double Rate => Total == 0 ? 1 : (double)Hits / Total;
    }

    [Fact]
    public async Task the_heuristic_analyzer_reads_the_fixture_sites_with_measured_accuracy()
    {
        await using var provider = Services();
        var crawler = provider.GetRequiredService<SiteCrawler>();
        var analyzer = provider.GetRequiredService<HeuristicCompanyAnalyzer>();
        var tally = new Dictionary<string, (int Hits, int Total)>(StringComparer.Ordinal);
        var details = new StringBuilder();
        void Count(string host, string field, bool hit, object? actual, object? expected)
        {
            var (hits, total) = tally.GetValueOrDefault(field);
            tally[field] = (hits + (hit ? 1 : 0), total + 1);
            if (!hit) details.AppendLine(CultureInfo.InvariantCulture, $"  {host,-26} {field,-18} got {Show(actual)}; expected {Show(expected)}");
        }

        foreach (var host in CompanySitesServer.Hosts)
        {
            using var expected = JsonDocument.Parse(CompanySitesServer.ExpectedJson(host));
            var want = expected.RootElement;
            var home = _sites.UrlOf(host);
            var crawl = await crawler.CrawlAsync(home);
            if (want.TryGetProperty("blocked", out _))
            {
                Assert.StartsWith("robots", crawl.Error, StringComparison.Ordinal);
                Assert.Equal(0, _sites.RequestCount(host, "/"));
                continue;
            }
            Assert.True(crawl.IsSuccess, $"{host}: {crawl.Error}");
            var site = ToSiteContent(home, crawl);
            var profile = (await analyzer.ProfileAsync(site, CancellationToken.None)).Output;
            var proposition = (await analyzer.ValuePropositionAsync(site, profile, CancellationToken.None)).Output;
            var clusters = (await analyzer.ClustersAsync(site, profile, proposition, CancellationToken.None)).Output;
            var employees = (await analyzer.EmployeesAsync(site, profile, CancellationToken.None)).Output;
            var spend = (await analyzer.SpendCategoriesAsync(site, profile, CancellationToken.None)).Output;
            output.WriteLine($"{host}: {crawl.Pages.Count} pages; name={profile.CompanyName?.Value}; industry={profile.Industry?.Value.Code}; country={profile.Country?.Value}; employees={employees.Low}-{employees.High} ({employees.Method}); offerings={string.Join(" / ", proposition.Offerings.Select(o => $"{o.Value.Name} [{o.Value.Kind}]"))}; clusters={string.Join(" / ", clusters.Select(c => c.Name))}; spend={string.Join(",", spend.Select(s => s.Code))}");

            var name = want.GetProperty("companyName").GetString()!;
            Count(host, "companyName", SameName(profile.CompanyName?.Value, name), profile.CompanyName?.Value, name);
            Count(host, "industry", profile.Industry?.Value.Code == want.GetProperty("industry").GetString(), profile.Industry?.Value.Code, want.GetProperty("industry").GetString());
            Count(host, "country", profile.Country?.Value == want.GetProperty("country").GetString(), profile.Country?.Value, want.GetProperty("country").GetString());
            var languages = Strings(want, "languages");
            Count(host, "languages", profile.Languages is { } l && l.Value.Order().SequenceEqual(languages.Order()), profile.Languages?.Value, languages);
            var logo = _sites.UrlOf(host, want.GetProperty("logoPath").GetString()!).AbsoluteUri;
            Count(host, "logoUrl", profile.LogoUrl?.Value == logo, profile.LogoUrl?.Value, logo);
            var socials = Strings(want, "socialProfiles");
            var gotSocials = profile.SocialProfiles?.Value.Select(s => s.Url).ToList() ?? [];
            Count(host, "socialProfiles", socials.All(s => gotSocials.Contains(s, StringComparer.OrdinalIgnoreCase)), gotSocials, socials);
            var emails = Strings(want, "emails");
            var gotContacts = profile.Contacts?.Value ?? [];
            Count(host, "emails", emails.All(e => gotContacts.Any(c => c.Kind == "email" && c.Value == e)), gotContacts.Where(c => c.Kind == "email").Select(c => c.Value), emails);
            var phones = Strings(want, "phones");
            Count(host, "phones", phones.All(p => gotContacts.Any(c => c.Kind == "phone" && Digits(c.Value).EndsWith(Digits(p)[^9..], StringComparison.Ordinal))), gotContacts.Where(c => c.Kind == "phone").Select(c => c.Value), phones);
            if (want.TryGetProperty("employees", out var range))
            {
                var (low, high) = (range.GetProperty("low").GetInt32(), range.GetProperty("high").GetInt32());
                Count(host, "employees", employees.Estimate >= low * 0.8 && employees.Estimate <= high * 1.25 && employees.Method != "default", $"{employees.Low}-{employees.High}~{employees.Estimate}", $"{low}-{high}");
            }
            var wantSpend = Strings(want, "spendCategories");
            var gotSpend = spend.Select(s => s.Code).ToList();
            Count(host, "spendCategories", wantSpend.Count(gotSpend.Contains) * 2 >= wantSpend.Count, gotSpend, wantSpend);
            var atLeast = want.GetProperty("offeringsAtLeast").GetInt32();
            Count(host, "offerings", proposition.Offerings.Count >= atLeast, proposition.Offerings.Count, $">= {atLeast}");
            var served = Strings(want, "industriesServed");
            if (served.Count > 0)
            {
                var gotServed = proposition.IndustriesServed.Select(i => i.Value.Code).ToList();
                Count(host, "industriesServed", served.Count(gotServed.Contains) * 2 >= served.Count, gotServed, served);
            }

            Assert.Equal("heuristic", profile.Analyzer);
            Assert.InRange(clusters.Count, 3, 8);
            Assert.InRange(spend.Count, 1, 8);
            Assert.All(profile.CompanyName?.Evidence ?? [], e => Assert.True(e.Snippet.Length <= 300));
        }

        var scores = tally.Select(t => new Score(t.Key, t.Value.Hits, t.Value.Total)).OrderBy(s => s.Field, StringComparer.Ordinal).ToList();
        output.WriteLine("");
        output.WriteLine($"{"field",-18} {"hits",5} {"sites",6} {"accuracy",9}");
        foreach (var score in scores) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Field,-18} {score.Hits,5} {score.Total,6} {score.Rate,9:P0}"));
        output.WriteLine("misses:");
        output.WriteLine(details.ToString());

        // Measured on the 12 fixture sites (see the table): every field at 92-100 %; the Dutch bakery's logo (a CSS
        // background) and spend are the known misses. Two more misses in one field fail.
        var below = scores.Where(s => s.Rate < 0.85).Select(s => $"{s.Field} {s.Rate:P0}").ToList();
        Assert.True(below.Count == 0, "below the floor: " + string.Join(", ", below));
        Assert.Equal(12, scores.Single(s => s.Field == "companyName").Total);

        // Nothing the robots.txt rules disallow was fetched, and robots.txt itself once per site.
        Assert.Equal(0, _sites.RequestCount("nordlicht-logistik.test", "/intern/preise"));
        Assert.Equal(0, _sites.RequestCount("villa-serena-hotels.test", "/prenotazioni/"));
        Assert.Equal(0, _sites.RequestCount("brightpath-it.test", "/en/customers"));
        Assert.All(CompanySitesServer.Hosts, h => Assert.True(_sites.RequestCount(h, "/robots.txt") <= 1, h));
    }

    private static bool SameName(string? actual, string expected)
    {
        if (actual is null) return false;
        static string Core(string name) => string.Join(' ', name.ToLowerInvariant()
            .Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("gmbh" or "ag" or "sas" or "s.l" or "sl" or "ltd" or "llc" or "inc" or "s.p.a" or "spa" or "s" or "l" or "p" or "a")));
        return Core(actual) == Core(expected);
    }

    private static List<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [];

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object>()) + "]",
        _ => value.ToString() ?? "",
    };
}
