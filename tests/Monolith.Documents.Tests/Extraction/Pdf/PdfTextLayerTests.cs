using System.Text;
using Monolith.Documents.Extraction.Pdf;
using PdfSharp.Drawing;

namespace Monolith.Documents.Tests.Extraction.Pdf;

public class PdfTextLayerTests
{
    [Fact]
    public void reads_every_page_with_words_positions_and_size()
    {
        var pdf = TestPdfs.WithText(["Invoice 2024-001", "Total due: 119.00 EUR"], ["Page two", "Thank you"]);

        var result = PdfTextLayer.Read(pdf, PdfLimits.Default);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Null(result.Failure);
        Assert.Equal(2, result.PageCount);
        var text = result.Text!;
        Assert.Equal(PdfTextLayer.Source, text.Source);
        Assert.Equal([1, 2], text.Pages.Select(p => p.Number));
        var first = text.Pages[0];
        Assert.Equal("Invoice 2024-001\nTotal due: 119.00 EUR", first.Text);
        Assert.Equal(595, first.Width, 0);
        Assert.Equal(842, first.Height, 0);
        var invoice = Assert.Single(first.Words, w => w.Text == "Invoice");
        Assert.InRange(invoice.X, 49, 51);
        Assert.InRange(invoice.Y, 842 - 62, 842 - 50); // PDF user space: origin bottom-left
        Assert.True(invoice.Width > 0 && invoice.Height > 0);
        Assert.Contains("Thank you", text.FullText, StringComparison.Ordinal);
    }

    [Fact]
    public void a_page_without_text_is_a_scan() =>
        Assert.Equal(new PdfReadResult(null, PdfFailures.NoTextLayer, 1), PdfTextLayer.Read(TestPdfs.Build([[]], configure: null), PdfLimits.Default));

    [Fact]
    public void more_pages_than_the_limit_are_refused()
    {
        var pdf = TestPdfs.WithText(["one"], ["two"], ["three"]);
        Assert.Equal(new PdfReadResult(null, PdfFailures.TooManyPages, 3), PdfTextLayer.Read(pdf, new PdfLimits(MaxPages: 2)));
        Assert.True(PdfTextLayer.Read(pdf, new PdfLimits(MaxPages: 3)).Succeeded);
    }

    [Fact]
    public void an_oversized_page_is_refused()
    {
        var pdf = TestPdfs.Build([["a poster"]], configure: null, sizePage: p => p.Width = XUnit.FromPoint(20_000));
        Assert.Equal(PdfFailures.PageTooLarge, PdfTextLayer.Read(pdf, PdfLimits.Default).Failure);
        Assert.True(PdfTextLayer.Read(pdf, new PdfLimits(MaxPageSide: 30_000)).Succeeded);
    }

    [Fact]
    public void an_empty_page_tree_has_no_pages() =>
        Assert.Equal(PdfFailures.NoPages, PdfTextLayer.Read(TestPdfs.WithoutPages(), PdfLimits.Default).Failure);

    [Fact]
    public void a_password_protected_pdf_is_reported_as_encrypted()
    {
        var pdf = TestPdfs.Build([["secret invoice"]], d =>
        {
            d.SecuritySettings.UserPassword = "user";
            d.SecuritySettings.OwnerPassword = "owner";
        });
        Assert.Equal(PdfFailures.Encrypted, PdfTextLayer.Read(pdf, PdfLimits.Default).Failure);
    }

    [Fact]
    public void a_pdf_with_only_an_owner_password_is_read()
    {
        var pdf = TestPdfs.Build([["printable invoice"]], d => d.SecuritySettings.OwnerPassword = "owner");
        var result = PdfTextLayer.Read(pdf, PdfLimits.Default);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("printable invoice", result.Text!.Pages[0].Text);
    }

    [Theory]
    [InlineData("%PDF- is how every PDF begins, but this is a note.")]
    [InlineData("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n")]
    [InlineData("")]
    public void text_that_only_looks_like_a_pdf_fails_without_throwing(string content)
    {
        var result = PdfTextLayer.Read(Encoding.ASCII.GetBytes(content), PdfLimits.Default);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Failure, new[] { PdfFailures.Corrupt, PdfFailures.NoPages });
    }

    [Fact]
    public void truncated_and_scrambled_pdfs_fail_without_throwing()
    {
        var pdf = TestPdfs.WithText(["Invoice 1"], ["Invoice 2"]);
        var truncated = PdfTextLayer.Read(pdf.AsMemory(0, pdf.Length / 3), PdfLimits.Default);
        Assert.True(truncated.Succeeded || truncated.Failure is not null);

        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var scrambled = pdf.ToArray();
            for (var j = 0; j < 200; j++)
                scrambled[random.Next(16, scrambled.Length)] = (byte)random.Next(256);
            var result = PdfTextLayer.Read(scrambled, PdfLimits.Default);
            Assert.True(result.Succeeded || result.Failure is not null);
        }
    }
}
