using Alba;
using Monolith.Testing;

namespace Monolith.Host.Tests;

public class when_any_response_is_sent(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    [InlineData("/api/supplier-analyses?page=0")]           // a 400 problem
    [InlineData("/api/documents/not-a-guid")]               // a 404
    public async Task it_carries_the_protective_headers(string url)
    {
        var result = await app.Host.Scenario(s => { s.Get.Url(url); s.IgnoreStatusCode(); });
        var headers = result.Context.Response.Headers;
        Assert.Equal("nosniff", headers["X-Content-Type-Options"].ToString());
        Assert.Equal("SAMEORIGIN", headers["X-Frame-Options"].ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
        Assert.Equal("same-origin", headers["Cross-Origin-Opener-Policy"].ToString());
        Assert.Contains("camera=()", headers["Permissions-Policy"].ToString(), StringComparison.Ordinal);
        Assert.False(headers.ContainsKey("Strict-Transport-Security"), "HSTS only over HTTPS");
    }
}
