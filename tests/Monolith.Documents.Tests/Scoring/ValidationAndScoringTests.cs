using Monolith.Documents.Extraction;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Tests.Scoring;

public class ValidationAndScoringTests
{
    private static ExtractedField Text(string name, string value, double confidence = 0.98) => new(name, value, null, null, confidence, "local", 1);
    private static ExtractedField Amount(string name, decimal value, double confidence = 0.98) => new(name, null, value, null, confidence, "local", 1);
    private static ExtractedField Day(string name, int y, int m, int d, double confidence = 0.98) => new(name, null, null, new DateOnly(y, m, d), confidence, "local", 1);

    private static List<ExtractedField> GoodInvoice(double confidence = 0.999) =>
    [
        Text(FieldNames.InvoiceNumber, "INV-1001", confidence), Day(FieldNames.InvoiceDate, 2026, 3, 12, confidence),
        Day(FieldNames.DueDate, 2026, 4, 11, confidence), Text(FieldNames.VendorName, "Acme GmbH", confidence),
        Text(FieldNames.Currency, "EUR", confidence), Amount(FieldNames.Subtotal, 100.00m, confidence),
        Amount(FieldNames.Tax, 19.00m, confidence), Amount(FieldNames.Total, 119.00m, confidence),
    ];

    private static readonly LineItem[] Lines = [new("Widgets", 2, 30m, 60m, 0.9), new("Service", 1, 40m, 40m, 0.9)];

    [Fact]
    public void a_complete_consistent_confident_invoice_is_automated()
    {
        var report = ValidationRules.Validate(DocumentType.Invoice, GoodInvoice(), Lines, 0.02m, null);
        Assert.True(report.AllPassed, string.Join("; ", report.Rules.Select(r => r.Message)));
        var outcome = AutomationScoring.Score(DocumentType.Invoice, GoodInvoice(), report, new AutomationSettings());
        Assert.Equal(Decision.Automated, outcome.Decision);
        Assert.Empty(outcome.Reasons);
        Assert.Equal(1.0, outcome.Scores.Completeness);
    }

    [Fact]
    public void totals_that_do_not_add_up_fail_the_arithmetic_rule_and_need_review()
    {
        var fields = GoodInvoice().Where(f => f.Name != FieldNames.Total).Append(Amount(FieldNames.Total, 129.00m)).ToList();
        var report = ValidationRules.Validate(DocumentType.Invoice, fields, Lines, 0.02m, null);
        Assert.False(report.Rules.Single(r => r.Rule == "totals-add-up").Passed);
        var outcome = AutomationScoring.Score(DocumentType.Invoice, fields, report, new AutomationSettings());
        Assert.Equal(Decision.NeedsReview, outcome.Decision);
        Assert.Contains(outcome.Reasons, r => r.StartsWith("totals-add-up", StringComparison.Ordinal));
    }

    [Fact]
    public void a_due_date_before_the_invoice_date_is_invalid()
    {
        var fields = GoodInvoice().Where(f => f.Name != FieldNames.DueDate).Append(Day(FieldNames.DueDate, 2026, 1, 1)).ToList();
        var report = ValidationRules.Validate(DocumentType.Invoice, fields, [], 0.02m, null);
        Assert.False(report.Rules.Single(r => r.Rule == "dates-valid").Passed);
    }

    [Fact]
    public void an_unknown_currency_and_a_duplicate_are_reported()
    {
        var fields = GoodInvoice().Where(f => f.Name != FieldNames.Currency).Append(Text(FieldNames.Currency, "XYZ")).ToList();
        var earlier = Guid.NewGuid();
        var report = ValidationRules.Validate(DocumentType.Invoice, fields, [], 0.02m, new DuplicateCandidate(earlier));
        Assert.False(report.Rules.Single(r => r.Rule == "known-currency").Passed);
        Assert.Contains(earlier.ToString(), report.Rules.Single(r => r.Rule == "not-a-duplicate").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void missing_required_fields_lower_completeness_and_low_scores_go_manual()
    {
        List<ExtractedField> fields = [Amount(FieldNames.Total, 10m, 0.5)];
        var report = ValidationRules.Validate(DocumentType.Invoice, fields, [], 0.02m, null);
        var outcome = AutomationScoring.Score(DocumentType.Invoice, fields, report, new AutomationSettings());
        Assert.Equal(0.2, outcome.Scores.Completeness);
        Assert.Equal(Decision.Manual, outcome.Decision);
    }

    [Fact]
    public void lower_confidence_needs_review_and_thresholds_come_from_settings()
    {
        var fields = GoodInvoice(confidence: 0.85);
        var report = ValidationRules.Validate(DocumentType.Invoice, fields, Lines, 0.02m, null);
        Assert.Equal(Decision.NeedsReview, AutomationScoring.Score(DocumentType.Invoice, fields, report, new AutomationSettings()).Decision);

        // The document confidence is P(all five required fields right) = 0.85^5 ≈ 0.44.
        var lenient = new AutomationSettings { ConfidenceThreshold = 0.40, AutomationThreshold = 0.75 };
        var outcome = AutomationScoring.Score(DocumentType.Invoice, fields, report, lenient);
        Assert.Equal(Decision.Automated, outcome.Decision);
        Assert.NotEqual(new AutomationSettings().Version, outcome.SettingsVersion);
    }

    [Fact]
    public void receipts_need_their_own_fields()
    {
        List<ExtractedField> fields = [Text(FieldNames.MerchantName, "Cafe Luna", 0.995), Day(FieldNames.TransactionDate, 2026, 5, 1, 0.995), Amount(FieldNames.Total, 8.40m, 0.995)];
        var report = ValidationRules.Validate(DocumentType.Receipt, fields, [], 0.02m, null);
        Assert.True(report.Rules.Single(r => r.Rule == "required-fields").Passed);
        Assert.Equal(Decision.Automated, AutomationScoring.Score(DocumentType.Receipt, fields, report, new AutomationSettings()).Decision);
    }
}
