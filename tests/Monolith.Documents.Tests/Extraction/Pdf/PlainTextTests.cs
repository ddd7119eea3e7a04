using System.Text;
using Monolith.Documents.Extraction.Pdf;

namespace Monolith.Documents.Tests.Extraction.Pdf;

public class PlainTextTests
{
    private const string Sample = "Facture n° 12 — total 120,00 €";

    [Fact]
    public void utf8_without_bom() => Assert.Equal(Sample, PlainText.Read(Encoding.UTF8.GetBytes(Sample)).Pages[0].Text);

    [Fact]
    public void boms_decide_the_encoding()
    {
        Assert.Equal(Sample, PlainText.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Sample)]));
        Assert.Equal(Sample, PlainText.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Sample)]));
        Assert.Equal(Sample, PlainText.Decode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Sample)]));
    }

    [Fact]
    public void invalid_utf8_is_read_as_windows_1252()
    {
        byte[] bytes = [.. "Facture n"u8, 0xB0, .. " 12 "u8, 0x97, .. " total 120,00 "u8, 0x80];
        Assert.Equal(Sample, PlainText.Decode(bytes));
    }

    [Fact]
    public void form_feeds_separate_pages_and_line_endings_are_normalised()
    {
        var text = PlainText.Read("page one\r\nline two\fpage two\n\f"u8);
        Assert.Equal(PlainText.Source, text.Source);
        Assert.Equal(["page one\nline two", "page two"], text.Pages.Select(p => p.Text));
        Assert.Equal([1, 2], text.Pages.Select(p => p.Number));
        Assert.All(text.Pages, p => Assert.Empty(p.Words));
    }

    [Fact]
    public void empty_input_is_one_empty_page()
    {
        var text = PlainText.Read([]);
        Assert.Single(text.Pages);
        Assert.True(text.IsEmpty);
    }
}
