using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.Host.ApiReference;
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

    [Fact]
    public async Task every_operation_has_a_readable_unique_id_and_a_sentence_for_a_summary()
    {
        var text = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync();
        using var document = JsonDocument.Parse(text);
        string[] methods = ["get", "put", "post", "delete", "patch", "head", "options"];
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => methods.Contains(o.Name))
                .Select(o => (Route: $"{o.Name.ToUpperInvariant()} {path.Name}", Operation: o.Value)))
            .ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} operations");
        var ids = operations.ToDictionary(o => o.Route, o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null);
        var unreadable = ids.Where(i => i.Value is null || !Regex.IsMatch(i.Value, "^[a-z][A-Za-z0-9]*$")).Select(i => $"{i.Key}: {i.Value}").ToList();
        Assert.True(unreadable.Count == 0, string.Join("; ", unreadable));
        var shared = ids.GroupBy(i => i.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.Key))}").ToList();
        Assert.True(shared.Count == 0, string.Join("; ", shared));
        // Route-derived names (Wolverine's POST_api_… default) appear nowhere: not as ids, summaries or descriptions.
        Assert.DoesNotContain("_api_", text, StringComparison.Ordinal);

        var retry = operations.Single(o => o.Route == "POST /api/supplier-analyses/{id}/retry").Operation;
        Assert.Equal("retrySupplierAnalysis", retry.GetProperty("operationId").GetString());
        Assert.Equal("Retry supplier analysis", retry.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task the_page_is_told_to_load_nothing_from_outside()
    {
        var page = await (await app.Host.Scenario(s => s.Get.Url("/api-reference/"))).ReadAsTextAsync();
        foreach (var setting in new[] { "\"withDefaultFonts\":false", "\"telemetry\":false", "\"agent\":{\"disabled\":true}", "\"mcp\":{\"disabled\":true}" })
            Assert.Contains(setting, page, StringComparison.Ordinal);
    }
}

public class when_an_operation_is_named
{
    [Theory]
    [InlineData("RetrySupplierAnalysis", "RetrySupplierAnalysisEndpoint", "Post", "retrySupplierAnalysis")]
    [InlineData(null, "ReadSupplierAnalysesEndpoints", "List", "listReadSupplierAnalyses")]
    [InlineData("POST_api_supplier_analyses_id_retry", "RetrySupplierAnalysisEndpoint", "Retry", "retryRetrySupplierAnalysis")]
    public void its_id_is_the_declared_one_or_the_handlers_in_camel_case(string? declared, string handlerType, string method, string expected) =>
        Assert.Equal(expected, ApiDocumentation.OperationId(declared, handlerType, method));

    [Fact]
    public void its_summary_is_a_sentence_of_the_id() =>
        Assert.Equal("Get supplier analysis events", ApiDocumentation.Sentence("getSupplierAnalysisEvents"));
}
