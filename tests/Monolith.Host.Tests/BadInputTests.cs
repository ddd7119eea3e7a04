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
