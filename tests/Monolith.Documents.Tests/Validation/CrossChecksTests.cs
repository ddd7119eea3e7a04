using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.EInvoice;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Tests.Validation;

public class CrossChecksTests
{
    [Theory]
    [InlineData("DE811827800")]
    [InlineData("DE 123 456 788")]
    [InlineData("ATU10223006")]
    [InlineData("FR 32 123 456 789")]
    [InlineData("IT00743110157")]
    [InlineData("ESB58378431")] // CIF, control digit
    [InlineData("ESP2800000H")] // CIF, control letter
    [InlineData("ES12345678Z")] // DNI
    [InlineData("NL004495445B01")] // old BTW number: eleven-test
    [InlineData("NL123456780B94")] // 2020 sole-trader number: mod 97
    [InlineData("BE0403019261")]
    [InlineData("GB980780684")] // mod 97
    [InlineData("GB980780629")] // mod 9755
    [InlineData("51 824 753 556")] // ABN
    public void valid_tax_ids_pass_their_check_digits(string id)
    {
        var verdict = TaxIdCheck.Check(id);
        Assert.NotNull(verdict);
        Assert.True(verdict.Valid && verdict.ChecksumVerified, verdict.Message);
    }

    [Theory]
    [InlineData("DE123456789")]
    [InlineData("ATU10223007")]
    [InlineData("FR33123456789")]
    [InlineData("IT00743110158")]
    [InlineData("ESB58378432")]
    [InlineData("ES12345678A")]
    [InlineData("NL004495446B01")]
    [InlineData("BE0403019262")]
    [InlineData("GB980780685")]
    [InlineData("51 824 753 557")]
    public void a_wrong_check_digit_fails(string id)
    {
        var verdict = TaxIdCheck.Check(id);
        Assert.NotNull(verdict);
        Assert.False(verdict.Valid, verdict.Message);
    }

    [Theory]
    [InlineData("W10-1808-32000080", "MY SST")]
    [InlineData("201901000005", "MY company registration (SSM)")]
    [InlineData("123456-A", "MY company registration (old)")]
    [InlineData("C2584563202", "MY income tax (TIN)")]
    public void malaysian_numbers_have_no_public_check_digit_and_are_checked_for_format(string id, string scheme)
    {
        var verdict = TaxIdCheck.Check(id, "MYR");
        Assert.NotNull(verdict);
        Assert.Equal(scheme, verdict.Scheme);
        Assert.True(verdict.Valid, verdict.Message);
        Assert.False(verdict.ChecksumVerified);
        Assert.False(TaxIdCheck.Check("ABC", "MYR")!.Valid);
    }

    [Fact]
    public void an_abn_without_spaces_needs_the_currency_hint_and_a_local_tax_number_is_not_checked()
    {
        Assert.Null(TaxIdCheck.Check("51824753556"));
        Assert.True(TaxIdCheck.Check("51824753556", "AUD")!.Valid);
        var local = CrossChecks.VendorTaxIdValid("201/113/40209", "EUR");
        Assert.False(local.Applicable);
    }

