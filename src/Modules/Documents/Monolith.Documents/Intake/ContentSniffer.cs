using System.Text;

namespace Monolith.Documents.Intake;

public enum ContentKind { Unknown, Pdf, Png, Jpeg, Tiff, Xml, Text }

/// <summary>What the bytes of an upload are, decided from the bytes alone (file names and declared types lie).</summary>
public sealed record DetectedContent(ContentKind Kind, string MediaType)
{
    public static readonly DetectedContent Unknown = new(ContentKind.Unknown, "application/octet-stream");
}

public static class ContentSniffer
{
    /// <summary>Readers (Acrobat, pdf.js, PdfPig) accept a PDF header after some leading junk; so do we, up to this many bytes.</summary>
    public const int PdfHeaderWindow = 1024;

    /// <summary>How much of the input the text and XML checks look at; enough to judge, cheap on large uploads.</summary>
    public const int TextSampleBytes = 64 * 1024;

    /// <summary>Share of printable characters a sample needs to count as text.</summary>
    public const double MinPrintableShare = 0.95;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] TiffLittleEndian = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBigEndian = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Utf16LeBom = [0xFF, 0xFE];
    private static readonly byte[] Utf16BeBom = [0xFE, 0xFF];
    private static readonly byte[] LessThanUtf16Le = [0x3C, 0x00];
    private static readonly byte[] LessThanUtf16Be = [0x00, 0x3C];

    public static DetectedContent Detect(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return DetectedContent.Unknown;
        if (content[..Math.Min(content.Length, PdfHeaderWindow + PdfMagic.Length)].IndexOf(PdfMagic) is >= 0 and <= PdfHeaderWindow)
            return new(ContentKind.Pdf, "application/pdf");
        if (content.StartsWith(PngMagic))
            return new(ContentKind.Png, "image/png");
        if (content.StartsWith(PngMagic.AsSpan(0, 4)))
            return DetectedContent.Unknown; // a cut-off PNG signature: a broken image, even though "‰PNG" decodes as Windows-1252
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
            return new(ContentKind.Jpeg, "image/jpeg");
        if (content.StartsWith(TiffLittleEndian) || content.StartsWith(TiffBigEndian))
            return new(ContentKind.Tiff, "image/tiff");

        var text = DecodeSample(content);
        if (text is null)
            return DetectedContent.Unknown;
        return LooksLikeXml(text)
            ? new(ContentKind.Xml, "application/xml")
            : new(ContentKind.Text, "text/plain");
    }

    /// <summary>The start of the content as text, or null when it is not text in any encoding we accept.</summary>
    private static string? DecodeSample(ReadOnlySpan<byte> content)
    {
        var truncated = content.Length > TextSampleBytes;
        var sample = truncated ? content[..TextSampleBytes] : content;

        if (sample.StartsWith(Utf8Bom))
            return DecodeUtf8(sample[Utf8Bom.Length..], truncated);
        if (sample.StartsWith(Utf16LeBom))
            return DecodeUtf16(sample[2..], bigEndian: false);
        if (sample.StartsWith(Utf16BeBom))
            return DecodeUtf16(sample[2..], bigEndian: true);
        // UTF-16 without a BOM is only plausible for XML, whose first character is '<'.
        if (sample.StartsWith(LessThanUtf16Le))
            return DecodeUtf16(sample, bigEndian: false);
        if (sample.StartsWith(LessThanUtf16Be))
            return DecodeUtf16(sample, bigEndian: true);

        if (sample.Contains((byte)0))
            return null;
        return DecodeUtf8(sample, truncated) ?? DecodeWindows1252(sample);
    }

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes, bool truncated)
    {
        var builder = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData && truncated)
                break; // the sample cut a character in half
            if (status != System.Buffers.OperationStatus.Done)
                return null;
            builder.Append(rune.ToString());
            bytes = bytes[consumed..];
        }
        var text = builder.ToString();
        return IsMostlyPrintable(text) ? text : null;
    }

    private static string? DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var even = bytes[..(bytes.Length & ~1)];
        var text = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(even);
        return IsMostlyPrintable(text) ? text : null;
    }

    private static string? DecodeWindows1252(ReadOnlySpan<byte> bytes)
    {
        var printable = 0;
        foreach (var b in bytes)
        {
            if (b is 0x09 or 0x0A or 0x0C or 0x0D or (>= 0x20 and <= 0x7E) or >= 0xA0)
                printable++;
            else if (b is >= 0x80 and <= 0x9F and not (0x81 or 0x8D or 0x8F or 0x90 or 0x9D))
                printable++; // Windows-1252 puts €, quotes and dashes here
        }
        return printable >= MinPrintableShare * bytes.Length ? Encoding.Latin1.GetString(bytes) : null;
    }

    private static bool IsMostlyPrintable(string text)
    {
        if (text.Length == 0)
            return false;
        var printable = 0;
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r' or '\f' || !char.IsControl(c))
                printable++;
            else if (c == '\0')
                return false;
        }
        return printable >= MinPrintableShare * text.Length;
    }

    private static bool LooksLikeXml(string text)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.StartsWith("<?xml", StringComparison.Ordinal))
            return true;
        // Bare e-invoices often start with a comment or straight with the root element.
        while (start.StartsWith("<!--", StringComparison.Ordinal))
        {
            var end = start.IndexOf("-->", StringComparison.Ordinal);
            if (end < 0)
                return false;
            start = start[(end + 3)..].TrimStart(" \t\r\n");
        }
        if (start.Length < 2 || start[0] != '<' || !(char.IsLetter(start[1]) || start[1] == '_'))
            return false;
        if (start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return false;
        return start.Contains('>');
    }
}
