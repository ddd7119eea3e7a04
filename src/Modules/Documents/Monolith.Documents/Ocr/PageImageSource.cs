using Monolith.Documents.Intake;
using SkiaSharp;

namespace Monolith.Documents.Ocr;

/// <summary>Bounds on what is decoded; checked from the file's headers before any pixel is decoded.</summary>
public sealed record PageImageLimits(int MaxPages, long MaxPixelsPerPage, int MaxSidePixels, int PdfDpi)
{
    public static PageImageLimits From(OcrOptions o) => new(o.MaxPages, o.MaxPixelsPerPage, o.MaxSidePixels, o.PdfDpi);
}

/// <summary>A page that could not be decoded although the file opened (a truncated second TIFF page, say).</summary>
public sealed class PageImageException(string failure, string detail) : Exception(detail)
{
    public string Failure { get; } = failure;
}

/// <summary>The pages of an image or a PDF, decoded one at a time (a 20-page TIFF is never in memory at once).</summary>
public abstract class PageImages : IDisposable
{
    public abstract int PageCount { get; }

    /// <summary>
    /// Page <paramref name="index"/> (0-based) as an upright RGBA bitmap on a white background (EXIF orientation applied,
    /// transparency flattened); the caller disposes it. Throws <see cref="PageImageException"/> when the page cannot be decoded.
    /// </summary>
    public abstract SKBitmap Decode(int index);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Either the opened pages or why they cannot be read (<see cref="OcrFailures"/>).</summary>
public sealed record PageImagesOpen(PageImages? Images, string? Failure, string? Detail);

/// <summary>
/// Opens PNG, JPEG, TIFF (multi-page) and PDF content as page images. Never throws for bad input: a file that does not
/// decode is <see cref="OcrFailures.ImageUnreadable"/>, one beyond the limits <see cref="OcrFailures.ImageTooLarge"/> or
/// <see cref="OcrFailures.TooManyPages"/>, decided from the headers so a decompression bomb is refused unopened.
/// </summary>
public static class PageImageSource
{
    public static PageImagesOpen Open(ReadOnlyMemory<byte> content, ContentKind kind, PageImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        // Minimal first version (PNG and JPEG through Skia); TIFF, PDF, EXIF orientation and header checks to follow.
        var bitmap = SKBitmap.Decode(content.ToArray());
        if (bitmap is null) return new(null, OcrFailures.ImageUnreadable, "The image could not be decoded.");
        if ((long)bitmap.Width * bitmap.Height > limits.MaxPixelsPerPage)
        {
            bitmap.Dispose();
            return new(null, OcrFailures.ImageTooLarge, "The image has too many pixels.");
        }
        return new(new Single(bitmap), null, null);
    }

    private sealed class Single(SKBitmap bitmap) : PageImages
    {
        public override int PageCount => 1;
        public override SKBitmap Decode(int index) => bitmap.Copy();
        public override void Dispose() { bitmap.Dispose(); base.Dispose(); }
    }
}
