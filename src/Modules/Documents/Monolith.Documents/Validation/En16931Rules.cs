using System.Globalization;
using Monolith.Documents.Extraction.EInvoice;

namespace Monolith.Documents.Validation;

/// <summary>
/// The calculation rules of EN 16931-1 (BR-CO-10 … BR-CO-16) over an e-invoice's own totals, as pure functions.
/// Sub-lines are not counted twice: their amounts are part of their parent's. Each rule applies only when the
/// amounts it compares are present; a declared total that its parts contradict fails with both numbers in the message.
/// </summary>
public static class En16931Rules
{
    public const string LineTotal = "BR-CO-10";
    public const string AllowanceTotal = "BR-CO-11";
    public const string ChargeTotal = "BR-CO-12";
    public const string TaxExclusive = "BR-CO-13";
    public const string TaxTotal = "BR-CO-14";
    public const string GrandTotal = "BR-CO-15";
    public const string AmountDue = "BR-CO-16";

    /// <param name="tolerance">Allowed rounding difference per comparison (currency units); the sum of lines allows half a cent more per line,
    /// since some profiles (ZUGFeRD 1.0) carry line amounts with four decimals.</param>
    /// <param name="unsignedAllowances">ZUGFeRD 1.0 left the sign of allowance and charge amounts open (its own samples write a discount as
    /// −21.55 under a total of 21.55, or negate the total of a correction but not its parts): compare magnitudes there.</param>
    public static IReadOnlyList<RuleResult> Check(EInvoiceTotals totals, decimal tolerance, bool unsignedAllowances = false)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var counted = totals.Lines.Where(l => l.CountsInLineTotal).ToList();
        var lineSum = counted.Sum(l => l.NetAmount!.Value);
        var allowances = totals.AllowancesAndCharges.Where(a => !a.IsCharge).ToList();
        var charges = totals.AllowancesAndCharges.Where(a => a.IsCharge).ToList();
        var taxes = totals.TaxBreakdown.Where(t => t.TaxAmount is not null).ToList();
        var subLines = totals.Lines.Count(l => l.IsSubLine);

        var rules = new List<RuleResult>
        {
            totals.LineTotal is { } lineTotal && counted.Count > 0
                ? Compare(LineTotal, lineTotal, lineSum, tolerance + 0.005m * counted.Count,
                    $"sum of {counted.Count} line net amounts {F(lineSum)}" + (subLines > 0 ? $" (sub-lines not counted: {subLines})" : ""),
                    "line total (BT-106)")
                : NotApplicable(LineTotal, "no line total or no line net amounts"),
            SumRule(AllowanceTotal, totals.AllowanceTotal, allowances, "allowances", "allowance total (BT-107)", tolerance, unsignedAllowances),
            SumRule(ChargeTotal, totals.ChargeTotal, charges, "charges", "charge total (BT-108)", tolerance, unsignedAllowances),
        };

        var lines = totals.LineTotal ?? (counted.Count > 0 ? lineSum : null);
        var allowed = totals.AllowanceTotal ?? allowances.Sum(a => a.Amount);
        var charged = totals.ChargeTotal ?? charges.Sum(c => c.Amount);
        rules.Add(totals.TaxBasisTotal is { } basis && lines is { } l
            ? Compare(TaxExclusive, basis, l - allowed + charged, tolerance,
                $"lines {F(l)} − allowances {F(allowed)} + charges {F(charged)} = {F(l - allowed + charged)}", "total without tax (BT-109)")
            : NotApplicable(TaxExclusive, "no total without tax or no line total"));

        rules.Add(totals.TaxTotal is { } taxTotal && taxes.Count > 0
            ? Compare(TaxTotal, taxTotal, taxes.Sum(t => t.TaxAmount!.Value), tolerance,
                $"sum of {taxes.Count} category tax amounts {F(taxes.Sum(t => t.TaxAmount!.Value))}", "tax total (BT-110)")
            : NotApplicable(TaxTotal, "no tax total or no tax breakdown"));

        var tax = totals.TaxTotal ?? 0m;
        rules.Add(totals.GrandTotal is { } grand && totals.TaxBasisTotal is { } exclusive
            ? Compare(GrandTotal, grand, exclusive + tax, tolerance, $"total without tax {F(exclusive)} + tax {F(tax)} = {F(exclusive + tax)}",
                "total with tax (BT-112)")
            : NotApplicable(GrandTotal, "no total with or without tax"));

        var prepaid = totals.PrepaidAmount ?? 0m;
        var rounding = totals.RoundingAmount ?? 0m;
        rules.Add(totals.AmountDue is { } due && totals.GrandTotal is { } gross
            ? Compare(AmountDue, due, gross - prepaid + rounding, tolerance,
                $"total {F(gross)} − prepaid {F(prepaid)} + rounding {F(rounding)} = {F(gross - prepaid + rounding)}", "amount due (BT-115)")
            : NotApplicable(AmountDue, "no amount due or no total with tax"));
        return rules;
    }

    /// <summary>
    /// BR-CO-11/12: a declared total must equal its parts; parts without a declared total are an error too. A total with no
    /// parts listed cannot be checked here (Order-X and ZUGFeRD 1.0 Basic carry the totals only); BR-CO-13 still checks it.
    /// </summary>
    private static RuleResult SumRule(string rule, decimal? declared, IReadOnlyList<DocumentAllowanceCharge> parts, string what, string totalName,
        decimal tolerance, bool unsigned)
    {
        var sum = unsigned ? parts.Sum(p => Math.Abs(p.Amount)) : parts.Sum(p => p.Amount);
        if (parts.Count == 0)
            return NotApplicable(rule, declared is { } d && d != 0
                ? $"{totalName} {F(d)} declared without document-level {what} listed"
                : $"no document-level {what}");
        if (declared is null)
            return new RuleResult(rule, false, true, $"{parts.Count} document-level {what} sum to {F(sum)} but the {totalName} is missing");
        return Compare(rule, unsigned ? Math.Abs(declared.Value) : declared.Value, sum, tolerance,
            $"sum of {parts.Count} document-level {what}{(unsigned ? " (unsigned, ZUGFeRD 1.0)" : "")} {F(sum)}", totalName);
    }

    private static RuleResult Compare(string rule, decimal declared, decimal computed, decimal tolerance, string computedText, string declaredName)
    {
        var passed = Math.Abs(declared - computed) <= tolerance;
        return new RuleResult(rule, passed, true, passed
            ? $"{computedText} = {declaredName} {F(declared)}"
            : $"{computedText} ≠ {declaredName} {F(declared)} (difference {F(declared - computed)})");
    }

    private static RuleResult NotApplicable(string rule, string why) => new(rule, true, false, why);

    private static string F(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
