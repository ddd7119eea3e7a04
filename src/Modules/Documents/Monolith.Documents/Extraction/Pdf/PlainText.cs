using System.Text;

namespace Monolith.Documents.Extraction.Pdf;

/// <summary>Decodes a text upload into a <see cref="DocumentText"/>, one page per form feed.</summary>
public static class PlainText
{
    public const string Source = "text";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    public static DocumentText Read(ReadOnlySpan<byte> bytes)
    {
        var text = Decode(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var parts = text.Split('\f');
        var count = parts.Length;
        // A trailing form feed ends the last page; it does not start an empty one.
        while (count > 1 && string.IsNullOrWhiteSpace(parts[count - 1]))
            count--;
        var pages = parts.Take(count).Select((p, i) => new TextPage(i + 1, p.Trim('\n'), [])).ToList();
        return new DocumentText(pages, Source);
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Encoding.UTF8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: older European systems write Windows-1252, a superset of Latin-1's printable range.
            return Windows1252.GetString(bytes);
        }
    }
}
