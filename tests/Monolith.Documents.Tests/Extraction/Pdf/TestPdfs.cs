using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.WPFonts;

namespace Monolith.Documents.Tests.Extraction.Pdf;

/// <summary>PDFs generated in code, so the tests own every input and run where no corpus exists.</summary>
internal static class TestPdfs
{
    private static readonly Lock Gate = new();

    public static byte[] WithText(params string[][] pagesOfLines) => Build(pagesOfLines, configure: null);

    public static byte[] Build(IReadOnlyList<string[]> pagesOfLines, Action<PdfDocument>? configure, Action<PdfPage>? sizePage = null)
    {
        EnsureFonts();
        using var document = new PdfDocument();
        var font = new XFont("Segoe WP", 11);
        foreach (var lines in pagesOfLines)
        {
            var page = document.AddPage();
            sizePage?.Invoke(page);
            using var graphics = XGraphics.FromPdfPage(page);
            var y = 60.0;
            foreach (var line in lines)
            {
                graphics.DrawString(line, font, XBrushes.Black, new XPoint(50, y));
                y += 16;
            }
            if (lines.Length == 0)
                graphics.DrawRectangle(XPens.Black, XBrushes.LightGray, 50, 50, 200, 300); // a "scan": marks but no text
        }
        configure?.Invoke(document);
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A structurally valid PDF whose page tree is empty; PDFsharp refuses to write one, so it is written by hand.</summary>
    public static byte[] WithoutPages() =>
        Monolith.Testing.SampleDocuments.Pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]);

    private static void EnsureFonts()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            // PDFsharp 6.5 refuses to work until a licence is chosen. Only this test project uses it (to generate inputs,
            // never shipped), under the free AGPL licence; production code reads PDFs with PdfPig (Apache-2.0).
            PdfSharp.PdfSharpLicense.SetAgplLicense();
        }
    }

    /// <summary>Serves PDFsharp's bundled Segoe WP for every family, so generation does not depend on installed fonts.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "SegoeWP-Bold" : "SegoeWP");

        public byte[] GetFont(string faceName) => faceName == "SegoeWP-Bold" ? FontDataHelper.SegoeWPBold : FontDataHelper.SegoeWP;
    }
}
