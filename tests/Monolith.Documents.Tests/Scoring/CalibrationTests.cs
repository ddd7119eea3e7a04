using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Tests.Scoring;

public class CalibrationTests
{
    private static FieldEvidence Evidence(string method, double score, params string[] signals) => new(method, score, signals);

    /// <summary>Labelled samples where a method is right with a known frequency (deterministic: every k-th is wrong).</summary>
    private static IEnumerable<CalibrationSample> Samples(string field, string method, double score, int count, double rightShare, params string[] signals)
    {
        var right = (int)Math.Round(count * rightShare);
        for (var i = 0; i < count; i++)
            yield return new CalibrationSample(field, DocumentType.Invoice, Evidence(method, score, signals), i < right);
    }

    [Fact]
    public void a_fitted_calibration_gives_each_kind_of_evidence_its_observed_accuracy()
    {
        var samples = Samples(FieldNames.Total, "label-right", 0.9, 200, 0.95)
            .Concat(Samples(FieldNames.Total, "largest-amount", 0.9, 200, 0.40))
            .Concat(Samples(FieldNames.VendorName, "letterhead-first-line", 0.5, 200, 0.60))
            .ToList();
        var model = CalibrationFit.Fit(samples, "test", l2: 0.1);

        // Same rule-based score, different evidence: the calibrated probabilities follow what was observed, not the score.
        Assert.InRange(model.Probability(FieldNames.Total, DocumentType.Invoice, Evidence("label-right", 0.9)), 0.92, 0.97);
        Assert.InRange(model.Probability(FieldNames.Total, DocumentType.Invoice, Evidence("largest-amount", 0.9)), 0.36, 0.45);
        Assert.InRange(model.Probability(FieldNames.VendorName, DocumentType.Invoice, Evidence("letterhead-first-line", 0.5)), 0.55, 0.65);

        var predictions = samples.Select(s => (model.Probability(s.Field, s.Type, s.Evidence), s.Correct));
        Assert.True(Reliability.Of(predictions).ExpectedCalibrationError < 0.02);
    }

    [Fact]
    public void a_cross_check_signal_raises_the_probability_when_it_was_observed_to_separate_right_from_wrong()
    {
        var samples = Samples(FieldNames.Total, "label-right", 0.9, 150, 0.99, "totals-add-up")
            .Concat(Samples(FieldNames.Total, "label-right", 0.9, 150, 0.70))
            .ToList();
        var model = CalibrationFit.Fit(samples, "test", l2: 0.1);
        var with = model.Probability(FieldNames.Total, DocumentType.Invoice, Evidence("label-right", 0.9, "totals-add-up"));
        var without = model.Probability(FieldNames.Total, DocumentType.Invoice, Evidence("label-right", 0.9));
        Assert.True(with > 0.96, $"with cross-check {with}");
        Assert.InRange(without, 0.64, 0.76);
    }

    [Fact]
    public void receipt_fields_share_the_evidence_of_their_invoice_counterparts()
    {
        Assert.Equal(FieldNames.VendorName, ConfidenceCalibration.Canonical(FieldNames.MerchantName));
        Assert.Equal(FieldNames.InvoiceDate, ConfidenceCalibration.Canonical(FieldNames.TransactionDate));
        Assert.Contains(ConfidenceCalibration.Features(FieldNames.MerchantName, DocumentType.Receipt, Evidence("x", 0.5)),
            f => f.Key == "field:vendorName");
    }

    [Fact]
    public void expected_calibration_error_is_the_weighted_gap_between_confidence_and_accuracy()
    {
        // Bin 0.8–0.9: 10 predictions at 0.8, 6 right (gap 0.2); bin 0.2–0.3: 10 at 0.2, 2 right (gap 0).
        var predictions = Enumerable.Range(0, 10).Select(i => (0.8, i < 6)).Concat(Enumerable.Range(0, 10).Select(i => (0.2, i < 2)));
        var reliability = Reliability.Of(predictions);
        Assert.Equal(0.1, reliability.ExpectedCalibrationError, 6);
        Assert.Equal(20, reliability.Count);
        Assert.Equal(0.6, reliability.Bins.Single(b => b.Count > 0 && b.From >= 0.79).Accuracy, 6);
    }

