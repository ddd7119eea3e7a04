using System.Text.Json;
using Alba;
using Monolith.Documents.Tests.Features;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Ocr;

/// <summary>The Host with its default (local) OCR: photos and scanned PDFs through the whole pipeline on real PostgreSQL.</summary>
public sealed class OcrFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:MaxUploadBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Documents:WaitTimeoutSeconds"] = "120",
        ["Documents:Ocr:TimeoutSeconds"] = "120",
    };
}

public class when_a_photo_or_a_scan_is_uploaded(OcrFixture app) : IClassFixture<OcrFixture>
{
    private static string[] Receipt(string reference) =>
    [
        "CORNER BAKERY SDN BHD",
        "12 JALAN MERDEKA, 50000 KUALA LUMPUR",
        "",
        "RECEIPT",
        $"Ref: {reference}",
        "Date: 14/03/2024  10:42",
        "",
        "Croissant            2 x 4.50      9.00",
        "Coffee               1 x 8.50      8.50",
        "",
        "TOTAL                             17.50",
        "CASH                              20.00",
        "CHANGE                             2.50",
        "THANK YOU, PLEASE COME AGAIN",
    ];

    private async Task<(JsonElement Document, JsonElement Events)> Upload(byte[] content, string tenant = "ocr")
    {
        var document = await app.Host.UploadAndWaitAsync(content, tenant);
        var id = document.GetProperty("id").GetGuid();
        var events = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}/events", tenant);
        return (document, events);
    }

    private async Task<int> PageRotation(JsonElement document)
    {
        var layout = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{document.GetProperty("id").GetGuid()}/layout", "ocr");
        return layout.GetProperty("pages")[0].GetProperty("rotation").GetInt32();
    }

    private static JsonElement Event(JsonElement events, string type) =>
        events.EnumerateArray().Single(e => e.GetProperty("type").GetString() == type);

    private static object? Field(JsonElement document, string name) =>
        document.GetProperty("fields").TryGetProperty(name, out var f) ? f.GetProperty("value").ToString() : null;

    [Fact]
    public async Task a_slanted_receipt_photo_is_read_offline_and_its_fields_extracted()
    {
        var (document, events) = await Upload(TestScans.Photo(Receipt(Guid.NewGuid().ToString("N")[..8]), skew: 3));

        var read = Event(events, "document_text_read").GetProperty("data");
        Assert.StartsWith("ocr:local", read.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.True(read.GetProperty("ocrConfidence").GetDouble() > 0.8, read.ToString());
        Assert.True(read.GetProperty("ocrMilliseconds").GetInt64() > 0);
        Assert.Equal("Receipt", document.GetProperty("documentType").GetString());
        Assert.Equal("17.50", Field(document, "total"));
        Assert.Equal("2024-03-14", Field(document, "transactionDate"));
        Assert.Equal("CORNER BAKERY SDN BHD", Field(document, "merchantName"));
        Assert.Empty(document.GetProperty("providerCalls").EnumerateArray());
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public async Task a_receipt_photographed_sideways_or_upside_down_is_turned_and_read(int turn)
    {
        var (document, _) = await Upload(TestScans.Photo(Receipt(Guid.NewGuid().ToString("N")[..8]), turn: turn, format: SkiaSharp.SKEncodedImageFormat.Png));
        Assert.Equal((360 - turn) % 360, await PageRotation(document));
        Assert.Equal("CORNER BAKERY SDN BHD", Field(document, "merchantName"));
        Assert.Equal("17.50", Field(document, "total"));
        Assert.Equal("2024-03-14", Field(document, "transactionDate"));
    }

    [Fact]
    public async Task a_scanned_pdf_without_a_text_layer_is_rendered_and_read_end_to_end()
    {
        var number = "INV-" + Random.Shared.Next(10000, 99999);
        var scan = TestScans.ScannedPdf(
        [
            "Northwind Traders Ltd",
            "1 Harbour Road, Bristol BS1 4DJ",
            "",
            "INVOICE",
            $"Invoice No: {number}",
            "Invoice Date: 05.02.2024",
            "Bill to: Contoso Ltd",
            "",
            "Subtotal EUR 100.00",
            "VAT 20% 20.00",
            "Total EUR 120.00",
        ], skew: -1.5);

        var (document, events) = await Upload(scan);

        Assert.StartsWith("ocr:local", Event(events, "document_text_read").GetProperty("data").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("Invoice", document.GetProperty("documentType").GetString());
        Assert.Equal(number, Field(document, "invoiceNumber"));
        Assert.Equal("120.00", Field(document, "total"));
        Assert.Equal("2024-02-05", Field(document, "invoiceDate"));
        var text = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/documents/{document.GetProperty("id").GetGuid()}/text");
            s.WithRequestHeader("X-Customer-Id", "ocr");
        });
        Assert.Contains(number, await text.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_decompression_bomb_or_a_cut_photo_fails_with_its_reason_and_the_host_stays_up()
    {
        var bomb = PageImageSourceTests.WhitePngBomb(20_000, 20_000);
        var photo = TestScans.Photo(Receipt(Guid.NewGuid().ToString("N")[..8]));
        foreach (var (content, reason) in new[] { (bomb, "image-too-large"), (photo[..(photo.Length / 2)], "image-unreadable") })
        {
            var (document, events) = await Upload(content, "hostile");
            Assert.Equal("Failed", document.GetProperty("status").GetString());
            var stopped = Event(events, "document_processing_stopped").GetProperty("data");
            Assert.Equal(reason, stopped.GetProperty("reason").GetString());
            Assert.Equal("ocr", stopped.GetProperty("stage").GetString());
            Assert.EndsWith(".", stopped.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var (after, _) = await Upload(TestScans.Photo(Receipt(Guid.NewGuid().ToString("N")[..8])), "hostile");
        Assert.Equal("17.50", Field(after, "total"));
    }
}
