using System.Net;
using System.Text;
using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Documents.Extraction;
using Monolith.Documents.Storage;
using Monolith.Documents.Tests.Extraction.Pdf;
using SkiaSharp;

namespace Monolith.Documents.Tests.Features;

/// <summary><c>GET /api/documents/{id}/layout</c> and <c>/pages/{n}/image</c> on the real Host: boxes, images, tenancy, reasons.</summary>
public class when_a_document_is_shown_with_its_layout(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    private const string Tenant = "layout-viewer";

    private async Task<Guid> Upload(byte[] content, string tenant = Tenant) =>
        (await app.Host.UploadAndWaitAsync(content, tenant)).GetProperty("id").GetGuid();

    private Task<IScenarioResult> Get(string url, HttpStatusCode expected, string tenant = Tenant, string? ifNoneMatch = null) =>
        app.Host.GetAsync(url, expected, tenant, ifNoneMatch);

    private async Task<JsonElement> Json(string url, HttpStatusCode expected = HttpStatusCode.OK, string tenant = Tenant) =>
        JsonDocument.Parse(await (await Get(url, expected, tenant)).ReadAsTextAsync()).RootElement.Clone();

    private static async Task<SKBitmap> Image(IScenarioResult result)
    {
        Assert.Equal("image/png", result.Context.Response.ContentType);
        using var buffer = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(buffer);
        return SKBitmap.Decode(buffer.ToArray());
    }

    /// <summary>A white PNG with a red square in its top-left corner; unique bytes after the image end, so never a duplicate.</summary>
    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 20, 20, red);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return [.. data.ToArray(), .. Encoding.ASCII.GetBytes(Guid.NewGuid().ToString())];
    }

    private static byte[] InvoicePdf() => TestPdfs.WithText(
        ["Northwind Traders Ltd", "INVOICE", $"Invoice No: L-{Guid.NewGuid():N}", "Invoice Date: 2024-05-02", "Bill to: Fabrikam Inc",
         "Subtotal 100.00", "VAT 20% 20.00", "Total GBP 120.00"]);

    [Fact]
    public async Task a_pdf_invoice_has_its_words_and_the_total_is_boxed_where_it_is_printed()
    {
        var id = await Upload(InvoicePdf());

        var layout = await Json($"/api/documents/{id}/layout");

        Assert.Equal("pdf", layout.GetProperty("source").GetString());
        var page = Assert.Single(layout.GetProperty("pages").EnumerateArray());
        Assert.Equal(1, page.GetProperty("number").GetInt32());
        Assert.Equal($"/api/documents/{id}/pages/1/image", page.GetProperty("imageUrl").GetString());
        double width = page.GetProperty("width").GetDouble(), height = page.GetProperty("height").GetDouble();
        Assert.True(width > 500 && height > 700, $"an A4 or Letter page in points, was {width} × {height}");
        var words = page.GetProperty("words").EnumerateArray().ToList();
        Assert.Contains(words, w => w.GetProperty("text").GetString() == "Northwind");
        Assert.All(words, w => Assert.InRange(w.GetProperty("y").GetDouble(), 0, height));

        // The generator prints line i with its baseline at 60 + 16 i points from the top, from x = 50: the total is line 7.
        var total = layout.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "total");
        Assert.Equal(120m, total.GetProperty("value").GetDecimal());
        Assert.Equal(1, total.GetProperty("page").GetInt32());
        var box = Assert.Single(total.GetProperty("boxes").EnumerateArray());
        var baseline = 60 + (16 * 7);
        Assert.InRange(box.GetProperty("y").GetDouble(), baseline - 14, baseline - 4);
        Assert.InRange(box.GetProperty("y").GetDouble() + box.GetProperty("height").GetDouble(), baseline - 2, baseline + 5);
        Assert.InRange(box.GetProperty("x").GetDouble(), 70, 200); // right of the "Total" label, which starts at 50
        var printed = words.Where(w => w.GetProperty("x").GetDouble() >= box.GetProperty("x").GetDouble() - 0.01
                && Math.Abs(w.GetProperty("y").GetDouble() - box.GetProperty("y").GetDouble()) < 2)
            .Select(w => w.GetProperty("text").GetString());
        Assert.Equal(["GBP", "120.00"], printed);
    }

    [Fact]
    public async Task another_customer_gets_404_problems_for_the_layout_and_the_page_images()
    {
        var id = await Upload(InvoicePdf(), tenant: "layout-owner");

        foreach (var url in new[] { $"/api/documents/{id}/layout", $"/api/documents/{id}/pages/1/image" })
        {
            var problem = await Json(url, HttpStatusCode.NotFound, tenant: "layout-intruder");
            Assert.Equal("Document not found", problem.GetProperty("title").GetString());
            Assert.DoesNotContain("Northwind", problem.ToString(), StringComparison.Ordinal);
        }
        await Get($"/api/documents/{Guid.NewGuid()}/layout", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_text_file_has_no_layout_and_an_unread_image_has_none_either_and_the_404_says_why()
    {
        var text = await Upload(Encoding.UTF8.GetBytes($"INVOICE\nInvoice No: T-{Guid.NewGuid():N}\nTotal EUR 10.00"));
        var problem = await Json($"/api/documents/{text}/layout", HttpStatusCode.NotFound);
        Assert.Equal("No layout", problem.GetProperty("title").GetString());
        Assert.Contains("no word positions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("No page images", (await Json($"/api/documents/{text}/pages/1/image", HttpStatusCode.NotFound)).GetProperty("title").GetString());

        // A blank image: OCR reads it and finds nothing.
        var image = await Upload(Png(40, 30));
        problem = await Json($"/api/documents/{image}/layout", HttpStatusCode.NotFound);
        Assert.Contains("OCR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-text-found", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task an_image_page_is_a_png_of_its_size_served_like_the_content_and_page_99_is_a_404()
    {
        var id = await Upload(Png(300, 200));

        var result = await Get($"/api/documents/{id}/pages/1/image", HttpStatusCode.OK);
        using (var image = await Image(result))
            Assert.Equal((300, 200), (image.Width, image.Height));
        var headers = result.Context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.StartsWith("sandbox", headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("private", headers.CacheControl.ToString(), StringComparison.Ordinal);
        var etag = headers.ETag.ToString();
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);
        await Get($"/api/documents/{id}/pages/1/image", HttpStatusCode.NotModified, ifNoneMatch: etag);

        foreach (var page in new[] { 99, 0 })
        {
            var missing = await Json($"/api/documents/{id}/pages/{page}/image", HttpStatusCode.NotFound);
            Assert.Equal("Page not found", missing.GetProperty("title").GetString());
            Assert.Contains($"page {page}", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_photo_read_turned_is_served_turned_so_its_boxes_line_up()
    {
        var id = await Upload(Png(300, 200));
        // What OCR records for a photo it turned a quarter clockwise before reading: boxes in the turned 200 × 300 image.
        await using (var session = app.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant))
        {
            session.Store(new DocumentTextRecord
            {
                Id = id,
                Text = new DocumentText([new TextPage(1, "TOTAL 9.00", [new("TOTAL", 20, 250, 60, 20, 0.98), new("9.00", 100, 250, 40, 20, 0.95)],
                    200, 300, Rotation: 90)], "ocr"),
            });
            await session.SaveChangesAsync();
        }

        var layout = await Json($"/api/documents/{id}/layout");
        var page = Assert.Single(layout.GetProperty("pages").EnumerateArray());
        Assert.Equal((90, 200.0, 300.0), (page.GetProperty("rotation").GetInt32(), page.GetProperty("width").GetDouble(), page.GetProperty("height").GetDouble()));
        var word = page.GetProperty("words")[0];
        Assert.Equal((30.0, 0.98), (word.GetProperty("y").GetDouble(), word.GetProperty("confidence").GetDouble()));

        using var image = await Image(await Get(page.GetProperty("imageUrl").GetString()!, HttpStatusCode.OK));
        Assert.Equal((200, 300), (image.Width, image.Height));
        // The red corner, top-left in the upload, is top-right after a quarter turn clockwise.
        Assert.Equal(SKColors.Red, image.GetPixel(195, 5));
        Assert.Equal(SKColors.White, image.GetPixel(5, 5));
    }

    [Fact]
    public async Task a_broken_image_is_a_422_with_the_reason_never_a_500()
    {
        var png = Png(50, 50);
        var id = await Upload([.. png[..40], .. Encoding.ASCII.GetBytes(Guid.NewGuid().ToString())]);

        var problem = await Json($"/api/documents/{id}/pages/1/image", HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Page image unavailable", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task a_pdf_page_is_a_png_with_the_pages_aspect_ratio()
    {
        var id = await Upload(InvoicePdf());
        var page = (await Json($"/api/documents/{id}/layout")).GetProperty("pages")[0];

        using var image = await Image(await Get($"/api/documents/{id}/pages/1/image", HttpStatusCode.OK));

        Assert.Equal(page.GetProperty("width").GetDouble() / page.GetProperty("height").GetDouble(), (double)image.Width / image.Height, 2);
        await Get($"/api/documents/{id}/pages/99/image", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task page_99_of_a_pdf_is_a_404_that_names_the_page()
    {
        var id = await Upload(InvoicePdf());

        var problem = await Json($"/api/documents/{id}/pages/99/image", HttpStatusCode.NotFound);

        Assert.Contains("page 99; it has 1 page(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
