using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine.Http;

namespace Monolith.Host.Tests;

public class when_the_api_reference_is_opened(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_page_loads_its_script_locally_and_points_at_the_document()
    {
        var page = await (await app.Host.Scenario(s => s.Get.Url("/api-reference/"))).ReadAsTextAsync();
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src=\"http", page, StringComparison.OrdinalIgnoreCase);

        var script = await app.Host.Scenario(s => s.Get.Url("/api-reference/scalar.js"));
        Assert.True((await script.ReadAsTextAsync()).Length > 100_000);
    }

    [Fact]
    public async Task every_wolverine_endpoint_is_in_the_openapi_document()
    {
        var text = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync();
        using var document = JsonDocument.Parse(text);
        var paths = document.RootElement.GetProperty("paths");

        // Wolverine puts each endpoint's HttpChain into the ASP.NET Core endpoint metadata.
        var wolverine = app.Host.Services.GetServices<EndpointDataSource>().SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpChain>() is not null).ToList();
        Assert.True(wolverine.Count > 20, $"only {wolverine.Count} Wolverine endpoints found");
        var missing = new List<string>();
        foreach (var endpoint in wolverine)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!paths.TryGetProperty(route, out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out _))
                    missing.Add($"{method} {route}");
            }
        }
        Assert.Empty(missing);
        Assert.True(paths.TryGetProperty("/api/analytics/usage", out _));
        Assert.True(paths.TryGetProperty("/api/analytics/automation/what-if", out _));
        Assert.True(paths.TryGetProperty("/api/documents/rescore", out _));

        // How to authenticate is part of the document: an API key as a bearer token, required everywhere.
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(document.RootElement.GetProperty("security")[0].TryGetProperty("apiKey", out _));
    }
}
