using System.Text.Json;
using Monolith.Documents.Extraction;
using Monolith.Documents.Features.Review;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Tests.Features;

/// <summary>The review decision as a pure function: no database, no host.</summary>
public class when_a_review_is_decided
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly AutomationSettings Settings = new();

    /// <summary>An invoice the extractor read without its currency, with two line items (one amount wrong), in review.</summary>
    private static ProcessedDocument InvoiceWithoutCurrency()
    {
        var id = Guid.CreateVersion7();
        var document = ProcessedDocument.Create(new DocumentAccepted(id, "inv.pdf", "application/pdf", 100, "hash", "ap", null, Now.AddHours(-1)));
        ExtractedField Text(string name, string value) => new(name, value, null, null, 0.9, "local", 1);
        ExtractedField Amount(string name, decimal value) => new(name, null, value, null, 0.9, "local", 1);
        var fields = new List<ExtractedField>
        {
            Text(FieldNames.InvoiceNumber, "INV-1"), new(FieldNames.InvoiceDate, null, null, new DateOnly(2026, 2, 1), 0.9, "local", 1),
            Text(FieldNames.VendorName, "Contoso"), Amount(FieldNames.Subtotal, 100m), Amount(FieldNames.Tax, 20m), Amount(FieldNames.Total, 120m),
        };
        List<LineItem> items = [new("Widgets", 2, 25m, 50m, 0.7), new("Gadgets", 1, 50m, 55m, 0.7)];
        document.Apply(new DocumentClassified(id, DocumentType.Invoice, 0.95, "rules", [], Now));
        document.Apply(new DocumentFieldsExtracted(id, "local", fields, items, [], Now));
        var report = ValidationRules.Validate(DocumentType.Invoice, fields, items, Settings.AmountTolerance, null);
        document.Apply(new DocumentValidated(id, report.Rules, report.Score, Now));
        var outcome = AutomationScoring.Score(DocumentType.Invoice, fields, report, Settings);
        document.Apply(new DocumentScored(id, outcome.Scores, Decision.NeedsReview, outcome.Reasons, outcome.SettingsVersion, Now));
        return document;
    }

    private static ReviewLineItem Item(string? description, object? quantity, object? unitPrice, object? amount) =>
        new(description, Json(quantity), Json(unitPrice), Json(amount));

    private static JsonElement? Json(object? value) => value is null ? null : JsonSerializer.SerializeToElement(value);

    [Fact]
    public void adding_a_missing_field_and_fixing_a_line_item_revalidates_with_the_corrected_values()
    {
        var document = InvoiceWithoutCurrency();
        Assert.Contains(document.Validation, r => r is { Rule: "required-fields", Passed: false });
        Assert.Contains(document.Validation, r => r is { Rule: "line-items-sum", Passed: false });

        var review = new ReviewDocument("approve", new() { ["currency"] = "EUR" }, "maria", null,
            [Item("Widgets", 2, 25m, 50m), Item("Gadgets", "1", "50.00", "50.00")]);
        var (events, problems) = ReviewDecider.Decide(document, review, Settings, null, Now);

        Assert.Empty(problems);
        Assert.Collection(events,
            e => Assert.Equal(new DocumentFieldCorrected(document.Id, "currency", null, "EUR", null, "maria", Now), e),
            e =>
            {
                var items = Assert.IsType<DocumentLineItemsCorrected>(e);
                Assert.Equal(55m, items.OldItems[1].Amount);
                Assert.Equal(new LineItem("Gadgets", 1m, 50m, 50m, 1.0), items.NewItems[1]);
                Assert.Equal("maria", items.Reviewer);
            },
            e =>
            {
                var revalidated = Assert.IsType<DocumentRevalidated>(e);
                Assert.All(revalidated.Rules.Where(r => r.Applicable), r => Assert.True(r.Passed, r.Message));
                Assert.Equal(1.0, revalidated.ValidationScore);
                Assert.Equal(1.0, revalidated.Scores.Completeness);
                Assert.True(revalidated.Scores.Automation > document.Scores!.Automation);
                Assert.Equal(Settings.Version, revalidated.SettingsVersion);
            },
            e => Assert.Equal(new DocumentReviewed(document.Id, true, 2, "maria", null, Now), e));
    }

    [Fact]
    public void applying_the_events_shows_the_added_field_with_full_confidence_and_the_new_scores()
    {
        var document = InvoiceWithoutCurrency();
        var (events, _) = ReviewDecider.Decide(document, new ReviewDocument("approve", new() { ["currency"] = "EUR" }, "maria", null),
            Settings, null, Now);
        document.Apply((DocumentFieldCorrected)events[0]);
        document.Apply((DocumentRevalidated)events[1]);

        var currency = Assert.Single(document.Fields, f => f.Name == "currency");
        Assert.Equal(("EUR", 1.0, FieldValues.HumanProvider), (currency.Text, currency.Confidence, currency.Provider));
        Assert.Contains("currency", document.CorrectedFields);
        Assert.Contains(document.Validation, r => r is { Rule: "required-fields", Passed: true });
        Assert.Equal(((DocumentRevalidated)events[1]).Scores, document.Scores);
        Assert.Equal(Decision.NeedsReview, document.Decision); // the pipeline's decision stands
    }

    [Fact]
    public void approving_without_changes_records_only_the_verdict()
    {
        var document = InvoiceWithoutCurrency();
        var resent = document.LineItems.Select(i => (ReviewLineItem?)Item(i.Description, i.Quantity, i.UnitPrice, i.Amount)).ToList();
        var (events, problems) = ReviewDecider.Decide(document,
            new ReviewDocument("approve", new() { ["total"] = "120.00" }, null, null, resent), Settings, null, Now);
        Assert.Empty(problems);
        Assert.Equal(new DocumentReviewed(document.Id, true, 0, "unknown", null, Now), Assert.Single(events));
    }

    [Fact]
    public void a_corrected_duplicate_key_is_checked_against_the_earlier_document()
    {
        var document = InvoiceWithoutCurrency();
        var review = new ReviewDocument("approve", new() { ["invoiceNumber"] = "INV-0" }, "maria", null);
        Assert.Equal("contoso|inv0|120.00", ReviewDecider.DuplicateKeyAfter(document, review));

        var earlier = Guid.CreateVersion7();
        var (events, _) = ReviewDecider.Decide(document, review, Settings, new DuplicateCandidate(earlier), Now);
        var revalidated = events.OfType<DocumentRevalidated>().Single();
        Assert.Contains(revalidated.Rules, r => r is { Rule: "not-a-duplicate", Passed: false } && r.Message.Contains(earlier.ToString()));
    }

    [Fact]
    public void bad_line_items_are_problems_named_by_index_and_field()
    {
        var review = new ReviewDocument("approve", null, null, null,
        [
            Item("ok", 1, 2, 2),
            Item(new string('x', ReviewDecider.MaxDescriptionLength + 1), "many", 1, 1),
            Item("Gadgets", 1, true, "1,5"),
            Item(null, null, null, null),
            null,
        ]);
        var (events, problems) = ReviewDecider.Decide(InvoiceWithoutCurrency(), review, Settings, null, Now);

        Assert.Empty(events);
        Assert.Equal(["lineItems[1].description", "lineItems[1].quantity", "lineItems[2].amount", "lineItems[2].unitPrice", "lineItems[3]", "lineItems[4]"],
            problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("amount must be a decimal number", problems["lineItems[2].amount"][0], StringComparison.Ordinal);
        Assert.Null(ReviewDecider.DuplicateKeyAfter(InvoiceWithoutCurrency(), review));
    }

    [Fact]
    public void too_many_line_items_is_one_problem()
    {
        var items = Enumerable.Range(0, ReviewDecider.MaxLineItems + 1).Select(i => (ReviewLineItem?)Item($"item {i}", 1, 1, 1)).ToList();
        var (_, problems) = ReviewDecider.Decide(InvoiceWithoutCurrency(), new ReviewDocument("reject", null, null, null, items), Settings, null, Now);
        Assert.Equal("lineItems", Assert.Single(problems).Key);
    }
}
