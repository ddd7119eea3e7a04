using Monolith.Documents.Extraction.Local;

namespace Monolith.Documents.Tests.Extraction;

public class AmountParserTests
{
    [Theory]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("1 234,56", "1234.56")]
    [InlineData("1\u00A0234,56", "1234.56")]
    [InlineData("1'234.56", "1234.56")]
    [InlineData("-12.00", "-12.00")]
    [InlineData("(12.00)", "-12.00")]
    [InlineData("12,00 €", "12.00")]
    [InlineData("€12,00", "12.00")]
    [InlineData("EUR 12.00", "12.00")]
    [InlineData("$12", "12")]
    [InlineData("12.5", "12.5")]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("0.500", "0.500")]
    [InlineData("RM 9.00", "9.00")]
    public void parses_printed_amounts(string printed, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AmountParser.Parse(printed));

    [Theory]
    [InlineData("1.234", null, "1234")]
    [InlineData("1.234", '.', "1.234")]
    [InlineData("1,234", ',', "1.234")]
    public void a_single_separator_before_three_digits_follows_the_documents_habit(string printed, char? separator, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AmountParser.Parse(printed, separator));

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1,2,3")]
    public void rejects_what_is_not_an_amount(string printed) => Assert.Null(AmountParser.Parse(printed));

    [Fact]
    public void finds_amounts_in_a_line_but_not_dates_times_or_percentages_as_money()
    {
        var found = AmountParser.FindAll("25/12/2018 8:13 VAT 19% 38,00 € total 238,00");
        Assert.Equal([19m, 38m, 238m], found.Select(a => a.Value));
        Assert.True(found[0].IsPercent);
        Assert.Equal("EUR", found[1].Currency);
    }

    [Theory]
    [InlineData("Total 9.00 cash 10.00", '.')]
    [InlineData("Summe 9,00 bar 10,00", ',')]
    public void guesses_the_decimal_separator(string text, char expected) => Assert.Equal(expected, AmountParser.GuessDecimalSeparator(text));
}

public class DateParserTests
{
    [Theory]
    [InlineData("2024-03-12", DateOrder.DayFirst, 2024, 3, 12)]
    [InlineData("12.03.2024", DateOrder.MonthFirst, 2024, 3, 12)]
    [InlineData("12/03/2024", DateOrder.DayFirst, 2024, 3, 12)]
    [InlineData("12/03/2024", DateOrder.MonthFirst, 2024, 12, 3)]
    [InlineData("25/12/2018", DateOrder.MonthFirst, 2018, 12, 25)]
    [InlineData("3 mars 2024", DateOrder.DayFirst, 2024, 3, 3)]
    [InlineData("3. März 2024", DateOrder.DayFirst, 2024, 3, 3)]
    [InlineData("12 de marzo de 2024", DateOrder.DayFirst, 2024, 3, 12)]
    [InlineData("March 3, 2024", DateOrder.DayFirst, 2024, 3, 3)]
    [InlineData("03-Mar-2024", DateOrder.MonthFirst, 2024, 3, 3)]
    [InlineData("05 MAR 2018 18:24", DateOrder.DayFirst, 2018, 3, 5)]
    [InlineData("1er février 2023", DateOrder.DayFirst, 2023, 2, 1)]
    [InlineData("Dec 31st 2023", DateOrder.DayFirst, 2023, 12, 31)]
    [InlineData("15.01.24", DateOrder.DayFirst, 2024, 1, 15)]
    public void parses_printed_dates(string printed, DateOrder order, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), DateParser.Parse(printed, order));

    [Theory]
    [InlineData("31/02/2024")]
    [InlineData("Total 12.00")]
    [InlineData("version 1.2.3")]
    public void rejects_impossible_or_non_dates(string printed) => Assert.Null(DateParser.Parse(printed));

    [Fact]
    public void a_day_above_twelve_decides_the_order_for_the_whole_document() =>
        Assert.Equal(DateOrder.MonthFirst, DateParser.GuessOrder("Date 03/04/2024 due 03/25/2024", "EUR"));

    [Fact]
    public void without_evidence_dollars_mean_month_first() =>
        Assert.Equal(DateOrder.MonthFirst, DateParser.GuessOrder("Date 03/04/2024", "USD"));
}

public class CurrencyDetectorTests
{
    [Theory]
    [InlineData("Total: 12,00 €", "EUR")]
    [InlineData("Total £45.00", "GBP")]
    [InlineData("Amount due $1,200.00", "USD")]
    [InlineData("Summe CHF 1'200.00", "CHF")]
    [InlineData("ROUNDED TOTAL (RM): 9.00", "MYR")]
    [InlineData("TOTAL RM 9.00", "MYR")]
    [InlineData("Razem 316,83 PLN", "PLN")]
    [InlineData("Total ₹ 500", "INR")]
    public void detects_iso_4217(string text, string iso) => Assert.Equal(iso, CurrencyDetector.Detect(text));

    [Fact]
    public void letters_that_only_look_like_a_currency_are_ignored() => Assert.Null(CurrencyDetector.Detect("FROM THE RM TEAM"));
}

public class TaxIdParserTests
{
    [Theory]
    [InlineData("USt-IdNr.: DE123456789", "DE123456789", "VAT")]
    [InlineData("TVA intracom: FR 32 123 456 789", "FR32123456789", "VAT")]
    [InlineData("NIF: ESB12345678", "ESB12345678", "VAT")]
    [InlineData("VAT Reg No GB 123 4567 89", "GB123456789", "VAT")]
    [InlineData("BTW NL123456789B01", "NL123456789B01", "VAT")]
    [InlineData("UID ATU12345678", "ATU12345678", "VAT")]
    [InlineData("EIN 12-3456789", "12-3456789", "EIN")]
    public void finds_and_normalises(string text, string value, string kind)
    {
        var id = TaxIdParser.Parse(text);
        Assert.NotNull(id);
        Assert.Equal(value, id.Value);
        Assert.Equal(kind, id.Kind);
    }

    [Theory]
    [InlineData("DE12345")]
    [InlineData("DE1234567890")]
    [InlineData("Phone 555-1234567")]
    public void rejects_invalid_formats(string text) => Assert.Null(TaxIdParser.Parse(text));
}
