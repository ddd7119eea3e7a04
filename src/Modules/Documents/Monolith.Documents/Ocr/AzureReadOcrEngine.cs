using Microsoft.Extensions.Options;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Azure;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Intake;

namespace Monolith.Documents.Ocr;

/// <summary>
/// OCR through Azure Document Intelligence's read model (<c>Documents:Azure:ReadModel</c>, <c>prebuilt-read</c>): the
/// document goes to the service as it is (images and PDFs, every page), its words come back with polygons and
/// confidences and are mapped by <see cref="AzureReadMapping"/>. One <see cref="ProviderCall"/> (<c>azure</c>/<c>ocr</c>)
/// is recorded whether the call succeeds or not. Service failures become <see cref="OcrFailures.EngineFailed"/>; only
/// cancellation is thrown.
/// </summary>
public sealed class AzureReadOcrEngine(
    AzureDocumentIntelligenceClient client,
    IOptions<AzureDocumentIntelligenceOptions> options,
    TimeProvider timeProvider) : IOcrEngine
{
    public const string EngineName = "azure";
    public const string Operation = "ocr";

    public string Name => EngineName;

    public async Task<OcrResult> ReadAsync(OcrRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (MediaType(request.Kind) is not { } mediaType)
            return OcrResult.Failed(OcrFailures.ImageUnreadable, $"Azure OCR reads PNG, JPEG, TIFF and PDF, not {request.Kind}.");
        if (!client.IsConfigured)
            return OcrResult.Failed(OcrFailures.EngineFailed,
                $"Azure OCR cannot run: {AzureDocumentIntelligenceOptions.Section} is not configured ({AzureDocumentIntelligenceOptions.Section}:Endpoint is empty).");

        var model = options.Value.ReadModel;
        var started = timeProvider.GetTimestamp();
        AzureAnalyzeResponse response;
        try
        {
            response = await client.AnalyzeAsync(model, request.Content, mediaType, ct).ConfigureAwait(false);
        }
        catch (AzureDocumentIntelligenceException e)
        {
            var failed = new ProviderCall(Name, Operation, model, e.Attempts, Elapsed(started), Succeeded: false, $"{e.ErrorCode}: {e.Message}");
            return OcrResult.Failed(OcrFailures.EngineFailed, e.Message, [failed]);
        }

        ProviderCall[] calls = [new(Name, Operation, model, response.Attempts, Elapsed(started), Succeeded: true, Error: null)];
        var text = AzureReadMapping.ToDocumentText(response.Result, $"ocr:{Name}");
        return text.Pages.All(p => p.Words.Count == 0)
            ? OcrResult.Failed(OcrFailures.NoText, $"Azure {model} found no words on {text.Pages.Count} page(s).", calls)
            : new OcrResult(text, null, null, calls);
    }

    /// <summary>The media type the service is told; null for content that is neither an image nor a PDF.</summary>
    public static string? MediaType(ContentKind kind) => kind switch
    {
        ContentKind.Png => "image/png",
        ContentKind.Jpeg => "image/jpeg",
        ContentKind.Tiff => "image/tiff",
        ContentKind.Pdf => "application/pdf",
        _ => null,
    };

    private long Elapsed(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>
/// <c>analyzeResult.pages</c> in the layout model: words as axis-aligned boxes with the origin at the bottom-left, in
/// points for PDF pages (Azure's inches × 72, like the PDF text layer) and in pixels for images.
/// <para>
/// Azure's page <c>angle</c> is the orientation of the content, clockwise positive, in (-180, 180], and the polygons are
/// in the page as sent. A page whose content is turned by about a quarter turn or more is turned upright here:
/// <see cref="TextPage.Rotation"/> is the clockwise turn applied (0, 90, 180, 270) and the boxes and page size are those
/// of the turned page. What remains is <see cref="TextPage.Skew"/>, counter-clockwise positive (so the negated residual
/// angle). The page text is built from the words in reading order after undoing that skew.
/// </para>
/// </summary>
public static class AzureReadMapping
{
    public const double PointsPerInch = 72;

    public static DocumentText ToDocumentText(AnalyzeResult result, string source)
    {
        ArgumentNullException.ThrowIfNull(result);
        var pages = (result.Pages ?? []).OrderBy(p => p.PageNumber).Select(ToTextPage).ToList();
        return new DocumentText(pages, source);
    }

    public static TextPage ToTextPage(AnalyzedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var scale = string.Equals(page.Unit, "inch", StringComparison.OrdinalIgnoreCase) ? PointsPerInch : 1;
        var angle = page.Angle is { } a && double.IsFinite(a) ? a : 0;
        var quarters = (int)Math.Round(angle / 90, MidpointRounding.AwayFromZero);
        var rotation = ((-quarters * 90 % 360) + 360) % 360;
        var skew = -(angle - quarters * 90);

        var (width, height) = (Size(page.Width) * scale, Size(page.Height) * scale);
        var (turnedWidth, turnedHeight) = rotation is 90 or 270 ? (height, width) : (width, height);

        var words = new List<TextWord>();
        foreach (var word in page.Words ?? [])
        {
            if (string.IsNullOrWhiteSpace(word.Content) || word.Polygon is not { Count: >= 4 } polygon || polygon.Count % 2 != 0
                || !polygon.All(double.IsFinite))
            {
                continue;
            }

            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            for (var i = 0; i < polygon.Count; i += 2)
            {
                var (x, y) = Turn(polygon[i] * scale, polygon[i + 1] * scale, width, height, rotation);
                (minX, maxX) = (Math.Min(minX, x), Math.Max(maxX, x));
                (minY, maxY) = (Math.Min(minY, y), Math.Max(maxY, y));
            }
            words.Add(new TextWord(word.Content.Trim(), minX, turnedHeight - maxY, maxX - minX, maxY - minY, word.Confidence));
        }

        return new TextPage(page.PageNumber, LayoutText.Text(Deskewed(words, skew)), words, turnedWidth, turnedHeight, rotation, skew);
    }

    private static double Size(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : 0;

    /// <summary>A point of the page as sent (origin top-left) in the page turned clockwise by <paramref name="rotation"/>.</summary>
    private static (double X, double Y) Turn(double x, double y, double width, double height, int rotation) => rotation switch
    {
        90 => (height - y, x),
        180 => (width - x, height - y),
        270 => (y, width - x),
        _ => (x, y),
    };

    /// <summary>The words with their centres turned by -<paramref name="skew"/> so that slanted lines group into lines.</summary>
    private static List<TextWord> Deskewed(List<TextWord> words, double skew)
    {
        if (Math.Abs(skew) < 0.01) return words;
        var radians = -skew * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        return words.Select(w =>
        {
            var (cx, cy) = (w.X + (w.Width / 2), w.Y + (w.Height / 2));
            var (x, y) = ((cx * cos) - (cy * sin), (cx * sin) + (cy * cos));
            return w with { X = x - (w.Width / 2), Y = y - (w.Height / 2) };
        }).ToList();
    }
}
