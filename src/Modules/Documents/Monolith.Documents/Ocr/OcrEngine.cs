using Monolith.Documents.Extraction;
using Monolith.Documents.Intake;

namespace Monolith.Documents.Ocr;

/// <summary>An image or a scanned PDF to read: the stored bytes and what the sniffer recognised them as.</summary>
public sealed record OcrRequest(Guid DocumentId, ReadOnlyMemory<byte> Content, ContentKind Kind);

/// <summary>
/// What OCR produced: the text with its words (boxes and confidences) in the layout model the local extractor reads,
/// or why there is none (<see cref="OcrFailures"/>), plus the calls made to an outside provider (none for local OCR).
/// </summary>
public sealed record OcrResult(DocumentText? Text, string? Failure, string? Detail, IReadOnlyList<ProviderCall> Calls)
{
    public static OcrResult Failed(string failure, string detail, IReadOnlyList<ProviderCall>? calls = null) => new(null, failure, detail, calls ?? []);
}

/// <summary>Why OCR read nothing; stable strings, recorded on events and shown by the API.</summary>
public static class OcrFailures
{
    /// <summary>The bytes do not decode as an image (truncated, corrupt, unsupported encoding).</summary>
    public const string ImageUnreadable = "image-unreadable";
    /// <summary>A page has more pixels (or a longer side) than <c>Documents:Ocr</c> allows; decompression bombs end here.</summary>
    public const string ImageTooLarge = "image-too-large";
    /// <summary>More pages than <c>Documents:Ocr:MaxPages</c>.</summary>
    public const string TooManyPages = Extraction.Pdf.PdfFailures.TooManyPages;
    /// <summary>Reading took longer than <c>Documents:Ocr:TimeoutSeconds</c>.</summary>
    public const string Timeout = "ocr-timeout";
    /// <summary>The engine ran and found no text.</summary>
    public const string NoText = "no-text-found";
    /// <summary>The engine could not run (models missing, native library failed, remote provider failed).</summary>
    public const string EngineFailed = "ocr-failed";
}

/// <summary>
/// The OCR port: reads images and scanned PDFs into text with a layout. <c>local</c> (RapidOcr, PP-OCRv5 models from
/// the package, no network) by default; <c>azure</c> (Document Intelligence <c>prebuilt-read</c>) when configured.
/// Never throws for bad input: every problem with the file is an <see cref="OcrResult.Failure"/>.
/// </summary>
public interface IOcrEngine
{
    /// <summary>Name used in configuration (<c>Documents:Ocr:Provider</c>) and recorded as the text's source (<c>ocr:NAME</c>).</summary>
    string Name { get; }

    Task<OcrResult> ReadAsync(OcrRequest request, CancellationToken ct);
}
