using JasperFx;
using Monolith.Documents.Extraction;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents;

// The events of one document's stream, in the order the pipeline appends them. Past tense, they say what happened.
public sealed record DocumentAccepted(Guid DocumentId, string FileName, string MediaType, long SizeBytes, string ContentHash,
    string? Department, string? Industry, DateTimeOffset At);
/// <summary>Text was read: from a PDF text layer, a text file, XML or OCR (<see cref="Source"/> <c>ocr:…</c>, with the mean
/// word confidence and how long reading took).</summary>
public sealed record DocumentTextRead(Guid DocumentId, string Source, int Pages, int Characters, DateTimeOffset At,
    double? OcrConfidence = null, long? OcrMilliseconds = null);
/// <summary>The document's vendor was recognised among the profiles this customer's reviewers taught (vendor memory);
/// the fields that follow carry what was learned (evidence <c>vendor-memory</c> / <c>vendor-anchor</c>).</summary>
public sealed record DocumentVendorRecognized(Guid DocumentId, Guid ProfileId, string MatchedBy, double Similarity, int DocumentsLearned,
    IReadOnlyList<string> FieldsApplied, DateTimeOffset At);
/// <summary>A re-score applied vendor memory as of now: the fields with what reviewers have taught since, and the
/// validation recomputed from them (the decision follows in <c>DocumentRescored</c> when it changes).</summary>
public sealed record DocumentFieldsRemembered(Guid DocumentId, Guid ProfileId, string MatchedBy, IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<RuleResult> Rules, DateTimeOffset At);
/// <summary>The document's type was decided: how (<c>local</c>, <c>vendor-memory</c>, <c>remote</c>, <c>einvoice</c>) and, for
/// the local classifier, by which model (<c>rules</c> or the learned type model's version).</summary>
public sealed record DocumentClassified(Guid DocumentId, DocumentType Type, double Confidence, string Method,
    IReadOnlyList<ProviderCall> Calls, DateTimeOffset At, string? Model = null);
public sealed record DocumentFieldsExtracted(Guid DocumentId, string Provider, IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<LineItem> LineItems, IReadOnlyList<ProviderCall> Calls, DateTimeOffset At);
public sealed record DocumentValidated(Guid DocumentId, IReadOnlyList<RuleResult> Rules, double Score, DateTimeOffset At);
public sealed record DocumentScored(Guid DocumentId, Scores Scores, Decision Decision, IReadOnlyList<string> Reasons,
    string SettingsVersion, DateTimeOffset At);
/// <summary>The document was re-scored with other settings (<see cref="SettingsVersion"/>) and its decision changed; the
/// earlier <see cref="DocumentScored"/> stays in the audit trail.</summary>
public sealed record DocumentRescored(Guid DocumentId, Scores Scores, Decision PreviousDecision, Decision Decision,
    IReadOnlyList<string> Reasons, string SettingsVersion, Guid RescoreId, DateTimeOffset At);
/// <summary>Processing could not continue; <see cref="Reason"/> is a stable code such as <c>no-text-layer</c>.</summary>
public sealed record DocumentProcessingStopped(Guid DocumentId, string Stage, string Reason, string Detail, bool NeedsReview, DateTimeOffset At);

/// <summary>A reviewer changed one extracted value; the old value and the provider that produced it are kept.</summary>
public sealed record DocumentFieldCorrected(Guid DocumentId, string Field, string? OldValue, string? NewValue, string? Provider,
    string Reviewer, DateTimeOffset At);
/// <summary>A reviewer replaced the extracted line items (human items have confidence 1); both lists are kept.</summary>
/// <summary>A reviewer corrected the document's type; its fields were renamed for the new type (a receipt's merchant is an invoice's vendor).</summary>
public sealed record DocumentTypeCorrected(Guid DocumentId, DocumentType? OldType, DocumentType NewType, string Reviewer, DateTimeOffset At);
public sealed record DocumentLineItemsCorrected(Guid DocumentId, IReadOnlyList<LineItem> OldItems, IReadOnlyList<LineItem> NewItems,
    string Reviewer, DateTimeOffset At);
/// <summary>
/// Validation and scores recomputed from the corrected fields and line items with the settings of the document's
/// customer and department. Informational: the decision the pipeline recorded (automated, needs review) stands.
/// </summary>
public sealed record DocumentRevalidated(Guid DocumentId, IReadOnlyList<RuleResult> Rules, double ValidationScore, Scores Scores,
    IReadOnlyList<string> Reasons, string SettingsVersion, DateTimeOffset At);
