using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Monolith.Documents.Features.GetDocumentContent;
using Monolith.Documents.Intake;
using Monolith.Documents.Ocr;
using Monolith.Documents.Storage;
using SkiaSharp;
using Wolverine.Http;

namespace Monolith.Documents.Features.GetPageImage;

/// <summary>
/// One page of an image or PDF as a PNG, for the review screen's word overlay: the decoded image (turned as it was
/// turned for reading, so the layout's boxes fit it) or the rendered PDF page. Decoding is bounded by the OCR limits,
/// and a file that does not decode is a 422 with the reason, never a 500. Served like <c>/content</c>: tenant-scoped,
/// sandboxed, <c>nosniff</c>, privately cached under an ETag of the content hash, page and rotation.
/// </summary>
public static class GetPageImageEndpoint
{
    /// <summary>Longest side of the served image; the overlay is in page units, so a smaller image only looks softer.</summary>
    public const int MaxSidePixels = 2400;

    [WolverineGet("/api/documents/{id}/pages/{number}/image", OperationId = "GetDocumentPageImage")]
    [Tags("Documents")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<IResult> Image(Guid id, int number, HttpContext http, IQuerySession session, DocumentFiles files,
        IOptions<OcrOptions> options, CancellationToken ct)
    {
        var document = await session.LoadAsync<ProcessedDocument>(id, ct);
        if (document is null) return GetDocumentContentEndpoint.NotFound(id);

        var layout = (await session.LoadAsync<DocumentTextRecord>(id, ct))?.Text;
        var known = layout?.Pages.Count(p => p.Words.Count > 0) > 0 ? layout.Pages.Count : (int?)null;
        if (number < 1 || number > known) return NoPage(id, number, known);

        var content = await files.LoadAsync(session.TenantId, id, ct);
        if (content is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document content not found",
                detail: $"The stored file of document {id} was not found.");
        var kind = ContentSniffer.Detect(content).Kind;
        if (kind is not (ContentKind.Pdf or ContentKind.Png or ContentKind.Jpeg or ContentKind.Tiff))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No page images",
                detail: $"Document {id} is {document.MediaType}, which has no pages to show as images.");

        var rotation = layout?.Pages.FirstOrDefault(p => p.Number == number)?.Rotation ?? 0;
        GetDocumentContentEndpoint.ProtectContent(http.Response, sandbox: true);
        if (GetDocumentContentEndpoint.NotModified(http, $"\"{document.ContentHash}.{number}.{rotation}\""))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        // A failure is not the page's image: no ETag for it.
        IResult Failed(IResult problem)
        {
            http.Response.Headers.Remove(HeaderNames.ETag);
            return problem;
        }
        try
        {
            var opened = PageImageSource.Open(content, kind, PageImageLimits.From(options.Value));
            using var pages = opened.Images;
            if (pages is null) return Failed(Unreadable(id, opened.Failure, opened.Detail));
            if (number > pages.PageCount) return Failed(NoPage(id, number, pages.PageCount));
            using var page = pages.Decode(number - 1);
            return Results.Bytes(Png(page, rotation), "image/png");
        }
        catch (PageImageException e)
        {
            return Failed(Unreadable(id, e.Failure, e.Message));
        }
#pragma warning disable CA1031 // Decoders are native code fed with uploaded bytes; whatever they throw, the answer is "cannot be shown", not a 500.
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Failed(Unreadable(id, OcrFailures.ImageUnreadable, "The file could not be decoded."));
        }
    }

    /// <summary>The page turned clockwise by <paramref name="rotation"/> degrees and no larger than <see cref="MaxSidePixels"/>, as PNG.</summary>
    internal static byte[] Png(SKBitmap page, int rotation)
    {
        var turn = ((rotation % 360) + 360) % 360 / 90 * 90;
        var sideways = turn is 90 or 270;
        var scale = Math.Min(1.0, (double)MaxSidePixels / Math.Max(page.Width, page.Height));
        int width = Math.Max(1, (int)Math.Round(page.Width * scale)), height = Math.Max(1, (int)Math.Round(page.Height * scale));
        using var output = new SKBitmap(sideways ? height : width, sideways ? width : height);
        using (var canvas = new SKCanvas(output))
        {
            canvas.Clear(SKColors.White);
            canvas.Translate(output.Width / 2f, output.Height / 2f);
            canvas.RotateDegrees(turn);
            canvas.Translate(-width / 2f, -height / 2f);
            using var image = SKImage.FromBitmap(page);
            canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var data = output.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static IResult NoPage(Guid id, int number, int? pages) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Page not found",
            detail: pages is null ? $"Document {id} has no page {number}." : $"Document {id} has no page {number}; it has {pages} page(s).");

    private static IResult Unreadable(Guid id, string? failure, string? detail) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Page image unavailable",
            detail: $"The pages of document {id} cannot be shown as images: {detail ?? failure}",
            extensions: new Dictionary<string, object?> { ["reason"] = failure });
}
