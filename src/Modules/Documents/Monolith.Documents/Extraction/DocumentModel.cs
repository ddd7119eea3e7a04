namespace Monolith.Documents.Extraction;

/// <summary>What a business document is; decides which fields are required and which provider extracts it.</summary>
public enum DocumentType { Invoice, Receipt, CreditNote, PurchaseOrder, Other }

/// <summary>
/// A word of the text layer with its box on the page, origin bottom-left: PDF user space (points) for a text layer,
/// pixels of the page image for OCR. <see cref="Confidence"/> is the OCR engine's confidence (0..1) and <see cref="Line"/> the
/// engine's line the word was read in (words of one line stay together in the layout); both null for a text layer.
/// </summary>
public sealed record TextWord(string Text, double X, double Y, double Width, double Height, double? Confidence = null, int? Line = null);

/// <summary>
/// One page of text: the reading-order text and, where the source had a layout, its words. For OCR,
/// <see cref="Rotation"/> is how far the image was turned clockwise (0, 90, 180, 270) before it was read (the words'
/// boxes are in the turned image) and <see cref="Skew"/> the measured slant of its text lines in degrees
/// (counter-clockwise positive), which the layout undoes when it groups words into lines.
/// </summary>
public sealed record TextPage(int Number, string Text, IReadOnlyList<TextWord> Words, double Width = 0, double Height = 0,
    int Rotation = 0, double Skew = 0);

/// <summary>The text and layout of a whole document, from a PDF text layer, a text file or OCR.</summary>
public sealed record DocumentText(IReadOnlyList<TextPage> Pages, string Source)
{
    public string FullText => string.Join("\n\f\n", Pages.Select(p => p.Text));
    public bool IsEmpty => Pages.All(p => string.IsNullOrWhiteSpace(p.Text));
}

/// <summary>
/// One extracted field. Exactly one of <see cref="Text"/>, <see cref="Number"/>, <see cref="Date"/> carries the value
/// (dates ISO 8601, amounts decimal, currency ISO 4217 in <see cref="Text"/>); confidence 0..1 from the evidence.
/// </summary>
public sealed record ExtractedField(string Name, string? Text, decimal? Number, DateOnly? Date, double Confidence, string Provider, int? Page,
    FieldEvidence? Evidence = null)
{
    public object? Value => (object?)Text ?? (object?)Number ?? Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// How the local extractor found a field: the method (where the value sat relative to its label), the rule-based
/// score that ranked it among the candidates, and the signals for and against it (cross-checks, agreement between
/// candidates, format). The field's confidence is the calibrated probability computed from this evidence; it is kept
/// on the field (and so in the events) so a re-calibration or a learned ranker can use it. <see cref="Ranker"/> names the
/// learned model that chose the value among its field's candidates, when one did.
/// </summary>
public sealed record FieldEvidence(string Method, double Score, IReadOnlyList<string> Signals, string? Calibration = null, string? Ranker = null);

public sealed record LineItem(string? Description, decimal? Quantity, decimal? UnitPrice, decimal? Amount, double Confidence);

/// <summary>
/// A call made to an outside provider while processing a document (for cost, latency and the audit trail). Token
/// counts, estimated cost and prompt version are filled by providers that have them (LLMs).
/// </summary>
public sealed record ProviderCall(string Provider, string Operation, string? Model, int Attempts, long DurationMs, bool Succeeded, string? Error,
    int? InputTokens = null, int? OutputTokens = null, decimal? EstimatedCost = null, string? PromptVersion = null);

public sealed record ExtractionResult(
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<LineItem> LineItems,
    string Provider,
    IReadOnlyList<ProviderCall> Calls);

/// <summary>What a provider extracts from; <see cref="Ranker"/> is the customer's retrained candidate ranker, when one is active.</summary>
public sealed record ExtractionRequest(Guid DocumentId, DocumentType Type, ReadOnlyMemory<byte> Content, string MediaType, DocumentText? Text,
    Local.CandidateRanker? Ranker = null);

/// <summary>The extraction port: one interface, implementations side by side, chosen per document type by configuration.</summary>
public interface IExtractionProvider
{
    /// <summary>Name used in configuration (<c>Documents:Extraction:Providers</c>) and recorded on every field.</summary>
    string Name { get; }

    /// <summary>True when the provider works from the text layer only (cannot read scans).</summary>
    bool NeedsText { get; }

    Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken ct);
}

/// <summary>Field names, as the API and events spell them.</summary>
public static class FieldNames
{
    public const string InvoiceNumber = "invoiceNumber";
    public const string InvoiceDate = "invoiceDate";
    public const string DueDate = "dueDate";
    public const string VendorName = "vendorName";
    public const string VendorAddress = "vendorAddress";
    public const string VendorTaxId = "vendorTaxId";
    public const string CustomerName = "customerName";
    public const string PurchaseOrder = "purchaseOrder";
    public const string Currency = "currency";
    public const string Subtotal = "subtotal";
    public const string Tax = "tax";
    public const string Total = "total";
    public const string AmountDue = "amountDue";
    public const string MerchantName = "merchantName";
    public const string MerchantAddress = "merchantAddress";
    public const string TransactionDate = "transactionDate";
}
