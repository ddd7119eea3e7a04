using Monolith.Documents.Extraction.EInvoice;

namespace Monolith.Documents.Validation;

/// <summary>
/// Validation of a structured e-invoice: the EN 16931 calculation rules over its own totals replace the generic
/// arithmetic (whose single line sum cannot know document allowances, charges or sub-lines), and the field rules and
/// cross-checks run as for any document. The values are the issuer's exact ones, so a failed calculation rule,
/// missing required field, bad date, unknown currency, bad IBAN or possible duplicate is fatal: review, never automation.
/// A tax id without valid check digits or an off tax rate only lowers the validation score.
/// </summary>
public static class EInvoiceValidation
{
    /// <summary>Generic rules the EN 16931 rules replace: totals-add-up is BR-CO-15, line-items-sum BR-CO-10/13, amount-due BR-CO-16.</summary>
    private static readonly HashSet<string> Replaced = new(StringComparer.Ordinal) { "totals-add-up", "line-items-sum", CrossChecks.AmountDue };

    private static readonly HashSet<string> FatalGeneric = new(StringComparer.Ordinal)
        { "required-fields", "dates-valid", "known-currency", "not-a-duplicate", CrossChecks.IbanValid };

    public static ValidationReport Validate(EInvoiceResult invoice, decimal tolerance, DuplicateCandidate? duplicate)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var totals = invoice.Totals ?? EInvoiceTotals.Empty;
        var generic = ValidationRules.Validate(invoice.Type, invoice.Result.Fields, invoice.Result.LineItems, tolerance, duplicate,
            new CrossCheckInputs(totals.PayeeIbans, totals.TaxBreakdown, totals.PrepaidAmount, totals.RoundingAmount));
        var rules = generic.Rules.Where(r => !Replaced.Contains(r.Rule))
            .Select(r => FatalGeneric.Contains(r.Rule) ? r with { Fatal = true } : r)
            .Concat(En16931Rules.Check(totals, tolerance, unsignedAllowances: invoice.Format == EInvoiceFormats.Zugferd1).Select(r => r with { Fatal = true }))
            .ToList();
        return new ValidationReport(rules);
    }
}
