using System.Text.Json;
using Alba;
using Monolith.Testing.CompanySites;

namespace Monolith.Supplier.Tests;

/// <summary>
/// A supplier analysis through the real Host (HTTP, PostgreSQL, the heuristic analyzer) of the fixture software vendor
/// <c>cargolane-software.test</c>, served over real HTTP: four products on /solutions, four industries on /industries,
/// "distributors and carriers with 50 to 500 employees" on the homepage.
/// </summary>
public class when_a_software_vendor_is_analysed(CompanySitesAppFixture app) : IClassFixture<CompanySitesAppFixture>
{
    private async Task<JsonElement> SendAsync(Action<Scenario> request)
    {
        var result = await app.Host.Scenario(s =>
        {
            request(s);
            s.WithRequestHeader("X-Customer-Id", "acme");
            s.StatusCodeShouldBeOk();
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task the_analysis_names_its_products_the_industries_it_serves_and_clusters_drawn_from_them()
    {
        var requested = await SendAsync(s => s.Post.Json(new { url = app.Url("cargolane-software.test"), country = "GB" }).ToUrl("/api/supplier-analyses").QueryString("wait", "true"));
        var a = await SendAsync(s => s.Get.Url($"/api/supplier-analyses/{requested.GetProperty("id").GetGuid()}"));

        Assert.Equal("Completed", a.GetProperty("status").GetString());
        Assert.Equal("51", a.GetProperty("profile").GetProperty("industry").GetProperty("value").GetProperty("code").GetString());

        var proposition = a.GetProperty("valueProposition");
        var offerings = proposition.GetProperty("offerings").EnumerateArray().Select(o => o.GetProperty("value")).ToList();
        foreach (var name in new[] { "Cargolane Dispatch", "Cargolane Yard", "Cargolane Dock", "Cargolane Insights" })
        {
            var offering = Assert.Single(offerings, o => o.GetProperty("name").GetString() == name);
            Assert.Equal("product", offering.GetProperty("kind").GetString());
        }
        var solutions = app.Sites.UrlOf("cargolane-software.test", "/solutions").AbsoluteUri;
        Assert.All(proposition.GetProperty("offerings").EnumerateArray().Take(4), o =>
            Assert.Contains(o.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("url").GetString() == solutions));

        var served = proposition.GetProperty("industriesServed").EnumerateArray().Select(i => i.GetProperty("value").GetProperty("code").GetString()).ToList();
        Assert.Equal(["31-33", "42", "44-45", "48-49"], served.Order(StringComparer.Ordinal));
        Assert.Equal(["Medium", "Large"], proposition.GetProperty("customerSizeFocus").GetProperty("value").EnumerateArray().Select(b => b.GetString()));

        var clusters = a.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(8, clusters.Count);
        Assert.All(clusters, c => Assert.Contains(c.GetProperty("industries")[0].GetProperty("code").GetString(), served));
        var industries = app.Sites.UrlOf("cargolane-software.test", "/industries").AbsoluteUri;
        Assert.All(clusters, c => Assert.Contains(industries, c.GetProperty("rationale").GetString(), StringComparison.Ordinal));
    }
}
