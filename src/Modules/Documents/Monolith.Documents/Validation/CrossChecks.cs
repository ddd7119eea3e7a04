using System.Globalization;
using System.Text.RegularExpressions;
using Monolith.Documents.Extraction.EInvoice;

namespace Monolith.Documents.Validation;

/// <summary>
/// Inputs some cross-checks need beyond the fields: payee IBANs, a tax breakdown (rates), the prepaid and rounding
/// amounts (all from an e-invoice), or the document text to find a tax percentage printed near the tax.
/// </summary>
public sealed record CrossCheckInputs(
    IReadOnlyList<string>? Ibans = null,
    IReadOnlyList<TaxCategoryBreakdown>? TaxBreakdown = null,
    decimal? PrepaidAmount = null,
    decimal? RoundingAmount = null,
    string? Text = null);

/// <summary>
/// Checks that compare a document with itself or with a standard: tax-id check digits, IBAN mod 97, rate × base ≈ tax,
/// amount due against total and prepayments. Each is only applicable when its inputs are present.
/// </summary>
public static partial class CrossChecks
{
    public const string VendorTaxId = "vendor-tax-id-valid";
    public const string IbanValid = "iban-valid";
    public const string TaxRate = "tax-rate-consistent";
    public const string AmountDue = "amount-due-consistent";
    public const string Currency = "currency-consistent";