    [Fact]
    public void without_a_fitted_model_the_rule_based_score_is_the_confidence()
    {
        Assert.False(ConfidenceCalibration.Uncalibrated.IsFitted);
        Assert.Equal(0.99, ConfidenceCalibration.Uncalibrated.Probability(FieldNames.Total, DocumentType.Invoice, Evidence("label-right", 1.4)));
        Assert.Equal(0.42, ConfidenceCalibration.Uncalibrated.Probability(FieldNames.Total, DocumentType.Invoice, Evidence("label-right", 0.42)));
    }

    [Fact]
    public void the_shipped_model_is_fitted_and_round_trips_through_json()
    {
        var shipped = ConfidenceCalibration.Default;
        Assert.True(shipped.IsFitted, "calibration.local.json is embedded in Monolith.Documents");
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(shipped.ToJson("test")));
        var again = ConfidenceCalibration.FromJson(json);
        Assert.Equal(shipped.Version, again.Version);
        var e = Evidence("label-right", 0.9, "totals-add-up", "single-candidate");
        Assert.Equal(shipped.Probability(FieldNames.Total, DocumentType.Invoice, e), again.Probability(FieldNames.Total, DocumentType.Invoice, e), 3);
    }

    [Fact]
    public void local_fields_carry_their_evidence_and_the_model_version()
    {
        var text = new DocumentText([new TextPage(1, string.Join('\n',
            "Acme Tools GmbH", "Hauptstraße 5, 10115 Berlin", "", "Invoice No: INV-2026-0042", "Invoice date: 12.03.2026", "",
            "Subtotal      100.00 EUR", "VAT 19%        19.00 EUR", "Total         119.00 EUR"), [])], "test");
        var result = LocalExtractor.Extract(text, DocumentType.Invoice);
        var total = result.Fields.Single(f => f.Name == FieldNames.Total);
        Assert.NotNull(total.Evidence);
        Assert.Equal("label-right", total.Evidence!.Method);
        Assert.Contains("totals-add-up", total.Evidence.Signals);
        Assert.Equal(ConfidenceCalibration.Default.Version, total.Evidence.Calibration);
        Assert.Equal(ConfidenceCalibration.Default.Probability(total.Name, DocumentType.Invoice, total.Evidence), total.Confidence);
    }

    [Fact]
    public void document_confidence_is_the_probability_that_the_required_fields_found_are_all_right()
    {
        ExtractedField F(string name, double c) => new(name, name == FieldNames.Total ? null : "x", name == FieldNames.Total ? 10m : null, null, c, "local", 1);
        var fields = new[] { F(FieldNames.MerchantName, 0.9), F(FieldNames.Total, 0.8), new ExtractedField(FieldNames.TransactionDate, null, null, new DateOnly(2026, 1, 2), 0.5, "local", 1) };
        var report = ValidationRules.Validate(DocumentType.Receipt, fields, [], 0.02m, null);
        var outcome = AutomationScoring.Score(DocumentType.Receipt, fields, report, new AutomationSettings());
        Assert.Equal(0.36, outcome.Scores.Confidence, 4);

        var missing = fields.Where(f => f.Name != FieldNames.Total).ToList();
        var withoutTotal = AutomationScoring.Score(DocumentType.Receipt, missing, ValidationRules.Validate(DocumentType.Receipt, missing, [], 0.02m, null), new AutomationSettings());
        // A missing field is completeness' part: what was found is right with P = 0.9 × 0.5, but nothing is automated.
        Assert.Equal(0.45, withoutTotal.Scores.Confidence, 4);
        Assert.Equal(2.0 / 3, withoutTotal.Scores.Completeness, 4);
        Assert.NotEqual(Decision.Automated, withoutTotal.Decision);
    }
}
