using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Azure;
using Monolith.Documents.Intake;
using Monolith.Documents.Ocr;
using Monolith.Documents.Tests.Extraction.Azure;

namespace Monolith.Documents.Tests.Ocr;

/// <summary>
/// The Azure OCR engine with the real client and resilience pipeline against <see cref="AzureDocumentIntelligenceStub"/>
/// serving <c>prebuilt-read</c> results (202 + Operation-Location, then polls).
/// </summary>
public sealed class AzureReadOcrEngineTests : AzureStubTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% stub scan\n%%EOF\n");

    private static IOcrEngine Engine(ServiceProvider services) =>
        Assert.IsType<AzureReadOcrEngine>(Assert.Single(services.GetServices<IOcrEngine>()));

    private static Task<OcrResult> Read(ServiceProvider services, byte[] content, ContentKind kind) =>
        Engine(services).ReadAsync(new OcrRequest(Guid.NewGuid(), content, kind), CancellationToken.None);

    private static void Box(TextWord word, double x, double y, double width, double height)
    {
        Assert.Equal(x, word.X, 6);
        Assert.Equal(y, word.Y, 6);
        Assert.Equal(width, word.Width, 6);
        Assert.Equal(height, word.Height, 6);
    }

    private static TextWord Word(TextPage page, string text) => Assert.Single(page.Words, w => w.Text == text);

    [Fact]
    public async Task an_image_is_read_with_prebuilt_read_into_pixel_boxes_from_the_bottom_left_with_confidences()
    {
        await using var services = Services();
        Assert.Equal("azure", Engine(services).Name);

        var result = await Read(services, Png, ContentKind.Png);

        Assert.Null(result.Failure);
        var text = Assert.IsType<DocumentText>(result.Text);
        Assert.Equal("ocr:azure", text.Source);
        var page = Assert.Single(text.Pages);
        Assert.Equal((1, 1688.0, 3000.0, 0), (page.Number, page.Width, page.Height, page.Rotation));
        // Azure: 0.0865° clockwise; the layout model counts counter-clockwise.
        Assert.Equal(-0.08654925227165222, page.Skew, 9);

        // "Contoso" [621,284, 1039,273, 1042,385, 621,400] (origin top-left): x 621..1042, y 273..400 → bottom 3000 - 400.
        var contoso = Word(page, "Contoso");
        Box(contoso, 621, 2600, 421, 127);
        Assert.Equal(0.994, contoso.Confidence);
        Assert.Equal(0.961, Word(page, "$1203.39").Confidence);
        Assert.Equal(6, page.Words.Count);
        Assert.Equal("Contoso\n123 Main Street\nTotal   $1203.39", page.Text);

        var call = Assert.Single(result.Calls);
        Assert.Equal(("azure", "ocr", "prebuilt-read", 1, true, (string?)null),
            (call.Provider, call.Operation, call.Model, call.Attempts, call.Succeeded, call.Error));

        var requests = Stub.Requests.ToArray();
        Assert.Equal(["POST", "GET", "GET"], requests.Select(r => r.Method));
        Assert.Equal("/documentintelligence/documentModels/prebuilt-read:analyze", requests[0].Path);
        using var body = JsonDocument.Parse(requests[0].Body);
        Assert.Equal(Png, Convert.FromBase64String(body.RootElement.GetProperty("base64Source").GetString()!));
    }

    [Fact]
    public async Task a_pdf_is_read_into_points_like_the_pdf_text_layer_page_by_page()
    {
        // The v3 route sends the raw bytes with their media type: application/pdf for a PDF.
        await using var services = Services(new() { ["Documents:Azure:ApiVersion"] = "2023-07-31", ["Documents:Azure:ReadModel"] = "my-read" });

        var result = await Read(services, Pdf, ContentKind.Pdf);

        var text = Assert.IsType<DocumentText>(result.Text);
        Assert.Equal([1, 2], text.Pages.Select(p => p.Number));
        var page = text.Pages[0];
        Assert.Equal((612.0, 792.0, 0, 0.0), (page.Width, page.Height, page.Rotation, page.Skew));

        // "INVOICE" [6.0,0.5, 7.5,0.5, 7.5,0.8, 6.0,0.8] inches: x 432 pt, bottom (11 - 0.8) × 72 = 734.4 pt, 108 × 21.6 pt.
        var invoice = Word(page, "INVOICE");
        Box(invoice, 432, 734.4, 108, 21.6);
        Assert.Equal(0.998, invoice.Confidence);
        Box(Word(page, "$110.00"), 489.6, 129.6, 50.4, 14.4);
        Assert.Equal("CONTOSO LTD.   INVOICE\nTotal   $110.00", page.Text);
        Assert.Equal("Thank", text.Pages[1].Text);

        Assert.Equal("my-read", Assert.Single(result.Calls).Model);
        var analyze = Stub.Requests.First();
        Assert.Equal(("/formrecognizer/documentModels/my-read:analyze", "application/pdf"), (analyze.Path, analyze.ContentType));
        Assert.Equal(Pdf, analyze.Body);
    }

    [Fact]
    public async Task a_server_error_that_outlasts_the_retries_is_engine_failed_with_the_failed_call_recorded()
    {
        Stub.AnalyzeAlways = new StubFault.Status(500, ErrorCode: "InternalServerError", Message: "An unexpected error occurred.");
        await using var services = Services(new() { ["Resilience:Dependencies:DocumentIntelligence:MaxRetryAttempts"] = "2" });

        var result = await Read(services, Png, ContentKind.Png);

        Assert.Equal(OcrFailures.EngineFailed, result.Failure);
        Assert.Null(result.Text);
        Assert.Contains("HTTP 500", result.Detail, StringComparison.Ordinal);
        var call = Assert.Single(result.Calls);
        Assert.Equal(("azure", "ocr", "prebuilt-read", 3, false), (call.Provider, call.Operation, call.Model, call.Attempts, call.Succeeded));
        Assert.StartsWith("InternalServerError: ", call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_failed_operation_is_engine_failed_with_the_services_code()
    {
        Stub.Outcome = (_, _, _) => AzureDocumentIntelligenceStub.Failed("InvalidContent", "The file is corrupted or format is unsupported.", "InvalidContentFormat");
        await using var services = Services();

        var result = await Read(services, Png, ContentKind.Png);

        Assert.Equal(OcrFailures.EngineFailed, result.Failure);
        Assert.Contains("The file is corrupted", result.Detail, StringComparison.Ordinal);
        var call = Assert.Single(result.Calls);
        Assert.Equal((1, false), (call.Attempts, call.Succeeded));
        Assert.StartsWith("InvalidContent: ", call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_result_without_words_is_no_text_with_the_successful_call_recorded()
    {
        Stub.Outcome = (model, version, _) => new()
        {
            ["status"] = "succeeded",
            ["analyzeResult"] = AzureResults.ReadResult(version, model,
                AzureResults.ReadPage(1, 0, 1700, 2200, "pixel", []), AzureResults.ReadPage(2, 0, 1700, 2200, "pixel", [])),
        };
        await using var services = Services();

        var result = await Read(services, Png, ContentKind.Png);

        Assert.Equal(OcrFailures.NoText, result.Failure);
        Assert.Null(result.Text);
        Assert.True(Assert.Single(result.Calls).Succeeded);
    }

    [Fact]
    public async Task without_an_endpoint_it_fails_without_calling_anything()
    {
        await using var services = Services(new() { ["Documents:Azure:Endpoint"] = "" });

        var result = await Read(services, Png, ContentKind.Png);

        Assert.Equal(OcrFailures.EngineFailed, result.Failure);
        Assert.Contains("Documents:Azure is not configured", result.Detail, StringComparison.Ordinal);
        Assert.Empty(result.Calls);
        Assert.Empty(Stub.Requests);
    }

    [Theory]
    [InlineData(ContentKind.Xml)]
    [InlineData(ContentKind.Text)]
    [InlineData(ContentKind.Unknown)]
    public async Task content_that_is_neither_image_nor_pdf_is_not_sent(ContentKind kind)
    {
        await using var services = Services();

        var result = await Read(services, Pdf, kind);

        Assert.Equal(OcrFailures.ImageUnreadable, result.Failure);
        Assert.Empty(Stub.Requests);
    }

    [Fact]
    public async Task cancellation_is_thrown()
    {
        Stub.RunningPolls = 1000;
        await using var services = Services();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Engine(services).ReadAsync(new OcrRequest(Guid.NewGuid(), Png, ContentKind.Png), cts.Token));
    }

    [Fact]
    public void a_page_turned_a_quarter_clockwise_is_turned_upright_and_the_rest_of_the_angle_is_skew()
    {
        // Content turned 90.5° clockwise on a portrait 8.5 × 11 in page: it reads top to bottom along the right edge.
        // The word at the content's top-left (1..3 in across, 1..1.25 in down, on an 11 × 8.5 in landscape content page)
        // sits at x 7.25..7.5, y 1..3 on the page as sent.
        var page = AzureReadMapping.ToTextPage(new AnalyzedPage(1, 90.5, 8.5, 11, "inch",
            [new AnalyzedWord("Sideways", [7.5, 1, 7.5, 3, 7.25, 3, 7.25, 1], 0.9, null)]));

        Assert.Equal((270, 792.0, 612.0), (page.Rotation, page.Width, page.Height));
        Assert.Equal(-0.5, page.Skew, 9);
        Box(Assert.Single(page.Words), 72, 612 - 90, 144, 18);
    }

    [Theory]
    [InlineData(180.0, 180, 0.0)]
    [InlineData(-90.0, 90, 0.0)]
    [InlineData(-2.0, 0, 2.0)]
    [InlineData(178.0, 180, -(178.0 - 180))]
    public void azure_angles_map_to_a_clockwise_turn_and_a_counter_clockwise_skew(double angle, int rotation, double skew)
    {
        var page = AzureReadMapping.ToTextPage(new AnalyzedPage(1, angle, 100, 200, "pixel", [new AnalyzedWord("x", [10, 20, 30, 20, 30, 40, 10, 40], null, null)]));
        Assert.Equal(rotation, page.Rotation);
        Assert.Equal(skew, page.Skew, 9);
        Assert.Equal(rotation == 90 ? (200.0, 100.0) : (100.0, 200.0), (page.Width, page.Height));
    }
}
