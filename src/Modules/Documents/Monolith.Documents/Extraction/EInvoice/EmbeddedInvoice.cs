using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Monolith.Documents.Extraction.EInvoice;

/// <summary>An XML file attached to a PDF (PDF/A-3 associated file), by its attachment name.</summary>
public sealed record PdfAttachment(string Name, ReadOnlyMemory<byte> Content);

/// <summary>Finds and reads the e-invoice XML a hybrid PDF (Factur-X, ZUGFeRD, Order-X, XRechnung-in-PDF) carries.</summary>
public static class EmbeddedInvoice
{
    /// <summary>Attachment names the specifications prescribe, in the order we prefer them.</summary>
    public static readonly IReadOnlyList<string> KnownNames =
        ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml", "zugferd.xml"];

    /// <summary>Reads the PDF's embedded e-invoice; never throws for bad input.</summary>
    public static EInvoiceOutcome Read(ReadOnlyMemory<byte> pdf, int maxXmlBytes = EInvoiceXml.DefaultMaxBytes)
    {
        var (attachment, failure) = Find(pdf, maxXmlBytes);
        if (attachment is null)
            return EInvoiceOutcome.Failed(failure ?? EInvoiceFailures.NoAttachment);
        return EInvoiceXml.Parse(attachment.Content, maxXmlBytes) with { Attachment = attachment.Name };
    }

    /// <summary>
    /// The e-invoice attachment: a known name (case-insensitive) first, otherwise the first <c>.xml</c> attachment.
    /// Returns a failure reason instead when the PDF cannot be opened, has no XML attachment, or the XML is over the cap.
    /// </summary>
    public static (PdfAttachment? Attachment, string? Failure) Find(ReadOnlyMemory<byte> pdf, int maxXmlBytes = EInvoiceXml.DefaultMaxBytes)
    {
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (!document.Advanced.TryGetEmbeddedFiles(out var files) || files is null)
                return (null, EInvoiceFailures.NoAttachment);

            var xmlFiles = files
                .Select(f => (File: f, Name: FileName(f.Name, f.FileSpecification)))
                .Where(f => f.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (xmlFiles.Count == 0)
                return (null, EInvoiceFailures.NoAttachment);
            var chosen = xmlFiles
                .OrderBy(f => Rank(f.Name))
                .First();
            if (chosen.File.Memory.Length > maxXmlBytes)
                return (null, EInvoiceFailures.TooLarge);
            return (new PdfAttachment(chosen.Name, chosen.File.Memory.ToArray()), null);
        }
        catch (PdfDocumentEncryptedException)
        {
            return (null, EInvoiceFailures.PdfUnreadable);
        }
#pragma warning disable CA1031 // PdfPig throws many exception types on malformed files; all mean "unreadable".
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
#pragma warning restore CA1031
        {
            return (null, EInvoiceFailures.PdfUnreadable);
        }
    }

    private static int Rank(string name)
    {
        for (var i = 0; i < KnownNames.Count; i++)
            if (string.Equals(name, KnownNames[i], StringComparison.OrdinalIgnoreCase))
                return i;
        return KnownNames.Count;
    }

    /// <summary>The name-tree key is usually the file name; some writers put a path or nothing there and the name in the file specification.</summary>
    private static string FileName(string? treeName, string? specification)
    {
        foreach (var candidate in new[] { treeName, specification })
        {
            if (string.IsNullOrWhiteSpace(candidate))
                continue;
            var name = candidate.Replace('\\', '/');
            name = name[(name.LastIndexOf('/') + 1)..].Trim();
            if (name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                return name;
        }
        return treeName ?? specification ?? "";
    }
}
