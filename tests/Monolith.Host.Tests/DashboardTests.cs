using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Alba;
using Monolith.Testing;

namespace Monolith.Host.Tests;

/// <summary>The dashboard is served by the Host from its own assembly, with nothing fetched from elsewhere.</summary>
public partial class when_the_dashboard_is_opened(AppFixture app) : IClassFixture<AppFixture>
{
    [GeneratedRegex("""(?:src|href)\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    [Fact]
    public async Task the_root_serves_html_that_references_only_local_assets()
    {
        var result = await app.Host.Scenario(s => { s.Get.Url("/"); s.StatusCodeShouldBeOk(); s.ContentTypeShouldBe("text/html"); });
        var html = await result.ReadAsTextAsync();
        Assert.Contains("<title>Monolith dashboard</title>", html, StringComparison.Ordinal);

        var references = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("app.js", references);
        Assert.Contains("app.css", references);
        Assert.DoesNotContain(references, r => r.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || r.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || r.StartsWith("//", StringComparison.Ordinal));

        foreach (var (asset, type) in new[] { ("/app.js", "text/javascript"), ("/app.css", "text/css") })
        {
            var served = await app.Host.Scenario(s => { s.Get.Url(asset); s.StatusCodeShouldBeOk(); });
            Assert.StartsWith(type, served.Context.Response.ContentType, StringComparison.Ordinal);
            var text = await served.ReadAsTextAsync();
            Assert.DoesNotMatch("""(?:import|url\()\s*\(?["']?https?://""", text);
        }
    }

    [Fact]
    public async Task live_events_reach_only_the_streams_of_the_same_tenant()
    {
        using var client = app.Host.Server.CreateClient();
        using var mine = await OpenStream(client, "live-a");
        using var theirs = await OpenStream(client, "live-b");
        Assert.Contains("\"tenant\":\"live-a\"", await ReadUntil(mine, "event: hello", TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        Assert.Contains("\"tenant\":\"live-b\"", await ReadUntil(theirs, "event: hello", TimeSpan.FromSeconds(10)), StringComparison.Ordinal);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("INVOICE\nInvoice No: LIVE-1\nTotal EUR 10.00\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "live.txt");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = form };
        upload.Headers.Add("X-Customer-Id", "live-a");
        using var accepted = await client.SendAsync(upload);
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());

        var seen = await ReadUntil(mine, "event: document-processed", TimeSpan.FromSeconds(60));
        Assert.Contains("event: document-received", seen, StringComparison.Ordinal);
        var other = await ReadUntil(theirs, "event: document-", TimeSpan.FromSeconds(2));
        Assert.DoesNotContain("event: document-", other, StringComparison.Ordinal);
    }

    private static async Task<Stream> OpenStream(HttpClient client, string tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/live");
        request.Headers.Add("X-Customer-Id", tenant);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStreamAsync();
    }

    /// <summary>Reads the stream until <paramref name="marker"/> appears or the time is up; returns what was read.</summary>
    private static async Task<string> ReadUntil(Stream stream, string marker, TimeSpan timeout)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!text.ToString().Contains(marker, StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cts.Token);
                if (read == 0) break;
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException) { }
        return text.ToString();
    }
}