    [Theory]
    [InlineData("DE89370400440532013000", null)]
    [InlineData("GB82 WEST 1234 5698 7654 32", null)]
    [InlineData("de89370400440532013000", null)]
    [InlineData("DE89370400440532013001", "mod-97")]
    [InlineData("DE8937040044053201300", "22")]
    [InlineData("ZZ89370400440532013000", "not a country")]
    public void ibans_are_checked_by_length_and_mod_97(string iban, string? problem)
    {
        var found = Iban.Problem(iban);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found, StringComparison.Ordinal);
    }

    [Fact]
    public void the_tax_rate_of_each_category_must_give_its_tax()
    {
        TaxCategoryBreakdown[] good = [new("VAT", "S", 19m, 198m, 37.62m), new("VAT", "AA", 7m, 275m, 19.25m)];
        Assert.True(CrossChecks.TaxRateConsistent(good, null, null, null, 0.02m, 2).Passed);
        var bad = CrossChecks.TaxRateConsistent([new("VAT", "S", 19m, 198m, 39.60m)], null, null, null, 0.02m, 2);
        Assert.True(bad.Applicable);
        Assert.False(bad.Passed);
        Assert.Contains("stated 39.60", bad.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Subtotal 100.00\nVAT 19% 19.00\nTotal 119.00", 19.00, true)]
    [InlineData("Nettobetrag 100,00\n19 % MwSt 19,00", 19.00, true)]
    [InlineData("Subtotal 100.00\nVAT 19% 7.00\nTotal 107.00", 7.00, false)]
    public void without_a_breakdown_a_percentage_printed_near_the_tax_is_used(string text, decimal tax, bool passes)
    {
        var rule = CrossChecks.TaxRateConsistent(null, 100m, tax, text, 0.02m, 1);
        Assert.True(rule.Applicable);
        Assert.Equal(passes, rule.Passed);
    }

    [Fact]
    public void mixed_or_absent_rates_make_the_tax_rate_check_not_applicable()
    {
        Assert.Null(CrossChecks.TaxPercentage("VAT 19% 10.00\nVAT 7% 3.00"));
        Assert.False(CrossChecks.TaxRateConsistent(null, 100m, 19m, "Total 119.00", 0.02m, 1).Applicable);
    }

    [Theory]
    [InlineData(119.0, 119.0, null, true)]
    [InlineData(69.0, 119.0, 50.0, true)]
    [InlineData(119.0, 119.0, 50.0, false)]
    [InlineData(150.0, 119.0, null, false)]
    [InlineData(40.0, 119.0, null, true)] // partly paid, payment not stated
    public void the_amount_due_is_the_total_less_prepayments(double due, double total, double? prepaid, bool passes)
    {
        var rule = CrossChecks.AmountDueConsistent((decimal)due, (decimal)total, (decimal?)prepaid, null, 0.02m);
        Assert.True(rule.Applicable);
        Assert.Equal(passes, rule.Passed);
    }

    [Fact]
    public void validate_adds_the_cross_checks_and_applies_them_only_with_their_inputs()
    {
        ExtractedField T(string n, string v) => new(n, v, null, null, 1, "t", null);
        ExtractedField N(string n, decimal v) => new(n, null, v, null, 1, "t", null);
        List<ExtractedField> fields = [T(FieldNames.InvoiceNumber, "1"), T(FieldNames.VendorName, "V"), T(FieldNames.Currency, "EUR"),
            N(FieldNames.Subtotal, 100m), N(FieldNames.Tax, 19m), N(FieldNames.Total, 119m)];
        var bare = ValidationRules.Validate(DocumentType.Invoice, fields, [], 0.02m, null);
        foreach (var name in new[] { CrossChecks.VendorTaxId, CrossChecks.IbanValid, CrossChecks.TaxRate, CrossChecks.AmountDue })
            Assert.False(Assert.Single(bare.Rules, r => r.Rule == name).Applicable, name);

        var full = ValidationRules.Validate(DocumentType.Invoice, [.. fields, T(FieldNames.VendorTaxId, "DE123456789"), N(FieldNames.AmountDue, 119m)], [],
            0.02m, null, new CrossCheckInputs(Ibans: ["DE89370400440532013000"], Text: "VAT 19% 19.00"));
        Assert.False(Assert.Single(full.Rules, r => r.Rule == CrossChecks.VendorTaxId).Passed);
        Assert.True(Assert.Single(full.Rules, r => r.Rule == CrossChecks.IbanValid).Passed);
        Assert.True(Assert.Single(full.Rules, r => r.Rule == CrossChecks.TaxRate).Passed);
        Assert.True(Assert.Single(full.Rules, r => r.Rule == CrossChecks.AmountDue).Passed);
    }

    [Theory]
    [InlineData("DE811827800", "EUR", true)]
    [InlineData("DE811827800", "GBP", false)]
    [InlineData("GB123456789", "GBP", true)]
    [InlineData("ATU10223006", "USD", false)]
    [InlineData("51 824 753 556", "AUD", true)]
    public void the_currency_is_compared_with_the_vendors_country(string taxId, string currency, bool consistent)
    {
        var rule = CrossChecks.CurrencyConsistent(taxId, currency);
        Assert.True(rule.Applicable, rule.Message);
        Assert.Equal(consistent, rule.Passed);
    }

    [Fact]
    public void without_a_country_the_currency_check_does_not_apply()
    {
        Assert.False(CrossChecks.CurrencyConsistent(null, "EUR").Applicable);
        Assert.False(CrossChecks.CurrencyConsistent("201/113/40209", "EUR").Applicable);
    }

    [Fact]
    public void ibans_are_read_after_their_label_and_cut_to_their_countrys_length()
    {
        var found = Iban.FindInText("Bank: Musterbank\nIBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX\niban gb29nwbk60161331926819");
        Assert.Equal(["DE89370400440532013000", "GB29NWBK60161331926819"], found);
        Assert.All(found, i => Assert.True(Iban.IsValid(i)));
        Assert.Empty(Iban.FindInText("Invoice 4711, total 120.00"));
    }

    [Fact]
    public void a_misread_iban_in_a_text_document_keeps_it_from_automation()
    {
        var misread = Iban.FindInText("IBAN DE89 3704 0044 0532 0130 01");
        var rule = CrossChecks.IbansValid(misread);
        Assert.False(rule.Passed);
        Assert.True(rule.Fatal);
    }
}
