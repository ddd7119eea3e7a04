using System.Text;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web;

public sealed class CharsetDetectorTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public void content_type_charset_wins_over_meta()
    {
        var bytes = Windows1252.GetBytes("<meta charset=\"utf-8\"><p>Müller café</p>");
        var text = CharsetDetector.Decode(bytes, "windows-1252", out var detection);
        Assert.Equal(CharsetSource.ContentType, detection.Source);
        Assert.Contains("Müller café", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<meta charset=\"windows-1252\">")]
    [InlineData("<META CHARSET=windows-1252>")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">")]
    public void meta_tags(string meta)
    {
        var bytes = Windows1252.GetBytes($"<html><head>{meta}</head><body>Müller – “quoted” €</body></html>");
        var text = CharsetDetector.Decode(bytes, null, out var detection);
        Assert.Equal(CharsetSource.Meta, detection.Source);
        Assert.Equal("windows-1252", detection.Charset);
        Assert.Contains("Müller – “quoted” €", text, StringComparison.Ordinal);
    }

    [Fact]
    public void bom_wins_and_is_skipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Grüße")];
        var text = CharsetDetector.Decode(bytes, "windows-1252", out var detection);
        Assert.Equal(CharsetSource.ByteOrderMark, detection.Source);
        Assert.Equal("Grüße", text);

        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Grüße")];
        Assert.Equal("Grüße", CharsetDetector.Decode(utf16, null, out var d16));
        Assert.Equal("utf-16le", d16.Charset);
    }

    [Fact]
    public void xml_declaration_unknown_labels_and_default()
    {
        var xml = Windows1252.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>");
        Assert.Contains("é", CharsetDetector.Decode(xml, null, out var fromXml), StringComparison.Ordinal);
        Assert.Equal(CharsetSource.XmlDeclaration, fromXml.Source);

        var utf8 = Encoding.UTF8.GetBytes("<p>é</p>");
        Assert.Equal("<p>é</p>", CharsetDetector.Decode(utf8, "no-such-charset", out var fallback));
        Assert.Equal(CharsetSource.Default, fallback.Source);
        Assert.Equal("utf-8", fallback.Charset);
    }

    [Fact]
    public void meta_claiming_utf16_means_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<meta charset=utf-16><p>é</p>");
        Assert.Contains("é", CharsetDetector.Decode(bytes, null, out var detection), StringComparison.Ordinal);
        Assert.Equal("utf-8", detection.Charset);
    }
}
