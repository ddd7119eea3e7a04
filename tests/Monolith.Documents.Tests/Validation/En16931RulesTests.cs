using Monolith.Documents.Extraction.EInvoice;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Tests.Validation;

public class En16931RulesTests
{
    // Lines 100 + 50, allowance 10, charge 5: 145 net, 19 % = 27.55, 172.55 gross, 50 prepaid, 122.55 due.
    private static EInvoiceTotals Consistent() => new(
        [new("1", 100m), new("2", 50m)],
        [new(false, 10m, "volume discount", "S", 19m), new(true, 5m, "freight", "S", 19m)],
        [new("VAT", "S", 19m, 145m, 27.55m)],
        LineTotal: 150m, AllowanceTotal: 10m, ChargeTotal: 5m, TaxBasisTotal: 145m, TaxTotal: 27.55m, GrandTotal: 172.55m,
        PrepaidAmount: 50m, RoundingAmount: null, AmountDue: 122.55m, PayeeIbans: []);

    private static RuleResult Rule(IReadOnlyList<RuleResult> rules, string id) => Assert.Single(rules, r => r.Rule == id);

    [Fact]
    public void an_invoice_with_allowances_charges_and_a_prepayment_passes_every_rule()
    {
        var rules = En16931Rules.Check(Consistent(), 0.02m);
        Assert.Equal(["BR-CO-10", "BR-CO-11", "BR-CO-12", "BR-CO-13", "BR-CO-14", "BR-CO-15", "BR-CO-16"], rules.Select(r => r.Rule));
        Assert.All(rules, r => Assert.True(r.Applicable && r.Passed, r.Message));
        Assert.Contains("prepaid 50.00", Rule(rules, "BR-CO-16").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void sub_lines_are_not_counted_twice()
    {
        // Line 1 (100) is made of 1.1 (60) and 1.2 (40); 1.3 is for information only.
        var totals = Consistent() with
        {
            Lines = [new("1", 100m, Status: "GROUP"), new("1.1", 60m, ParentId: "1"), new("1.2", 40m, Status: "DETAIL"),
                new("1.3", 999m, Status: "INFORMATION"), new("2", 50m), new(null, null)],
        };
        var rule = Rule(En16931Rules.Check(totals, 0.02m), "BR-CO-10");
        Assert.True(rule.Passed, rule.Message);
        Assert.Contains("sub-lines not counted: 2", rule.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_line_total_that_counts_sub_lines_fails_BR_CO_10()
    {
        var totals = Consistent() with { Lines = [new("1", 100m), new("1.1", 60m, ParentId: "1"), new("1.2", 40m, ParentId: "1"), new("2", 50m)], LineTotal = 250m };
        var rule = Rule(En16931Rules.Check(totals, 0.02m), "BR-CO-10");
        Assert.False(rule.Passed);
        Assert.Contains("≠ line total (BT-106) 250.00", rule.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BR-CO-11", "allowance")]
    [InlineData("BR-CO-12", "charge")]
    [InlineData("BR-CO-13", "basis")]
    [InlineData("BR-CO-14", "tax")]
    [InlineData("BR-CO-15", "grand")]
    [InlineData("BR-CO-16", "due")]
    public void each_wrong_total_fails_its_own_rule(string expectedRule, string wrong)
    {
        var totals = wrong switch
        {
            "allowance" => Consistent() with { AllowanceTotal = 12m, TaxBasisTotal = 143m, TaxTotal = 27.55m, GrandTotal = 170.55m, AmountDue = 120.55m },
            "charge" => Consistent() with { ChargeTotal = 7m, TaxBasisTotal = 147m, GrandTotal = 174.55m, AmountDue = 124.55m },
            "basis" => Consistent() with { TaxBasisTotal = 150m, GrandTotal = 177.55m, AmountDue = 127.55m },
            "tax" => Consistent() with { TaxTotal = 28.50m, GrandTotal = 173.50m, AmountDue = 123.50m },
            "grand" => Consistent() with { GrandTotal = 172.00m, AmountDue = 122.00m },
            _ => Consistent() with { AmountDue = 172.55m }, // prepayment ignored
        };
        var failed = En16931Rules.Check(totals, 0.02m).Where(r => r.Applicable && !r.Passed).ToList();
        Assert.Equal([expectedRule], failed.Select(r => r.Rule));
        Assert.Contains("≠", failed[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_cent_of_rounding_passes_and_the_rounding_amount_counts()
    {
        Assert.All(En16931Rules.Check(Consistent() with { GrandTotal = 172.56m, AmountDue = 122.56m }, 0.02m), r => Assert.True(r.Passed, r.Message));
        var rounded = Consistent() with { RoundingAmount = 0.45m, AmountDue = 123.00m };
        Assert.True(Rule(En16931Rules.Check(rounded, 0.02m), "BR-CO-16").Passed);
    }

    [Fact]
    public void allowances_without_a_declared_total_fail_and_a_total_without_parts_is_not_checked_by_BR_CO_11()
    {
        var noTotal = Rule(En16931Rules.Check(Consistent() with { AllowanceTotal = null }, 0.02m), "BR-CO-11");
        Assert.False(noTotal.Passed);
        Assert.Contains("missing", noTotal.Message, StringComparison.Ordinal);

        var noParts = Rule(En16931Rules.Check(Consistent() with { AllowancesAndCharges = [] }, 0.02m), "BR-CO-11");
        Assert.False(noParts.Applicable);
    }

    [Fact]
    public void zugferd_1_allowance_signs_are_compared_by_magnitude_only_when_asked()
    {
        var negated = Consistent() with { AllowancesAndCharges = [new(false, -10m, "Skonto", "S", 19m), new(true, 5m, null, null, null)] };
        Assert.False(Rule(En16931Rules.Check(negated, 0.02m), "BR-CO-11").Passed);
        Assert.True(Rule(En16931Rules.Check(negated, 0.02m, unsignedAllowances: true), "BR-CO-11").Passed);
    }

    [Fact]
    public void rules_without_their_amounts_do_not_apply()
    {
        Assert.All(En16931Rules.Check(EInvoiceTotals.Empty, 0.02m), r => Assert.False(r.Applicable, r.Rule));
    }
}
