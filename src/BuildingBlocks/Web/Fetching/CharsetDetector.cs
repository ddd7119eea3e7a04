using System.Text;
using System.Text.RegularExpressions;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>How a body's text encoding was decided.</summary>
public enum CharsetSource
{
    Default,
    ByteOrderMark,
    ContentType,
    Meta,
    XmlDeclaration,
}

/// <summary>The encoding of a body, its canonical name, where it came from, and how many leading BOM bytes to skip.</summary>
public sealed record CharsetDetection(Encoding Encoding, string Charset, CharsetSource Source, int PreambleLength);

/// <summary>
/// Decides a fetched body's encoding: a byte order mark (which browsers let win over everything), the Content-Type
/// charset, a <c>&lt;meta charset&gt;</c> / <c>http-equiv</c> in the first bytes, an XML declaration, else UTF-8.
/// Labels are mapped as browsers do (ISO-8859-1 and US-ASCII mean windows-1252); legacy code pages come from the
/// shared framework's <see cref="CodePagesEncodingProvider"/> without registering it globally. Decoding never throws
/// (invalid bytes become U+FFFD).
/// </summary>
public static partial class CharsetDetector
{
    /// <summary>How far into the body a meta tag or XML declaration is looked for.</summary>
    public const int PrescanBytes = 4096;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["iso-8859-1"] = "windows-1252", ["iso8859-1"] = "windows-1252", ["latin1"] = "windows-1252", ["l1"] = "windows-1252",
        ["us-ascii"] = "windows-1252", ["ascii"] = "windows-1252", ["cp1252"] = "windows-1252", ["x-cp1252"] = "windows-1252",
        ["utf8"] = "utf-8", ["unicode-1-1-utf-8"] = "utf-8",
        ["iso-8859-9"] = "windows-1254", ["latin5"] = "windows-1254",
        ["gb2312"] = "gbk", ["x-sjis"] = "shift_jis", ["sjis"] = "shift_jis",
    };

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static CharsetDetection Detect(ReadOnlySpan<byte> body, string? contentTypeCharset)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(Utf8, "utf-8", CharsetSource.ByteOrderMark, 3);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode, "utf-16be", CharsetSource.ByteOrderMark, 2);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode, "utf-16le", CharsetSource.ByteOrderMark, 2);

        if (TryGetEncoding(contentTypeCharset, out var fromHeader, out var headerName))
            return new(fromHeader, headerName, CharsetSource.ContentType, 0);

        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, PrescanBytes)]);
        var meta = MetaCharset().Match(head);
        if (meta.Success && TryGetEncoding(meta.Groups["charset"].Value, out var fromMeta, out var metaName))
        {
            // A meta tag was read as ASCII, so it cannot truthfully announce UTF-16 (HTML spec: treat it as UTF-8).
            return metaName.StartsWith("utf-16", StringComparison.Ordinal)
                ? new(Utf8, "utf-8", CharsetSource.Meta, 0)
                : new(fromMeta, metaName, CharsetSource.Meta, 0);
        }
        var xml = XmlEncoding().Match(head);
        if (xml.Success && TryGetEncoding(xml.Groups["charset"].Value, out var fromXml, out var xmlName) && !xmlName.StartsWith("utf-16", StringComparison.Ordinal))
            return new(fromXml, xmlName, CharsetSource.XmlDeclaration, 0);

        return new(Utf8, "utf-8", CharsetSource.Default, 0);
    }

    /// <summary>Decodes <paramref name="body"/> with the detected encoding, skipping a BOM.</summary>
    public static string Decode(ReadOnlySpan<byte> body, string? contentTypeCharset, out CharsetDetection detection)
    {
        detection = Detect(body, contentTypeCharset);
        return detection.Encoding.GetString(body[detection.PreambleLength..]);
    }

    /// <summary>The encoding of a charset label (quotes and case ignored, browser aliases applied); false for unknown labels.</summary>
    public static bool TryGetEncoding(string? label, out Encoding encoding, out string name)
    {
        encoding = Utf8;
        name = "utf-8";
        var text = label?.Trim().Trim('"', '\'').Trim();
        if (string.IsNullOrEmpty(text)) return false;
        if (Aliases.TryGetValue(text, out var alias)) text = alias;
        if (string.Equals(text, "utf-8", StringComparison.OrdinalIgnoreCase)) return true;

        Encoding? found = CodePagesEncodingProvider.Instance.GetEncoding(text);
        if (found is null)
        {
            try
            {
                found = Encoding.GetEncoding(text);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return false; // unknown, or known but disabled (UTF-7)
            }
        }
        encoding = found;
        name = found.WebName.ToLowerInvariant() switch
        {
            "utf-16" => "utf-16le",
            "unicodefffe" => "utf-16be",
            var web => web,
        };
        return true;
    }

    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MetaCharset();

    [GeneratedRegex("""^\s*<\?xml\b[^>]*?encoding\s*=\s*["'](?<charset>[A-Za-z0-9_\-:.]+)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex XmlEncoding();
}
