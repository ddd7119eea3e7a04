using SkiaSharp;

namespace Monolith.Documents.Ocr;

/// <summary>
/// The one pixel format every page is handed over in: <see cref="SKColorType.Rgba8888"/>, <see cref="SKAlphaType.Opaque"/>,
/// upright. Decoders write premultiplied RGBA into <see cref="Blank"/>'s pixels and <see cref="FlattenOntoWhite"/> finishes
/// it in place, so a page costs one buffer, not two.
/// </summary>
internal static class PagePixels
{
    /// <summary>The layout decoders write in before flattening (same bytes per pixel as the page itself).</summary>
    public static SKImageInfo Premultiplied(int width, int height) => new(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);

    public static SKBitmap Blank(int width, int height) => new(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));

    /// <summary>
    /// Composes premultiplied RGBA onto white in place (over white, each channel gains 255 − alpha) and makes every pixel
    /// opaque, as a browser shows a transparent image on a white page.
    /// </summary>
    public static void FlattenOntoWhite(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i + 3 < pixels.Length; i += 4)
        {
            var alpha = pixels[i + 3];
            if (alpha == byte.MaxValue)
                continue;
            var gain = byte.MaxValue - alpha;
            pixels[i] = (byte)Math.Min(byte.MaxValue, pixels[i] + gain);
            pixels[i + 1] = (byte)Math.Min(byte.MaxValue, pixels[i + 1] + gain);
            pixels[i + 2] = (byte)Math.Min(byte.MaxValue, pixels[i + 2] + gain);
            pixels[i + 3] = byte.MaxValue;
        }
    }

    /// <summary>Copies any bitmap into a page (converting its colour type) on white; disposes <paramref name="source"/>.</summary>
    public static SKBitmap CopyToPage(SKBitmap source)
    {
        using (source)
        {
            var page = Blank(source.Width, source.Height);
            using var pixmap = source.PeekPixels();
            if (pixmap is null || !pixmap.ReadPixels(Premultiplied(source.Width, source.Height), page.GetPixels(), page.RowBytes))
            {
                page.Dispose();
                throw new InvalidOperationException("The rendered page could not be converted to RGBA.");
            }
            FlattenOntoWhite(page);
            return page;
        }
    }

    /// <summary>
    /// The bitmap as a person sees it: rotated or mirrored by its EXIF or TIFF orientation (the same eight values), as browsers
    /// show photos. Returns <paramref name="stored"/> itself when it is upright, otherwise a new bitmap and disposes it.
    /// </summary>
    public static SKBitmap Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft || !Enum.IsDefined(origin))
            return stored;
        using (stored)
        {
            float w = stored.Width, h = stored.Height;
            var swapsSides = origin >= SKEncodedOrigin.LeftTop;
            // Maps a stored pixel (x, y) to where a viewer draws it: x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY.
            var matrix = origin switch
            {
                SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
                SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
                SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
                SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
                SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
                _ => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1), // LeftBottom
            };
            var upright = swapsSides ? Blank(stored.Height, stored.Width) : Blank(stored.Width, stored.Height);
            using var canvas = new SKCanvas(upright);
            canvas.SetMatrix(matrix);
            canvas.DrawBitmap(stored, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
            canvas.Flush();
            return upright;
        }
    }

    /// <summary>The upright size of a stored <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static PageSize UprightSize(long width, long height, SKEncodedOrigin origin) =>
        origin is >= SKEncodedOrigin.LeftTop and <= SKEncodedOrigin.LeftBottom ? new(height, width) : new(width, height);
}
