using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Monolith.Testing;
using Wolverine.Tracking;

namespace Monolith.Host.Tests;

public class when_another_tenant_asks_for_my_data(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> RequestAnalysisAs(string tenant, string url)
    {
        IScenarioResult? result = null;
        await app.Host.ExecuteAndTrackAsync(async () =>
        {
            result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { url, country = "US" }).ToUrl("/api/supplier-analyses");
                s.WithRequestHeader("X-Customer-Id", tenant);
                s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            });
        });
        using var body = JsonDocument.Parse(await result!.ReadAsTextAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task the_stream_cannot_be_loaded_by_another_tenant()
    {
        var id = await RequestAnalysisAs("tenant-a", "https://isolated.example");

        await using var mine = app.Store.LightweightSession("tenant-a");
        await using var theirs = app.Store.LightweightSession("tenant-b");
        Assert.NotEmpty(await mine.Events.FetchStreamAsync(id));
        Assert.Empty(await theirs.Events.FetchStreamAsync(id));
        Assert.Null(await theirs.Events.AggregateStreamAsync<Monolith.Supplier.SupplierAnalysis>(id));
    }

    [Fact]
    public async Task the_api_answers_404_for_another_tenants_ids()
    {
        var id = await RequestAnalysisAs("tenant-a", "https://private.example");

        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/supplier-analyses/{id}");
            s.WithRequestHeader("X-Customer-Id", "tenant-a");
            s.StatusCodeShouldBeOk();
        });
        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/supplier-analyses/{id}");
            s.WithRequestHeader("X-Customer-Id", "tenant-b");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/companies/private.example/history");
            s.WithRequestHeader("X-Customer-Id", "tenant-b");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Fact]
    public async Task without_a_header_the_configured_default_tenant_is_used()
    {
        var id = await RequestAnalysisAs("default", "https://defaulted.example");
        await app.Host.Scenario(s => { s.Get.Url($"/api/supplier-analyses/{id}"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task a_malformed_tenant_header_is_a_400_naming_the_header()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/supplier-analyses/{Guid.NewGuid()}");
            s.WithRequestHeader("X-Customer-Id", "../../etc/passwd");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        Assert.Contains("X-Customer-Id", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }
}

public class when_two_tenants_analyse_the_same_company(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record History(string Domain, List<JsonElement> Analyses);

    [Fact]
    public async Task each_keeps_its_own_history_of_it()
    {
        foreach (var tenant in new[] { "first", "second" })
        {
            await app.Host.ExecuteAndTrackAsync(() => app.Host.Scenario(s =>
            {
                s.Post.Json(new { url = "https://shared-company.example", country = "FR" }).ToUrl("/api/supplier-analyses");
                s.WithRequestHeader("X-Customer-Id", tenant);
                s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            }));
        }

        foreach (var tenant in new[] { "first", "second" })
        {
            var history = await app.Host.GetJsonAsync<History>("/api/analytics/companies/shared-company.example/history", tenant);
            Assert.Single(history.Analyses);
        }
    }
}
