using System.Runtime.Versioning;
using Monolith.Documents.Intake;
using PDFtoImage;
using PDFtoImage.Exceptions;
using SkiaSharp;

namespace Monolith.Documents.Ocr;

/// <summary>
/// A PDF (a scan, usually), its pages rendered by PDFium at <see cref="PageImageLimits.PdfDpi"/> on white. PDFtoImage
/// serialises every PDFium call behind one lock, so documents may be rendered from several threads.
/// </summary>
[SupportedOSPlatform("windows")]
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal sealed class PdfPageImages : CheckedPageImages
{
    private const double PointsPerInch = 72;

    private readonly byte[] pdf;

    private PdfPageImages(byte[] pdf, PageSize[] sizes) : base(ContentKind.Pdf, sizes) => this.pdf = pdf;

    public static PdfPageImages Open(byte[] pdf, PageImageLimits limits)
    {
        try
        {
            PageFailure.CheckPageCount(ContentKind.Pdf, Conversion.GetPageCount(pdf), limits);
            // Sizes in points with the page's /Rotate applied, so pixels are upright like the rendered page.
            var sizes = Conversion.GetPageSizes(pdf)
                .Select(s => new PageSize(Pixels(s.Width, limits.PdfDpi), Pixels(s.Height, limits.PdfDpi)))
                .ToArray();
            PageFailure.CheckSizes(sizes, limits);
            return new PdfPageImages(pdf, sizes);
        }
        catch (PdfPasswordProtectedException)
        {
            throw PageFailure.Unreadable("The PDF is protected by a password.");
        }
        catch (PdfException)
        {
            throw PageFailure.Unreadable(PageFailure.Corrupt(ContentKind.Pdf));
        }
    }

    protected override SKBitmap DecodePage(int index)
    {
        // The size is given in pixels (rounded, as checked) rather than as dpi, which PDFtoImage truncates: US Letter at
        // 100 dpi is 850 × 1100, not 849 × 1100.
        var size = CheckedSize(index);
        var options = new RenderOptions(Width: (int)size.Width, Height: (int)size.Height, WithAnnotations: true, WithFormFill: true,
            BackgroundColor: SKColors.White);
        return PagePixels.CopyToPage(Conversion.ToImage(pdf, index, options: options));
    }

    private static long Pixels(float points, int dpi)
    {
        var pixels = Math.Round(points * dpi / PointsPerInch);
        return double.IsNaN(pixels) || pixels <= 0 ? 0 : (long)Math.Min(pixels, int.MaxValue);
    }
}
