using System.Net;
using System.Text.Json;
using Alba;
using Monolith.Testing;

namespace Monolith.Host.Tests;

public class when_a_request_is_malformed(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("ftp://example.com", "DE", "url")]
    [InlineData("", "DE", "url")]
    [InlineData("https://example.com", "XX", "country")]
    [InlineData("https://example.com", "Germany", "country")]
    [InlineData("https://localhost-without-dot", "DE", "url")]
    public async Task validation_problems_name_the_field(string url, string country, string field)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { url, country }).ToUrl("/api/supplier-analyses");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), await result.ReadAsTextAsync());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://[::1]:8080/")]
    public async Task a_private_address_is_never_fetched_and_the_crawl_fails_saying_why(string url)
    {
        IScenarioResult? result = null;
        await app.Host.ExecuteAndTrackAsync(async () =>
            result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { url, country = "US" }).ToUrl("/api/supplier-analyses");
                s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            }));
        var id = JsonDocument.Parse(await result!.ReadAsTextAsync()).RootElement.GetProperty("id").GetGuid();
        var view = await app.Host.GetJsonAsync<JsonElement>($"/api/supplier-analyses/{id}");
        Assert.Equal("Failed", view.GetProperty("status").GetString());
        Assert.Contains("blocked-address", view.GetProperty("steps")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task broken_json_is_a_400_problem_not_a_500()
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Text("{\"url\":").ToUrl("/api/supplier-analyses");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task an_unknown_id_is_a_404()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/supplier-analyses/{Guid.NewGuid()}");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }
}
