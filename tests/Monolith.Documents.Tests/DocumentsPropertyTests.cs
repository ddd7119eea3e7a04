using System.Globalization;
using System.Text;
using CsCheck;
using Monolith.Documents.Contracts;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Features.ReceiveDocument;
using Monolith.Documents.Intake;

namespace Monolith.Documents.Tests;

/// <summary>Hostile-input generators for the Documents parsers.</summary>
internal static class HostileText
{
    public static Gen<string> Of(params string[] tokens) => Gen.Frequency(
        (1, Gen.String),
        (1, Gen.String[Gen.Char, 0, 300]),
        (4, Gen.OneOf(tokens.Concat(["", " ", "\t", "\n", "\r\n", "\0", "\uD800", "\uFFFD", "é", "中", "🙂", "(", ")", "-", "\u2212", "'", "\u00A0", "\u202F"]).ToArray())
            .Array[0, 30].Select(parts => string.Concat(parts))));
}

public class IntakePropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly Gen<byte[]> Content = Gen.Frequency(
        (1, Gen.Const((byte[])null!)),
        (1, Gen.Const(Array.Empty<byte>())),
        (3, Gen.Byte.Array[1, 2_000]),
        (2, HostileText.Of("%PDF-1.7", "%PDF-", "<?xml", "<Invoice>", "\x89PNG\r\n\x1a\n", "II*\0", "MM\0*", "Invoice", "Total 12.00").Where(s => s.Length > 0).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Select(Gen.OneOf<byte[]>([0x25, 0x50, 0x44, 0x46, 0x2D], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], [0x49, 0x49, 0x2A, 0x00], [0xEF, 0xBB, 0xBF]), Gen.Byte.Array[0, 200], (a, b) => a.Concat(b).ToArray())));

    private static readonly Gen<string?> Label = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (3, HostileText.Of("Finance", "Einkauf", "HR", "  ", "../", "/", "\\", "\u0007", "\u202E").Select(s => (string?)s)),
        (1, Gen.Int[95, 110].Select(n => (string?)new string('d', n))));

    private static readonly Gen<string?> FileName = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (4, HostileText.Of("invoice", ".pdf", "../", "..\\", "/etc/passwd", "C:\\", ":", "*", "?", "\u202E", "con", "nul").Select(s => (string?)s)),
        (1, Gen.Int[250, 600].Select(n => (string?)(new string('n', n) + ".pdf"))));

    [Fact]
    public void any_upload_is_accepted_or_rejected_with_a_field_and_a_4xx_never_an_exception() =>
        Gen.Select(Content, FileName, Label, Label, Gen.OneOf(1L, 100L, 10_000L, 25L * 1024 * 1024)).Sample((content, name, department, industry, max) =>
        {
            var result = IntakeDecider.Decide("acme", name, content, department, industry, max, Now);
            switch (result)
            {
                case IntakeResult.Rejected r:
                    Assert.InRange(r.Status, 400, 499);
                    Assert.Contains(r.Field, new[] { "file", "department", "industry" });
                    Assert.False(string.IsNullOrWhiteSpace(r.Title));
                    Assert.False(string.IsNullOrWhiteSpace(r.Detail));
                    break;
                case IntakeResult.Accepted a:
                    Assert.NotNull(content);
                    Assert.InRange(content!.Length, 1, max);
                    Assert.InRange(a.Event.FileName.Length, 1, 255);
                    Assert.DoesNotContain('/', a.Event.FileName);
                    Assert.True(a.Event.Department is null || (a.Event.Department.Length is > 0 and <= 100 && a.Event.Department == a.Event.Department.Trim()));
                    Assert.Equal(a.Id, IntakeDecider.DocumentIdFor("acme", a.Event.ContentHash));
                    Assert.Equal(a.Id, ((IntakeResult.Accepted)IntakeDecider.Decide("acme", "other.pdf", content, null, null, max, Now)).Id);
                    Assert.NotEqual(a.Id, IntakeDecider.DocumentIdFor("globex", a.Event.ContentHash));
                    break;
                default:
                    Assert.Fail($"unexpected result {result}");
                    break;
            }
        }, iter: 2000);

    [Theory]
    [InlineData("invoices/")]
    [InlineData("a/ ")]
    [InlineData("   ")]
    public void a_file_name_that_names_a_folder_is_stored_as_document(string fileName)
    {
        var accepted = Assert.IsType<IntakeResult.Accepted>(IntakeDecider.Decide("acme", fileName, "Invoice 1 Total 12.00"u8.ToArray(), null, null, 1000, Now));
        Assert.Equal("document", accepted.Event.FileName);
    }

    [Fact]
    public void content_sniffing_never_throws() =>
        Content.Where(c => c is not null).Sample(bytes =>
        {
            var detected = ContentSniffer.Detect(bytes);
            Assert.False(string.IsNullOrEmpty(detected.MediaType));
        }, iter: 2000);
}