/// <summary>A reviewer approved (processed as corrected) or rejected the document.</summary>
public sealed record DocumentReviewed(Guid DocumentId, bool Approved, int Corrections, string Reviewer, string? Comment, DateTimeOffset At);

public enum DocumentStatus { Received, TextRead, Classified, Extracted, Validated, Decided, NeedsReview, Failed, Approved, Rejected }

/// <summary>
/// The document as its events built it: an inline snapshot, used for decisions (is this stage done?) and, for now,
/// as the read model of <c>GET /api/documents/{id}</c>.
/// </summary>
public sealed class ProcessedDocument : IRevisioned
{
    public Guid Id { get; set; }
    public DocumentStatus Status { get; set; }
    public string FileName { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string ContentHash { get; set; } = "";
    public string? Department { get; set; }
    public string? Industry { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? TextSource { get; set; }
    public int Pages { get; set; }
    public DocumentType? DocumentType { get; set; }
    public double? TypeConfidence { get; set; }
    public string? ClassificationMethod { get; set; }
    public string? ClassificationModel { get; set; }
    public string? ExtractionProvider { get; set; }
    public List<ExtractedField> Fields { get; set; } = [];
    public List<LineItem> LineItems { get; set; } = [];
    public List<RuleResult> Validation { get; set; } = [];
    public Scores? Scores { get; set; }
    public Decision? Decision { get; set; }
    public List<string> Reasons { get; set; } = [];
    public string? SettingsVersion { get; set; }
    public List<ProviderCall> ProviderCalls { get; set; } = [];
    public string? FailureReason { get; set; }
    /// <summary>Vendor, number and total, normalised: equal keys of one customer are possible duplicates.</summary>
    public string? DuplicateKey { get; set; }
    /// <summary>The vendor profile (vendor memory) the document was recognised as, if any.</summary>
    public Guid? VendorProfileId { get; set; }
    public int Version { get; set; }

    public bool IsFinished => Status is DocumentStatus.Decided or DocumentStatus.NeedsReview or DocumentStatus.Failed
        or DocumentStatus.Approved or DocumentStatus.Rejected;

    /// <summary>Waiting for a person: sent to review, or decided "manual".</summary>
    public bool AwaitsReview => Status == DocumentStatus.NeedsReview
        || (Status == DocumentStatus.Decided && Decision == Scoring.Decision.Manual);

    public List<string> CorrectedFields { get; set; } = [];
    public string? Reviewer { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public static ProcessedDocument Create(DocumentAccepted e) => new()
    {
        Id = e.DocumentId, Status = DocumentStatus.Received, FileName = e.FileName, MediaType = e.MediaType, SizeBytes = e.SizeBytes,
        ContentHash = e.ContentHash, Department = e.Department, Industry = e.Industry, ReceivedAt = e.At,
    };

    public void Apply(DocumentTextRead e)
    {
        Status = DocumentStatus.TextRead;
        TextSource = e.Source;
        Pages = e.Pages;
    }

    public void Apply(DocumentVendorRecognized e) => VendorProfileId = e.ProfileId;

    public void Apply(DocumentFieldsRemembered e)
    {
        VendorProfileId = e.ProfileId;
        Fields = [.. e.Fields];
        Validation = [.. e.Rules];
        DuplicateKey = DuplicateKeyOf(e.Fields);
    }

    public void Apply(DocumentClassified e)
    {
        Status = DocumentStatus.Classified;
        DocumentType = e.Type;
        TypeConfidence = e.Confidence;
        ClassificationMethod = e.Method;
        ClassificationModel = e.Model;
        ProviderCalls.AddRange(e.Calls);
    }

    public void Apply(DocumentFieldsExtracted e)
    {
        Status = DocumentStatus.Extracted;
        ExtractionProvider = e.Provider;
        Fields = [.. e.Fields];
        LineItems = [.. e.LineItems];
        ProviderCalls.AddRange(e.Calls);
        DuplicateKey = DuplicateKeyOf(e.Fields);
    }

    /// <summary>A field the extractor missed is added; a correction to null removes the field.</summary>
    public void Apply(DocumentFieldCorrected e)
    {
        Fields = FieldsAfter(Fields, e);
        if (!CorrectedFields.Contains(e.Field)) CorrectedFields.Add(e.Field);
        DuplicateKey = DuplicateKeyOf(Fields);
    }

    /// <summary><paramref name="fields"/> with the correction applied (a new list; the page of the old value is kept).</summary>
    public static List<ExtractedField> FieldsAfter(IEnumerable<ExtractedField> fields, DocumentFieldCorrected e)
    {
        var after = fields.ToList();
        var corrected = FieldValues.Corrected(e.Field, e.NewValue, after.FirstOrDefault(f => f.Name == e.Field)?.Page);
        after.RemoveAll(f => f.Name == e.Field);
        if (corrected is not null) after.Add(corrected);
        return after;
    }

    public void Apply(DocumentLineItemsCorrected e) => LineItems = [.. e.NewItems];

    public void Apply(DocumentTypeCorrected e)
    {
        DocumentType = e.NewType;
        Fields = FieldsForType(Fields, e.NewType);
        if (!CorrectedFields.Contains(TypeField)) CorrectedFields.Add(TypeField);
        DuplicateKey = DuplicateKeyOf(Fields);
    }

    /// <summary>The name a type correction is listed under in <see cref="CorrectedFields"/>.</summary>
    public const string TypeField = "documentType";

    private static readonly (string Invoice, string Receipt)[] ReceiptNames =
        [(FieldNames.VendorName, FieldNames.MerchantName), (FieldNames.VendorAddress, FieldNames.MerchantAddress), (FieldNames.InvoiceDate, FieldNames.TransactionDate)];

    /// <summary><paramref name="fields"/> named as <paramref name="type"/> names them (merchant ↔ vendor, transaction ↔ invoice date).</summary>
    public static List<ExtractedField> FieldsForType(IEnumerable<ExtractedField> fields, DocumentType type) =>
        fields.Select(f => type == Extraction.DocumentType.Receipt
                ? ReceiptNames.FirstOrDefault(n => n.Invoice == f.Name) is { Receipt: { } r } ? f with { Name = r } : f
                : ReceiptNames.FirstOrDefault(n => n.Receipt == f.Name) is { Invoice: { } i } ? f with { Name = i } : f)
            .ToList();

    public void Apply(DocumentRevalidated e)
    {
        Validation = [.. e.Rules];
        Scores = e.Scores;
        Reasons = [.. e.Reasons];
    }

    public void Apply(DocumentReviewed e)
    {
        Status = e.Approved ? DocumentStatus.Approved : DocumentStatus.Rejected;
        Reviewer = e.Reviewer;
        ReviewedAt = e.At;
    }

    public static string? DuplicateKeyOf(IReadOnlyList<ExtractedField> fields)
    {
        string? Get(string name) => fields.FirstOrDefault(f => f.Name == name)?.Value?.ToString();
        var vendor = Get(FieldNames.VendorName) ?? Get(FieldNames.MerchantName);
        var number = Get(FieldNames.InvoiceNumber);
        var total = fields.FirstOrDefault(f => f.Name == FieldNames.Total)?.Number;
        if (vendor is null || number is null || total is null) return null;
        var cleanVendor = new string(vendor.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        var cleanNumber = new string(number.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cleanVendor}|{cleanNumber}|{total.Value:0.00}");
    }

    public void Apply(DocumentValidated e)
    {
        Status = DocumentStatus.Validated;
        Validation = [.. e.Rules];
    }

    public void Apply(DocumentScored e)
    {
        Status = e.Decision == Scoring.Decision.NeedsReview ? DocumentStatus.NeedsReview : DocumentStatus.Decided;
        Scores = e.Scores;
        Decision = e.Decision;
        Reasons = [.. e.Reasons];
        SettingsVersion = e.SettingsVersion;
        CompletedAt = e.At;
    }

    public void Apply(DocumentRescored e)
    {
        Status = e.Decision == Scoring.Decision.NeedsReview ? DocumentStatus.NeedsReview : DocumentStatus.Decided;
        Scores = e.Scores;
        Decision = e.Decision;
        Reasons = [.. e.Reasons];
        SettingsVersion = e.SettingsVersion;
    }

    public void Apply(DocumentProcessingStopped e)
    {
        Status = e.NeedsReview ? DocumentStatus.NeedsReview : DocumentStatus.Failed;
        FailureReason = e.Reason;
        if (e.NeedsReview) Decision = Scoring.Decision.NeedsReview;
        Reasons = [$"{e.Reason}: {e.Detail}"];
        CompletedAt = e.At;
    }
}
