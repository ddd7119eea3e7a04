using System.Text;
using Monolith.Documents.Intake;

namespace Monolith.Documents.Tests.Intake;

public class ContentSnifferTests
{
    private static ContentKind Kind(byte[] bytes) => ContentSniffer.Detect(bytes).Kind;

    [Fact]
    public void empty_input_is_unknown() => Assert.Equal(DetectedContent.Unknown, ContentSniffer.Detect([]));

    [Fact]
    public void a_pdf_header_is_a_pdf()
    {
        var detected = ContentSniffer.Detect("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"u8);
        Assert.Equal(new DetectedContent(ContentKind.Pdf, "application/pdf"), detected);
    }

    [Fact]
    public void a_pdf_header_after_some_leading_garbage_is_still_a_pdf()
    {
        var bytes = new byte[600].Concat("%PDF-1.4\n"u8.ToArray()).ToArray();
        Random.Shared.NextBytes(bytes.AsSpan(0, 600));
        bytes.AsSpan(0, 600).Replace((byte)'%', (byte)'x');
        Assert.Equal(ContentKind.Pdf, Kind(bytes));
    }

    [Fact]
    public void a_pdf_header_beyond_the_window_is_not_a_pdf()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('a', ContentSniffer.PdfHeaderWindow + 1) + "%PDF-1.4");
        Assert.Equal(ContentKind.Text, Kind(bytes));
    }

    [Fact]
    public void a_text_that_starts_with_the_pdf_marker_is_called_a_pdf() =>
        Assert.Equal(ContentKind.Pdf, Kind("%PDF- is how every PDF begins, but this is a note."u8.ToArray()));

    [Fact]
    public void png_jpeg_and_tiff_by_signature()
    {
        Assert.Equal(new DetectedContent(ContentKind.Png, "image/png"), ContentSniffer.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]));
        Assert.Equal(new DetectedContent(ContentKind.Jpeg, "image/jpeg"), ContentSniffer.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F']));
        Assert.Equal(new DetectedContent(ContentKind.Tiff, "image/tiff"), ContentSniffer.Detect([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]));
        Assert.Equal(ContentKind.Tiff, Kind([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]));
    }

    [Fact]
    public void a_truncated_png_signature_is_unknown()
    {
        Assert.Equal(ContentKind.Unknown, Kind([0x89, 0x50, 0x4E, 0x47]));
        Assert.Equal(ContentKind.Unknown, Kind([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]));
    }

    [Fact]
    public void binary_garbage_is_unknown()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x01; // not accidentally a signature
        Assert.Equal(ContentKind.Unknown, Kind(bytes));
    }

    [Fact]
    public void bytes_with_nuls_are_not_text() => Assert.Equal(ContentKind.Unknown, Kind("Invoice\0\0\0\0 total 12.00"u8.ToArray()));

    [Fact]
    public void utf8_text_is_text()
    {
        var detected = ContentSniffer.Detect(Encoding.UTF8.GetBytes("Rechnung Nr. 4711\nGesamtbetrag: 119,00 €\n"));
        Assert.Equal(new DetectedContent(ContentKind.Text, "text/plain"), detected);
    }

    [Fact]
    public void utf8_with_bom_utf16_with_bom_and_windows_1252_are_text()
    {
        const string text = "Facture n° 2024-001 — total 120,00 €";
        Assert.Equal(ContentKind.Text, Kind(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray()));
        Assert.Equal(ContentKind.Text, Kind(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray()));
        Assert.Equal(ContentKind.Text, Kind(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray()));
        Assert.Equal(ContentKind.Text, Kind(Encoding.Latin1.GetBytes("Facture n° 2024-001, total 120,00 EUR, réglée")));
        Assert.Equal(ContentKind.Text, Kind([.. "Total "u8, 0x80, .. " 12,00 "u8, 0x93, .. "net"u8, 0x94])); // € and curly quotes in 1252
    }

    [Fact]
    public void a_utf8_character_cut_by_the_sample_end_is_still_text()
    {
        var text = new string('a', ContentSniffer.TextSampleBytes - 1) + "€ and more";
        Assert.Equal(ContentKind.Text, Kind(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><a/>")]
    [InlineData("  \n<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:x\"></rsm:CrossIndustryInvoice>")]
    [InlineData("<!-- sample --><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>")]
    public void xml_with_a_declaration_or_a_root_element_is_xml(string xml)
    {
        Assert.Equal(new DetectedContent(ContentKind.Xml, "application/xml"), ContentSniffer.Detect(Encoding.UTF8.GetBytes(xml)));
        Assert.Equal(ContentKind.Xml, Kind(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(xml)).ToArray()));
        Assert.Equal(ContentKind.Xml, Kind(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray()));
        Assert.Equal(ContentKind.Xml, Kind(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(xml)).ToArray()));
    }

    [Fact]
    public void utf16_xml_without_a_bom_is_xml()
    {
        Assert.Equal(ContentKind.Xml, Kind(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>")));
        Assert.Equal(ContentKind.Xml, Kind(Encoding.BigEndianUnicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>")));
    }

    [Theory]
    [InlineData("<html><body>Invoice</body></html>")]
    [InlineData("< 5 items")]
    [InlineData("<!-- never closed")]
    public void markup_that_is_not_an_xml_document_is_text(string text) => Assert.Equal(ContentKind.Text, Kind(Encoding.UTF8.GetBytes(text)));
}
