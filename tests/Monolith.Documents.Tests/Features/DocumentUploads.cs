using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;

namespace Monolith.Documents.Tests.Features;

/// <summary>Uploading documents through the API and waiting for the result, as the provider tests do.</summary>
public static class DocumentUploads
{
    /// <summary><c>POST /api/documents?wait=true</c> as <paramref name="tenant"/>; the processed document.</summary>
    public static async Task<JsonElement> UploadAndWaitAsync(this IAlbaHost host, byte[] content, string tenant)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "doc");
        var result = await host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents").QueryString("wait", "true");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    /// <summary>GET <paramref name="url"/> as <paramref name="tenant"/>, asserting the status; conditional when given an ETag.</summary>
    public static Task<IScenarioResult> GetAsync(this IAlbaHost host, string url, HttpStatusCode expected, string tenant, string? ifNoneMatch = null) =>
        host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Customer-Id", tenant);
            if (ifNoneMatch is not null) s.WithRequestHeader("If-None-Match", ifNoneMatch);
            s.StatusCodeShouldBe(expected);
        });

    /// <summary>An invoice the local rules classify with confidence (unique number, so never a duplicate).</summary>
    public static byte[] ClearInvoice() => Encoding.UTF8.GetBytes($"""
        Contoso Ltd
        INVOICE
        Invoice No: C-{Guid.NewGuid():N}
        Invoice Date: 2024-06-01
        Due Date: 2024-07-01
        Bill to: Fabrikam Inc
        Subtotal EUR 200.00
        VAT 19% 38.00
        Total EUR 238.00
        """);
}
