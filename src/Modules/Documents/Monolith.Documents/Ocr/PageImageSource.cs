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
/// <remarks>
/// Every page comes out as <see cref="SKColorType.Rgba8888"/> with <see cref="SKAlphaType.Opaque"/>. Content with a single
/// page is decoded once at <see cref="Open"/> (after the header checks), so a truncated photo fails there rather than in
/// <see cref="PageImages.Decode"/>; the first <c>Decode(0)</c> hands that bitmap over. Later pages of a TIFF or a PDF are
/// decoded on demand and a broken one throws <see cref="PageImageException"/>. The content is copied, so the caller may
/// reuse its buffer; different documents may be opened and decoded on different threads at once.
/// </remarks>
public static class PageImageSource
{
    public static PageImagesOpen Open(ReadOnlyMemory<byte> content, ContentKind kind, PageImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        PageImages? images = null;
        try
        {
            if (content.IsEmpty)
                throw PageFailure.Unreadable("The file is empty.");
            images = kind switch
            {
                ContentKind.Png or ContentKind.Jpeg => CodecPageImages.Open(content.Span, kind, limits),
                ContentKind.Tiff => TiffPageImages.Open(content.ToArray(), limits),
                ContentKind.Pdf when OperatingSystem.IsWindows() || OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() =>
                    PdfPageImages.Open(content.ToArray(), limits),
                ContentKind.Pdf => throw PageFailure.Unreadable("PDF pages cannot be rendered on this operating system."),
                _ => throw PageFailure.Unreadable($"Content recognised as {kind} is neither an image nor a PDF."),
            };
            if (images is CheckedPageImages { PageCount: 1 } single)
                single.DecodeAhead();
            return new(images, null, null);
        }
        catch (PageImageException e)
        {
            images?.Dispose();
            return new(null, e.Failure, e.Message);
        }
#pragma warning disable CA1031 // Decoders throw many exception types on malformed files (format, index, overflow, their own); all mean "unreadable".
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
#pragma warning restore CA1031
        {
            images?.Dispose();
            return PageFailure.IsMissingNativeLibrary(e)
                ? new(null, OcrFailures.EngineFailed, PageFailure.EngineFailed(kind, e).Message)
                : new(null, OcrFailures.ImageUnreadable, PageFailure.Corrupt(kind));
        }
    }
}

/// <summary>A page's size in pixels as its header states it, upright (width and height swapped for a rotated orientation).</summary>
internal readonly record struct PageSize(long Width, long Height)
{
    public long Pixels => Width * Height;
}

/// <summary>The failures and their sentences, shared by every format.</summary>
internal static class PageFailure
{
    public static PageImageException Unreadable(string detail) => new(OcrFailures.ImageUnreadable, detail);

    public static string Corrupt(ContentKind kind) =>
        $"The {Name(kind)} could not be read; it is corrupt, truncated or uses an encoding that is not supported.";

    /// <summary>The sentence for a page whose header passed but whose pixels do not decode.</summary>
    public static PageImageException Undecodable(ContentKind kind, int index, int pageCount) => Unreadable(pageCount == 1
        ? $"The {Name(kind)} could not be decoded; its pixel data is truncated or corrupt."
        : FormattableString.Invariant($"Page {index + 1} of the {Name(kind)} could not be decoded; its pixel data is truncated or corrupt."));

    /// <summary>A native decoder (PDFium, Skia) that is missing or does not load is not the file's fault.</summary>
    public static bool IsMissingNativeLibrary(Exception e) =>
        e is DllNotFoundException or EntryPointNotFoundException || e.InnerException is DllNotFoundException or EntryPointNotFoundException;

    public static PageImageException EngineFailed(ContentKind kind, Exception e) => new(OcrFailures.EngineFailed,
        $"The native library that decodes {Name(kind)} files could not be loaded ({e.GetType().Name}).");

    public static string Name(ContentKind kind) => kind switch
    {
        ContentKind.Png => "PNG",
        ContentKind.Jpeg => "JPEG",
        ContentKind.Tiff => "TIFF",
        ContentKind.Pdf => "PDF",
        _ => kind.ToString(),
    };

