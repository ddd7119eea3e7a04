using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Monolith.Documents.Extraction.Pdf;

/// <summary>Limits the caller sets per upload; a PDF beyond them is refused rather than read.</summary>
/// <param name="MaxPages">More pages than this fails with <see cref="PdfFailures.TooManyPages"/>.</param>
/// <param name="MaxPageSide">Largest page width or height in points (14 400 pt = 200 in, the PDF spec's own limit).</param>
public sealed record PdfLimits(int MaxPages = 500, double MaxPageSide = 14_400)
{
    public static readonly PdfLimits Default = new();
}

/// <summary>Why a PDF yielded no text; stable strings, recorded on events and shown by the API.</summary>
public static class PdfFailures
{
    public const string Encrypted = "encrypted";
    public const string Corrupt = "corrupt";
    public const string NoPages = "no-pages";
    public const string TooManyPages = "too-many-pages";
    public const string PageTooLarge = "page-too-large";
    /// <summary>Pages exist but carry no text: a scan, which needs OCR.</summary>
    public const string NoTextLayer = "no-text-layer";
}

/// <summary>Either the text of the PDF or why there is none; <see cref="PageCount"/> is known whenever the file opened.</summary>
public sealed record PdfReadResult(DocumentText? Text, string? Failure, int PageCount)
{
    public bool Succeeded => Text is not null;

    public static PdfReadResult Failed(string reason, int pageCount = 0) => new(null, reason, pageCount);
}

public static class PdfTextLayer
{
    public const string Source = "pdf";

    /// <summary>Reads the text layer. Never throws for bad input: every problem with the file becomes a <see cref="PdfFailures"/> reason.</summary>
    public static PdfReadResult Read(ReadOnlyMemory<byte> pdf, PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var count = document.NumberOfPages;
            if (count <= 0)
                return PdfReadResult.Failed(PdfFailures.NoPages);
            if (count > limits.MaxPages)
                return PdfReadResult.Failed(PdfFailures.TooManyPages, count);

            var pages = new List<TextPage>(count);
            for (var number = 1; number <= count; number++)
            {
                var page = document.GetPage(number);
                if (page.Width > limits.MaxPageSide || page.Height > limits.MaxPageSide)
                    return PdfReadResult.Failed(PdfFailures.PageTooLarge, count);
                var words = page.GetWords()
                    .Where(w => !string.IsNullOrWhiteSpace(w.Text))
                    .Select(w => new TextWord(w.Text, w.BoundingBox.Left, w.BoundingBox.Bottom, w.BoundingBox.Width, w.BoundingBox.Height))
                    .ToList();
                pages.Add(new TextPage(number, ReadingOrder.Text(words), words, page.Width, page.Height));
            }

            var text = new DocumentText(pages, Source);
            return text.IsEmpty ? PdfReadResult.Failed(PdfFailures.NoTextLayer, count) : new PdfReadResult(text, null, count);
        }
        catch (PdfDocumentEncryptedException)
        {
            return PdfReadResult.Failed(PdfFailures.Encrypted);
        }
#pragma warning disable CA1031 // PdfPig throws many exception types (format, index, null, overflow) on malformed files; all mean "corrupt".
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
#pragma warning restore CA1031
        {
            return PdfReadResult.Failed(PdfFailures.Corrupt);
        }
    }
}
