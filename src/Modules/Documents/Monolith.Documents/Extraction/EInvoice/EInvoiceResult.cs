namespace Monolith.Documents.Extraction.EInvoice;

/// <summary>A structured e-invoice (or e-order) read from its XML: every field is the issuer's own value, confidence 1.</summary>
/// <param name="Format">One of <see cref="EInvoiceFormats"/>.</param>
/// <param name="TypeCode">The document type code as written (UNTDID 1001: 380 invoice, 381 credit note, 220 order, 230 order change, 231 order response).</param>
/// <param name="Guideline">The profile / specification identifier the issuer declared (CII guideline ID or UBL CustomizationID), when present.</param>
/// <param name="Totals">The monetary summation, allowances, charges, tax breakdown and line structure the EN 16931 calculation rules check.</param>
public sealed record EInvoiceResult(DocumentType Type, ExtractionResult Result, string Format, string? TypeCode = null, string? Guideline = null,
    EInvoiceTotals? Totals = null);

/// <summary>Either the e-invoice or why there is none; <see cref="Attachment"/> names the PDF attachment it came from.</summary>
public sealed record EInvoiceOutcome(EInvoiceResult? Invoice, string? Failure, string? Attachment = null)
{
    public bool Succeeded => Invoice is not null;

    public static EInvoiceOutcome Failed(string reason, string? attachment = null) => new(null, reason, attachment);
}

public static class EInvoiceFormats
{
    /// <summary>UN/CEFACT Cross Industry Invoice D16B: Factur-X, ZUGFeRD 2.x, XRechnung CII.</summary>
    public const string Cii = "cii";
    /// <summary>ZUGFeRD 1.0 (<c>rsm:CrossIndustryDocument</c>, CII D13B-based).</summary>
    public const string Zugferd1 = "zugferd-1";
    /// <summary>Order-X purchase order, order change or order response (UN/CEFACT SCRDM CI Order).</summary>
    public const string OrderX = "order-x";
    /// <summary>OASIS UBL 2.1 Invoice or CreditNote, including XRechnung UBL and Peppol BIS.</summary>
    public const string Ubl = "ubl";
}

public static class EInvoiceFailures
{
    public const string TooLarge = "too-large";
    public const string MalformedXml = "malformed-xml";
    public const string UnknownFormat = "unknown-format";
    public const string NoAttachment = "no-attachment";
    public const string PdfUnreadable = "pdf-unreadable";
}