public class LocalExtractionPropertyTests
{
    private static readonly string[] AmountTokens =
    [
        "0", "1", "12", "123", "1234", "9", ".", ",", "'", " ", "€", "$", "£", "EUR", "USD", "CHF", "RM", "kr", "%", "CR", "(", ")", "-", "+", "e",
        "1.234,56", "1,234.56", "99999999999999999999999999999999", "0.000000000000000000000000000001", "Total", "VAT", "19%", "25/12/2018", "8:13",
    ];

    private static readonly Gen<char?> Separator = Gen.OneOf<char?>(null, '.', ',');

    [Fact]
    public void amount_parsing_never_throws_and_matches_lie_inside_the_line() =>
        Gen.Select(HostileText.Of(AmountTokens), Separator).Sample((text, separator) =>
        {
            _ = AmountParser.Parse(text, separator);
            _ = AmountParser.GuessDecimalSeparator(text);
            foreach (var m in AmountParser.FindAll(text, separator))
            {
                Assert.InRange(m.Index, 0, text.Length);
                Assert.InRange(m.Index + m.Length, m.Index, text.Length);
                Assert.True(m.Currency is null || m.Currency.Length == 3, m.Currency);
            }
            _ = CurrencyDetector.Detect(text);
            _ = CurrencyDetector.StripCurrency(text);
            _ = CurrencyDetector.ToIso(text);
            _ = TaxIdParser.FindAll(text);
        }, iter: 3000);

    [Fact]
    public void printed_amounts_round_trip_in_the_usual_formats() =>
        Gen.Select(Gen.Long[0, 99_999_999_999L], Gen.Bool, Gen.OneOf("en", "de", "plain", "swiss", "space")).Sample((cents, negative, style) =>
        {
            var value = cents / 100m * (negative ? -1 : 1);
            var abs = Math.Abs(value);
            var printed = style switch
            {
                "en" => abs.ToString("#,##0.00", CultureInfo.InvariantCulture),
                "de" => abs.ToString("#,##0.00", CultureInfo.InvariantCulture).Replace(",", "_", StringComparison.Ordinal).Replace(".", ",", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal),
                "swiss" => abs.ToString("#,##0.00", CultureInfo.InvariantCulture).Replace(",", "'", StringComparison.Ordinal),
                "space" => abs.ToString("#,##0.00", CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal).Replace(".", ",", StringComparison.Ordinal),
                _ => abs.ToString("0.00", CultureInfo.InvariantCulture),
            };
            if (negative) printed = "-" + printed;
            Assert.Equal(value, AmountParser.Parse(printed));
            Assert.Equal(value, AmountParser.Parse(printed + " €") ?? AmountParser.Parse("EUR " + printed));
        }, iter: 2000);

    private static readonly string[] DateTokens =
    [
        "2024", "-", "/", ".", " ", "01", "1", "12", "13", "31", "32", "00", "99", "9999", "0000", "January", "März", "févr", "dic", "Feb", "29",
        "2023-02-29", "31.04.2024", "12/03/2024", "2024-13-45", "T", ":", "Z", "Invoice date", "Due",
    ];

    [Fact]
    public void date_parsing_never_throws_and_matches_do_not_overlap() =>
        Gen.Select(HostileText.Of(DateTokens), Gen.OneOf(DateOrder.DayFirst, DateOrder.MonthFirst), Gen.OneOf<string?>(null, "USD", "EUR")).Sample((text, order, currency) =>
        {
            _ = DateParser.Parse(text, order);
            _ = DateParser.GuessOrder(text, currency);
            var matches = DateParser.FindAll(text, order);
            for (var i = 0; i < matches.Count; i++)
            {
                Assert.InRange(matches[i].Index + matches[i].Length, 0, text.Length);
                if (i > 0) Assert.True(matches[i - 1].Index + matches[i - 1].Length <= matches[i].Index, "overlapping dates");
            }
        }, iter: 3000);