    /// <summary>Throws unless <paramref name="count"/> pages are within <see cref="PageImageLimits.MaxPages"/>.</summary>
    public static void CheckPageCount(ContentKind kind, int count, PageImageLimits limits, bool countIsLowerBound = false)
    {
        if (count <= 0)
            throw Unreadable($"The {Name(kind)} has no pages.");
        if (count > limits.MaxPages)
            throw new PageImageException(OcrFailures.TooManyPages, FormattableString.Invariant(
                $"The {Name(kind)} has {(countIsLowerBound ? "more than " + limits.MaxPages : count)} pages; the limit is {limits.MaxPages} (Documents:Ocr:MaxPages)."));
    }

    /// <summary>Throws unless every page has a size and is within the pixel limits; called before any pixel is decoded.</summary>
    public static void CheckSizes(IReadOnlyList<PageSize> sizes, PageImageLimits limits)
    {
        for (var i = 0; i < sizes.Count; i++)
        {
            var (width, height) = (sizes[i].Width, sizes[i].Height);
            var page = sizes.Count == 1 ? "The page" : FormattableString.Invariant($"Page {i + 1}");
            if (width <= 0 || height <= 0)
                throw Unreadable(FormattableString.Invariant($"{page} claims to be {width} × {height} pixels; a page needs a width and a height."));
            if (sizes[i].Pixels > limits.MaxPixelsPerPage)
                throw new PageImageException(OcrFailures.ImageTooLarge, FormattableString.Invariant(
                    $"{page} is {width} × {height} pixels ({Megapixels(sizes[i].Pixels)} MP); the limit is {Megapixels(limits.MaxPixelsPerPage)} MP (Documents:Ocr:MaxPixelsPerPage)."));
            if (Math.Max(width, height) > limits.MaxSidePixels)
                throw new PageImageException(OcrFailures.ImageTooLarge, FormattableString.Invariant(
                    $"{page} is {width} × {height} pixels; the longest side allowed is {limits.MaxSidePixels} pixels (Documents:Ocr:MaxSidePixels)."));
        }
    }

    private static string Megapixels(long pixels) => FormattableString.Invariant($"{pixels / 1_000_000d:0.##}");
}

/// <summary>
/// The part every format shares: pages whose sizes passed the limits, decoded on demand, every decoder failure turned into a
/// <see cref="PageImageException"/>, and the single page of a one-page file decoded ahead at open.
/// </summary>
internal abstract class CheckedPageImages(ContentKind kind, IReadOnlyList<PageSize> sizes) : PageImages
{
    private SKBitmap? decodedAhead;
    private bool disposed;

    public override int PageCount => sizes.Count;

    /// <summary>Page <paramref name="index"/>'s upright size from the header, as checked against the limits at open.</summary>
    protected PageSize CheckedSize(int index) => sizes[index];

    /// <summary>Decodes page <paramref name="index"/>; its size was checked against the limits at open.</summary>
    protected abstract SKBitmap DecodePage(int index);

    public sealed override SKBitmap Decode(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PageCount);
        if (index == 0 && Interlocked.Exchange(ref decodedAhead, null) is { } ahead)
            return ahead;
        SKBitmap? bitmap = null;
        try
        {
            bitmap = DecodePage(index);
            // A decoder that disagrees with the header it was checked against must not hand over something else.
            if (new PageSize(bitmap.Width, bitmap.Height) != sizes[index])
                throw new InvalidDataException();
            return bitmap;
        }
        catch (PageImageException)
        {
            bitmap?.Dispose();
            throw;
        }
#pragma warning disable CA1031 // Decoders throw many exception types on malformed pages; all mean "unreadable".
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
#pragma warning restore CA1031
        {
            bitmap?.Dispose();
            throw PageFailure.IsMissingNativeLibrary(e) ? PageFailure.EngineFailed(kind, e) : PageFailure.Undecodable(kind, index, PageCount);
        }
    }

    internal void DecodeAhead() => decodedAhead = Decode(0);

    public override void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            Interlocked.Exchange(ref decodedAhead, null)?.Dispose();
            Release();
        }
        base.Dispose();
    }

    /// <summary>Frees what the format holds (native data); called once.</summary>
    protected virtual void Release() { }
}
