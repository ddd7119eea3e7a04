using System.Net;
using System.Text.Json;
using Alba;
using Monolith.Testing;
using Wolverine.Tracking;

namespace Monolith.Host.Tests;

public class when_operations_probe_the_host(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task liveness_is_200()
    {
        await app.Host.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task readiness_reports_postgres()
    {
        var result = await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBeOk(); });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        var circuits = checks.GetProperty("dependencies").GetProperty("data");
        foreach (var dependency in new[] { "WebFetch", "Llm", "DocumentIntelligence" })
            Assert.Equal("Closed", circuits.GetProperty(dependency).GetString());
    }

    [Fact]
    public async Task metrics_expose_wolverine_and_aspnetcore_instruments()
    {
        await app.Host.ExecuteAndTrackAsync(() => app.Host.Scenario(s =>
        {
            s.Post.Json(new { url = "https://metrics.example", country = "GB" }).ToUrl("/api/supplier-analyses");
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        }));

        var text = await (await app.Host.Scenario(s => s.Get.Url("/metrics"))).ReadAsTextAsync();
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"Wolverine:monolith\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task responses_carry_a_correlation_id_and_echo_the_callers()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.WithRequestHeader("X-Correlation-Id", "order-4711");
        });
        Assert.Equal("order-4711", result.Context.Response.Headers["X-Correlation-Id"].ToString());
    }

    [Fact]
    public async Task the_openapi_document_lists_the_endpoints()
    {
        var text = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync();
        Assert.Contains("/api/supplier-analyses", text, StringComparison.Ordinal);
        Assert.Contains("/api/analytics/companies/{domain}/history", text, StringComparison.Ordinal);
    }
}
