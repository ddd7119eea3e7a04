using Monolith.Documents.Tests.Extraction.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkiaSharp;

namespace Monolith.Documents.Tests.Ocr;

/// <summary>
/// Photos and scans made in the test: a text PDF (generated, so the test owns every word) rendered to pixels by PDFium,
/// then slanted, turned, saved as JPEG/PNG or wrapped as the only content of a PDF page, as a scanner does.
/// </summary>
internal static class TestScans
{
    public static SKBitmap Render(string[] lines, int dpi = 150)
    {
        var pdf = TestPdfs.WithText(lines);
#pragma warning disable CA1416 // PDFtoImage is annotated for the platforms it ships natives for, Linux among them.
        return PDFtoImage.Conversion.ToImage(pdf, page: 0, options: new PDFtoImage.RenderOptions(Dpi: dpi, WithAnnotations: false, BackgroundColor: SKColors.White));
#pragma warning restore CA1416
    }

    /// <summary>The lines as a photo: turned clockwise by <paramref name="turn"/> degrees after a slant of <paramref name="skew"/>.</summary>
    public static byte[] Photo(string[] lines, double skew = 0, int turn = 0, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, int dpi = 150)
    {
        using var page = Render(lines, dpi);
        using var slanted = Rotate(page, skew);
        using var turned = Rotate(slanted, turn);
        using var data = turned.Encode(format, 85);
        return data.ToArray();
    }

    /// <summary>A PDF whose only page content is a picture of the lines: no text layer, as a scanner writes it.</summary>
    public static byte[] ScannedPdf(string[] lines, double skew = 0)
    {
        var picture = Photo(lines, skew, format: SKEncodedImageFormat.Jpeg, dpi: 150);
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        using (var stream = new MemoryStream(picture))
        using (var image = XImage.FromStream(stream))
            graphics.DrawImage(image, 0, 0, page.Width.Point, page.Height.Point);
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static SKBitmap Rotate(SKBitmap source, double degrees)
    {
        if (degrees == 0) return source.Copy();
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Abs(Math.Cos(radians)), Math.Abs(Math.Sin(radians)));
        var width = (int)Math.Round((source.Width * cos) + (source.Height * sin));
        var height = (int)Math.Round((source.Width * sin) + (source.Height * cos));
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        canvas.Translate(width / 2f, height / 2f);
        canvas.RotateDegrees((float)degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return result;
    }
}
