using System.Globalization;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Validation;

/// <summary>
/// The outcome of one named rule; <see cref="Applicable"/> is false when its inputs were missing. A failed
/// <see cref="Fatal"/> rule (a rule the document's own standard makes mandatory, as EN 16931's are for e-invoices) keeps
/// the document from automation however many other rules passed.
/// </summary>
public sealed record RuleResult(string Rule, bool Passed, bool Applicable, string Message, bool Fatal = false);

public sealed record ValidationReport(IReadOnlyList<RuleResult> Rules)
{
    /// <summary>Share of applicable rules that passed (1.0 when none applied).</summary>
    public double Score
    {
        get
        {
            var applicable = Rules.Where(r => r.Applicable).ToList();
            return applicable.Count == 0 ? 1.0 : (double)applicable.Count(r => r.Passed) / applicable.Count;
        }
    }

    public bool AllPassed => Rules.Where(r => r.Applicable).All(r => r.Passed);

    /// <summary>The applicable fatal rules that failed.</summary>
    public IReadOnlyList<RuleResult> FatalFailures => Rules.Where(r => r.Applicable && !r.Passed && r.Fatal).ToList();
}

/// <summary>An earlier document of the same customer that looks like the same invoice.</summary>
public sealed record DuplicateCandidate(Guid DocumentId);

/// <summary>
/// Validation as pure rules over the extracted fields: required fields per type, arithmetic (subtotal + tax = total,
/// line items = subtotal), date sanity, known currency, possible duplicate, and the <see cref="CrossChecks"/> (tax-id
/// check digits, IBAN, tax rate, amount due) where their inputs are present.
/// </summary>
public static class ValidationRules
{
    public static readonly IReadOnlyDictionary<DocumentType, string[]> RequiredFields = new Dictionary<DocumentType, string[]>
    {
        [DocumentType.Invoice] = [FieldNames.InvoiceNumber, FieldNames.InvoiceDate, FieldNames.VendorName, FieldNames.Total, FieldNames.Currency],
        [DocumentType.CreditNote] = [FieldNames.InvoiceNumber, FieldNames.InvoiceDate, FieldNames.VendorName, FieldNames.Total, FieldNames.Currency],
        // An order is identified by its own order number (what Order-X, the prompts and the extractors call purchaseOrder).
        [DocumentType.PurchaseOrder] = [FieldNames.PurchaseOrder, FieldNames.InvoiceDate, FieldNames.VendorName, FieldNames.Total],
        [DocumentType.Receipt] = [FieldNames.MerchantName, FieldNames.TransactionDate, FieldNames.Total],
        [DocumentType.Other] = [],
    };

    private static readonly HashSet<string> KnownCurrencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(c => c.Length == 3).ToHashSet(StringComparer.Ordinal);

    public static ValidationReport Validate(DocumentType type, IReadOnlyList<ExtractedField> fields, IReadOnlyList<LineItem> lineItems,
        decimal tolerance, DuplicateCandidate? duplicate, CrossCheckInputs? inputs = null)
    {
        var byName = fields.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        decimal? Number(string name) => byName.TryGetValue(name, out var f) ? f.Number : null;
        DateOnly? Date(string name) => byName.TryGetValue(name, out var f) ? f.Date : null;

        var rules = new List<RuleResult>();

        var required = RequiredFields[type];
        var missing = required.Where(r => !byName.TryGetValue(r, out var f) || f.Value is null).ToList();
        rules.Add(new("required-fields", missing.Count == 0, required.Length > 0,
            missing.Count == 0 ? "all required fields present" : "missing: " + string.Join(", ", missing)));

        var subtotal = Number(FieldNames.Subtotal);
        var tax = Number(FieldNames.Tax);
        var total = Number(FieldNames.Total);
        rules.Add(subtotal is { } s && tax is { } t && total is { } tt
            ? new("totals-add-up", Math.Abs(s + t - tt) <= tolerance, true, $"subtotal {s} + tax {t} = {s + t}, total {tt}")
            : new("totals-add-up", true, false, "subtotal, tax or total missing"));

        var amounts = lineItems.Where(i => i.Amount is not null).Select(i => i.Amount!.Value).ToList();
        var lineTarget = subtotal ?? (tax is null ? total : null);
        rules.Add(amounts.Count > 0 && lineTarget is { } target
            ? new("line-items-sum", Math.Abs(amounts.Sum() - target) <= tolerance * Math.Max(1, amounts.Count), true,
                $"line items sum to {amounts.Sum()}, expected {target}")
            : new("line-items-sum", true, false, "no line amounts or no subtotal"));

        var issued = Date(FieldNames.InvoiceDate) ?? Date(FieldNames.TransactionDate);
        var due = Date(FieldNames.DueDate);
        rules.Add(issued is null
            ? new("dates-valid", true, false, "no document date")
            : due is { } d && d < issued
                ? new("dates-valid", false, true, $"due date {d:yyyy-MM-dd} is before the document date {issued:yyyy-MM-dd}")
                : issued.Value.Year is < 1990 or > 2100
                    ? new("dates-valid", false, true, $"document date {issued:yyyy-MM-dd} is implausible")
                    : new("dates-valid", true, true, "dates plausible"));

        var currency = byName.TryGetValue(FieldNames.Currency, out var c) ? c.Text : null;
        rules.Add(currency is null
            ? new("known-currency", true, false, "no currency")
            : new("known-currency", KnownCurrencies.Contains(currency), true,
                KnownCurrencies.Contains(currency) ? $"{currency} is ISO 4217" : $"{currency} is not a known ISO 4217 currency"));

        rules.Add(duplicate is null
            ? new("not-a-duplicate", true, type is DocumentType.Invoice or DocumentType.CreditNote, "no earlier document with the same vendor, number and total")
            : new("not-a-duplicate", false, true, $"possible duplicate of document {duplicate.DocumentId}"));

        rules.Add(CrossChecks.VendorTaxIdValid(byName.TryGetValue(FieldNames.VendorTaxId, out var taxId) ? taxId.Text : null, currency));
        rules.Add(CrossChecks.CurrencyConsistent(byName.TryGetValue(FieldNames.VendorTaxId, out var vendorId) ? vendorId.Text : null, currency));
        rules.Add(CrossChecks.IbansValid(inputs?.Ibans));
        rules.Add(CrossChecks.TaxRateConsistent(inputs?.TaxBreakdown, subtotal, tax, inputs?.Text, tolerance, lineItems.Count));
        rules.Add(CrossChecks.AmountDueConsistent(Number(FieldNames.AmountDue), total, inputs?.PrepaidAmount, inputs?.RoundingAmount, tolerance));

        return new ValidationReport(rules);
    }
}