    /// <summary>Dates in the plausible document range (1970–2099, the parser's deliberate bound) read back exactly.</summary>
    [Fact]
    public void printed_dates_round_trip() =>
        Gen.Select(Gen.Select(Gen.Int[1970, 2099], Gen.Int[1, 12], Gen.Int[1, 31]).Where((y, m, d) => d <= DateTime.DaysInMonth(y, m)).Select((y, m, d) => new DateOnly(y, m, d)), Gen.OneOf("iso", "dotted", "en-long", "de-long")).Sample((date, style) =>
        {
            var printed = style switch
            {
                "iso" => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "dotted" => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                "en-long" => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-US")),
                _ => date.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")),
            };
            Assert.Equal(date, DateParser.Parse(printed));
            Assert.Equal(date, DateParser.Parse($"Rechnungsdatum: {printed}, fällig in 14 Tagen"));
        }, iter: 2000);
}

public class AutomationDecisionPropertyTests
{
    private static readonly Gen<double> Score = Gen.Frequency((4, Gen.Double.Unit), (1, Gen.OneOf(0.0, 1.0, 0.7, 0.85, 0.9, 0.95)));

    private static readonly Gen<AutomationThresholds> Thresholds = Gen.Frequency(
        (1, Gen.Const(new AutomationThresholds())),
        (3, Gen.Select(Score, Score, Score, Score, Score, Gen.Double[0, 2], Gen.Double[0, 2], Gen.Double[0, 2])
            .Select((a, c, comp, v, manual, wc, wcomp, wv) => new AutomationThresholds(a, c, comp, v, manual, wc, wcomp, wv))));

    private static int Rank(AutomationDecision d) => d switch
    {
        AutomationDecision.Manual => 0,
        AutomationDecision.NeedsReview => 1,
        _ => 2,
    };

    [Fact]
    public void raising_any_score_never_lowers_the_decision() =>
        Gen.Select(Gen.Select(Score, Score, Score, Score), Gen.Int[0, 3], Score, Gen.Bool, Thresholds).Sample((scores, which, raiseTo, supported, t) =>
        {
            var (c, comp, v, a) = scores;
            var before = AutomationDecisionRule.Decide(c, comp, v, a, supported, t);
            double Up(double x) => Math.Max(x, raiseTo);
            var after = which switch
            {
                0 => AutomationDecisionRule.Decide(Up(c), comp, v, a, supported, t),
                1 => AutomationDecisionRule.Decide(c, Up(comp), v, a, supported, t),
                2 => AutomationDecisionRule.Decide(c, comp, Up(v), a, supported, t),
                _ => AutomationDecisionRule.Decide(c, comp, v, Up(a), supported, t),
            };
            Assert.True(Rank(after) >= Rank(before), $"{before} became {after}");
            if (before == AutomationDecision.Automated) Assert.Equal(AutomationDecision.Automated, after);
        }, iter: 5000);

    [Fact]
    public void with_the_automation_score_computed_raising_a_component_never_turns_automated_into_review() =>
        Gen.Select(Gen.Select(Score, Score, Score), Gen.Int[0, 2], Score, Thresholds).Sample((scores, which, raiseTo, t) =>
        {
            var (c, comp, v) = scores;
            AutomationDecision Decide(double x, double y, double z) => AutomationDecisionRule.Decide(x, y, z, AutomationDecisionRule.AutomationScore(x, y, z, t), true, t);
            var before = Decide(c, comp, v);
            double Up(double x) => Math.Max(x, raiseTo);
            var after = which switch { 0 => Decide(Up(c), comp, v), 1 => Decide(c, Up(comp), v), _ => Decide(c, comp, Up(v)) };
            Assert.True(Rank(after) >= Rank(before), $"{before} became {after}");
        }, iter: 5000);

    [Fact]
    public void the_automation_score_stays_within_its_inputs() =>
        Gen.Select(Score, Score, Score, Thresholds).Sample((c, comp, v, t) =>
        {
            var score = AutomationDecisionRule.AutomationScore(c, comp, v, t);
            if (t.ConfidenceWeight + t.CompletenessWeight + t.ValidationWeight <= 0) { Assert.Equal(0, score); return; }
            Assert.InRange(score, Math.Min(c, Math.Min(comp, v)) - 1e-9, Math.Max(c, Math.Max(comp, v)) + 1e-9);
        }, iter: 3000);

    [Fact]
    public void an_unsupported_type_is_always_manual() =>
        Gen.Select(Score, Score, Score, Score, Thresholds).Sample((c, comp, v, a, t) =>
            Assert.Equal(AutomationDecision.Manual, AutomationDecisionRule.Decide(c, comp, v, a, false, t)));
}
