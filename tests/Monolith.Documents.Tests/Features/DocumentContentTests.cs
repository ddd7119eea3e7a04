using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Documents.Tests.Extraction.Pdf;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Features;

/// <summary><c>GET /api/documents/{id}/content</c> and <c>/text</c> on the real Host: bytes, headers, tenancy, reasons.</summary>
public class when_a_document_is_opened_for_review(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    private const string Tenant = "viewer";

    // A 1×1 PNG: a valid image with no text; OCR reads it and finds nothing.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<Guid> Upload(byte[] content, string fileName, string tenant = Tenant)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // filename* (RFC 5987) carries a name that is not plain ASCII, as browsers send it.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        var result = await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents").QueryString("wait", "true");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private Task<IScenarioResult> Get(string url, HttpStatusCode expected, string tenant = Tenant, string? ifNoneMatch = null) =>
        app.Host.GetAsync(url, expected, tenant, ifNoneMatch);

    private static async Task<byte[]> Bytes(IScenarioResult result)
    {
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task a_pdf_is_served_as_uploaded_with_its_media_type_etag_and_text()
    {
        var pdf = TestPdfs.WithText(["Northwind Traders Ltd", "INVOICE", "Invoice No: PDF-7", $"Ref {Guid.NewGuid()}", "Total EUR 99.00"]);
        var id = await Upload(pdf, "Rechnung März \"7\".pdf");

        var content = await Get($"/api/documents/{id}/content", HttpStatusCode.OK);
        var headers = content.Context.Response.Headers;
        Assert.Equal("application/pdf", content.Context.Response.ContentType);
        Assert.Equal(pdf, await Bytes(content));
        Assert.Equal("nosniff", headers["X-Content-Type-Options"].ToString());
        var disposition = ContentDispositionHeaderValue.Parse(headers.ContentDisposition.ToString());
        Assert.Equal("inline", disposition.DispositionType);
        var recorded = (await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}", Tenant)).GetProperty("fileName").GetString()!;
        Assert.Contains("März", recorded, StringComparison.Ordinal);
        var legacy = disposition.FileName!.Trim('"');
        Assert.All(legacy, c => Assert.True(c is >= ' ' and < (char)127 && c != '"' && c != '\\', $"'{c}' in filename"));
        Assert.Equal(recorded, disposition.FileNameStar);
        var etag = headers.ETag.ToString();
        Assert.Equal($"\"{Convert.ToHexString(SHA256.HashData(pdf)).ToLowerInvariant()}\"", etag);

        var again = await Get($"/api/documents/{id}/content", HttpStatusCode.NotModified, ifNoneMatch: etag);
        Assert.Empty(await Bytes(again));

        var text = await Get($"/api/documents/{id}/text", HttpStatusCode.OK);
        Assert.Equal("text/plain; charset=utf-8", text.Context.Response.ContentType);
        Assert.Contains("Invoice No: PDF-7", await text.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_text_document_is_served_as_utf8_text_in_a_sandbox()
    {
        var invoice = Encoding.UTF8.GetBytes($"Müller GmbH\nINVOICE\nInvoice No: TXT-1\nTotal EUR 10.00\nRef {Guid.NewGuid()}");
        var id = await Upload(invoice, "invoice.txt");

        var content = await Get($"/api/documents/{id}/content", HttpStatusCode.OK);
        Assert.Equal("text/plain; charset=utf-8", content.Context.Response.ContentType);
        Assert.StartsWith("sandbox", content.Context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal(invoice, await Bytes(content));

        var text = await Get($"/api/documents/{id}/text", HttpStatusCode.OK);
        Assert.Contains("Müller GmbH", await text.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_image_without_text_has_content_but_no_text_and_the_404_says_why()
    {
        var id = await Upload([.. Png, .. Encoding.ASCII.GetBytes(Guid.NewGuid().ToString())], "receipt.png");

        var content = await Get($"/api/documents/{id}/content", HttpStatusCode.OK);
        Assert.Equal("image/png", content.Context.Response.ContentType);

        var text = await Get($"/api/documents/{id}/text", HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", text.Context.Response.ContentType);
        var problem = JsonDocument.Parse(await text.ReadAsTextAsync()).RootElement;
        Assert.Equal("No extracted text", problem.GetProperty("title").GetString());
        Assert.Contains("OCR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no text", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-text-found", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task another_customer_gets_a_404_problem_and_never_the_bytes()
    {
        var secret = Encoding.UTF8.GetBytes($"CONFIDENTIAL\nINVOICE\nInvoice No: SECRET-1\nTotal EUR 5.00\nRef {Guid.NewGuid()}");
        var id = await Upload(secret, "secret.txt", tenant: "owner");

        foreach (var url in new[] { $"/api/documents/{id}/content", $"/api/documents/{id}/text" })
        {
            var result = await Get(url, HttpStatusCode.NotFound, tenant: "intruder");
            Assert.Equal("application/problem+json", result.Context.Response.ContentType);
            var body = await result.ReadAsTextAsync();
            Assert.DoesNotContain("CONFIDENTIAL", body, StringComparison.Ordinal);
            Assert.Contains("Document not found", body, StringComparison.Ordinal);
            Assert.False(result.Context.Response.Headers.ContainsKey("Content-Disposition"));
        }
        await Get($"/api/documents/{Guid.NewGuid()}/content", HttpStatusCode.NotFound);
    }
}