    /// <summary>
    /// The currency against the vendor's country as its VAT/tax id names it (DE… → EUR, GB… → GBP, an ABN → AUD): a
    /// mismatch is reported (cross-border invoices in another currency exist, so it only lowers the validation score).
    /// </summary>
    public static RuleResult CurrencyConsistent(string? taxId, string? currency)
    {
        if (string.IsNullOrWhiteSpace(taxId) || string.IsNullOrWhiteSpace(currency))
            return new(Currency, true, false, "no vendor tax id or no currency");
        var compact = new string(taxId.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        var country = compact.Length >= 2 && char.IsAsciiLetter(compact[0]) && char.IsAsciiLetter(compact[1]) ? compact[..2]
            : compact.Length == 11 && compact.All(char.IsAsciiDigit) && TaxIdCheck.Check(compact, "AUD") is { Valid: true } ? "AU"
            : null;
        if (country == "EL") country = "GR"; // Greece's VAT prefix
        string? expected;
        try { expected = country is null ? null : new System.Globalization.RegionInfo(country).ISOCurrencySymbol; }
        catch (ArgumentException) { expected = null; }
        if (expected is null) return new(Currency, true, false, $"{taxId}: no country to compare {currency} with");
        return expected == currency
            ? new(Currency, true, true, $"{currency} is the currency of the vendor's country ({country})")
            : new(Currency, false, true, $"{currency} is not the currency of the vendor's country ({country}: {expected})");
    }

    public static RuleResult VendorTaxIdValid(string? taxId, string? currency)
    {
        if (string.IsNullOrWhiteSpace(taxId))
            return new(VendorTaxId, true, false, "no vendor tax id");
        return TaxIdCheck.Check(taxId, currency) is { } verdict
            ? new(VendorTaxId, verdict.Valid, true, verdict.Message)
            : new(VendorTaxId, true, false, $"{taxId}: no known scheme to check (a local tax number?)");
    }

    public static RuleResult IbansValid(IReadOnlyList<string>? ibans)
    {
        if (ibans is null || ibans.Count == 0)
            return new(IbanValid, true, false, "no IBAN");
        var problems = ibans.Select(Iban.Problem).OfType<string>().ToList();
        return problems.Count == 0
            ? new(IbanValid, true, true, $"{ibans.Count} IBAN(s) pass the ISO 13616 check")
            // Money must not go to an IBAN that fails its own check: never automated, whatever the other scores.
            : new(IbanValid, false, true, string.Join("; ", problems), Fatal: true);
    }

    /// <summary>
    /// Every category of a breakdown: taxable amount × rate ≈ tax. Without one, a single tax percentage printed near the
    /// word tax/VAT/… in the text, applied to the subtotal. Rounding per line may shift the tax a little, so the tolerance
    /// grows with the number of lines.
    /// </summary>
    public static RuleResult TaxRateConsistent(IReadOnlyList<TaxCategoryBreakdown>? breakdown, decimal? subtotal, decimal? tax, string? text,
        decimal tolerance, int lineCount)
    {
        var allowed = tolerance * Math.Max(1, lineCount);
        var categories = breakdown?.Where(b => b is { Rate: not null, TaxableAmount: not null, TaxAmount: not null }).ToList() ?? [];
        if (categories.Count > 0)
        {
            var wrong = categories.Where(c => Math.Abs(c.TaxableAmount!.Value * c.Rate!.Value / 100m - c.TaxAmount!.Value) > allowed).ToList();
            return wrong.Count == 0
                ? new(TaxRate, true, true, string.Join("; ", categories.Select(c => $"{F(c.TaxableAmount!.Value)} × {F(c.Rate!.Value)} % ≈ {F(c.TaxAmount!.Value)}")))
                : new(TaxRate, false, true, string.Join("; ", wrong.Select(c =>
                    $"{c.Category ?? c.TaxType ?? "tax"} {F(c.Rate!.Value)} %: {F(c.TaxableAmount!.Value)} × {F(c.Rate!.Value)} % = {F(c.TaxableAmount!.Value * c.Rate!.Value / 100m)}, stated {F(c.TaxAmount!.Value)}")));
        }
        if (subtotal is { } basis && tax is { } amount && amount != 0 && TaxPercentage(text) is { } rate)
        {
            var expected = basis * rate / 100m;
            return new(TaxRate, Math.Abs(expected - amount) <= allowed, true, $"{F(basis)} × {F(rate)} % = {F(expected)}, tax {F(amount)}");
        }
        return new(TaxRate, true, false, "no tax rate with its base and tax");
    }

    /// <summary>The amount due is the total less prepayments (plus rounding); without known prepayments it is at most the total.</summary>
    public static RuleResult AmountDueConsistent(decimal? amountDue, decimal? total, decimal? prepaid, decimal? rounding, decimal tolerance)
    {
        if (amountDue is not { } due || total is not { } gross)
            return new(AmountDue, true, false, "no amount due or no total");
        if (prepaid is not null || rounding is not null)
        {
            var expected = gross - (prepaid ?? 0) + (rounding ?? 0);
            return new(AmountDue, Math.Abs(expected - due) <= tolerance, true,
                $"total {F(gross)} − prepaid {F(prepaid ?? 0)} + rounding {F(rounding ?? 0)} = {F(expected)}, amount due {F(due)}");
        }
        var passed = Math.Abs(due) <= Math.Abs(gross) + tolerance && (due == 0 || gross == 0 || Math.Sign(due) == Math.Sign(gross));
        return new(AmountDue, passed, true, passed
            ? $"amount due {F(due)} within total {F(gross)}"
            : $"amount due {F(due)} exceeds or contradicts total {F(gross)}");
    }

    /// <summary>The one tax rate printed next to a tax word (<c>VAT 19 %</c>, <c>19% MwSt</c>, <c>SST 6%</c>); null when none or several differ.</summary>
    public static decimal? TaxPercentage(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var rates = PercentNearTax().Matches(text)
            .Select(m => m.Groups["before"].Success ? m.Groups["before"].Value : m.Groups["after"].Value)
            .Select(v => decimal.TryParse(v.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) ? r : (decimal?)null)
            .OfType<decimal>().Where(r => r is > 0 and < 50).Distinct().ToList();
        return rates.Count == 1 ? rates[0] : null;
    }

    [GeneratedRegex(@"\b(?:vat|tax|gst|sst|mwst|ust|tva|iva|btw|moms)\b[^\n%\d]{0,20}(?<before>\d{1,2}(?:[.,]\d{1,2})?)\s?%|(?<after>\d{1,2}(?:[.,]\d{1,2})?)\s?%\s*(?:vat|tax|gst|sst|mwst|ust|tva|iva|btw|moms)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentNearTax();

    private static string F(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
