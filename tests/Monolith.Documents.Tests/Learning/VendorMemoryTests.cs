using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Learning;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Tests.Learning;

/// <summary>Vendor memory, pure: what a review teaches, which vendor a document is, and what is applied.</summary>
public class VendorMemoryTests
{
    private static DocumentText Receipt(string number, string date, string total, string cash, string change) => new([new TextPage(1, $"""
        THANK YOU FOR SHOPPING
        KEDAI RUNCIT MAJU JAYA
        LOT 5 JALAN BUNGA RAYA 75100 MELAKA
        RECEIPT NO {number}
        DATE {date}
        ITEM A            2.00
        ITEM B            3.50
        NETT TOTAL RM     {total}
        CASH              {cash}
        CHANGE            {change}
        """, [])], "test");

    private static readonly ExtractedField[] Confirmed =
    [
        FieldValues.Corrected(FieldNames.MerchantName, "KEDAI RUNCIT MAJU JAYA", 1)!,
        FieldValues.Corrected(FieldNames.MerchantAddress, "LOT 5 JALAN BUNGA RAYA 75100 MELAKA", 1)!,
        FieldValues.Corrected(FieldNames.TransactionDate, "2024-03-01", 1)!,
        FieldValues.Corrected(FieldNames.Total, "5.50", 1)!,
    ];

    private static VendorProfile Taught(DocumentText text, IReadOnlyList<ExtractedField> confirmed, Guid? id = null)
    {
        var (print, learned) = VendorMemory.Learn(text, confirmed);
        return VendorProfile.Create(new VendorProfileLearned(id ?? Guid.NewGuid(), Guid.NewGuid(), print.TaxIds, print.Ibans, print.Header, learned, 2, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void a_review_teaches_the_fixed_values_and_the_label_before_each_changing_one()
    {
        var (print, learned) = VendorMemory.Learn(Receipt("R-1", "01/03/2024", "5.50", "10.00", "4.50"), Confirmed);

        Assert.Contains("MAJU", print.Header);
        Assert.Contains(new LearnedField(FieldNames.VendorName, "KEDAI RUNCIT MAJU JAYA", null), learned);
        Assert.Contains(new LearnedField(FieldNames.VendorAddress, "LOT 5 JALAN BUNGA RAYA 75100 MELAKA", null), learned);
        Assert.Contains(new LearnedField(FieldNames.Total, null, "NETTTOTALRM"), learned);
        Assert.Contains(new LearnedField(FieldNames.InvoiceDate, null, "DATE"), learned);
    }

    [Fact]
    public void the_next_receipt_of_the_vendor_gets_what_was_learned_and_its_evidence_says_so()
    {
        var profile = Taught(Receipt("R-1", "01/03/2024", "5.50", "10.00", "4.50"), Confirmed);
        var next = Receipt("R-2", "09/04/2024", "17.20", "20.00", "2.80");
        var extracted = LocalExtractor.Extract(next, DocumentType.Receipt).Fields;
        // Without memory the first line ("THANK YOU FOR SHOPPING") competes for the merchant's name.

        var match = VendorMemory.Recognise(VendorMemory.Fingerprint(next), [profile]);
        Assert.NotNull(match);
        Assert.Equal("letterhead", match.MatchedBy);
        var fields = VendorMemory.Apply(next, DocumentType.Receipt, extracted, match, ConfidenceCalibration.Default);

        var name = fields.Single(f => f.Name == FieldNames.MerchantName);
        Assert.Equal("KEDAI RUNCIT MAJU JAYA", name.Text);
        Assert.Equal("vendor-memory", name.Evidence!.Method);
        Assert.Contains("matched:letterhead", name.Evidence.Signals);
        Assert.Contains("taught:1", name.Evidence.Signals);
        var total = fields.Single(f => f.Name == FieldNames.Total);
        Assert.Equal(17.20m, total.Number);
        Assert.Equal("vendor-anchor", total.Evidence!.Method);
        Assert.Equal(new DateOnly(2024, 4, 9), fields.Single(f => f.Name == FieldNames.TransactionDate).Date);
        Assert.Single(fields, f => f.Name == FieldNames.Total);
    }

    [Fact]
    public void another_vendor_is_not_taken_for_a_learned_one()
    {
        var profile = Taught(Receipt("R-1", "01/03/2024", "5.50", "10.00", "4.50"), Confirmed);
        var other = new DocumentText([new TextPage(1, """
            GLOBAL PETROL STATION SDN BHD
            KM 12 JALAN IPOH 51200 KUALA LUMPUR
            INVOICE 88812
            DATE 02/03/2024
            TOTAL 50.00
            """, [])], "test");

        Assert.Null(VendorMemory.Recognise(VendorMemory.Fingerprint(other), [profile]));
    }

    [Fact]
    public void a_shared_tax_id_recognises_the_vendor_whatever_its_letterhead_and_counts_decide_between_values()
    {
        var invoice = new DocumentText([new TextPage(1, "Northwind Traders GmbH\nUSt-IdNr.: DE 811 569 869\nRechnung 1\nGesamt EUR 100,00", [])], "test");
        ExtractedField[] confirmed = [FieldValues.Corrected(FieldNames.VendorName, "Northwind Traders GmbH", 1)!];
        var profile = Taught(invoice, confirmed);
        var (print, learned) = VendorMemory.Learn(invoice, [FieldValues.Corrected(FieldNames.VendorName, "Northwind Traders", 1)!]);
        profile.Apply(new VendorProfileLearned(profile.Id, Guid.NewGuid(), print.TaxIds, print.Ibans, print.Header, learned, 1, DateTimeOffset.UnixEpoch));
        profile.Apply(new VendorProfileLearned(profile.Id, Guid.NewGuid(), print.TaxIds, print.Ibans, print.Header,
            [new LearnedField(FieldNames.VendorName, "Northwind Traders GmbH", null)], 0, DateTimeOffset.UnixEpoch));

        var relabelled = new DocumentText([new TextPage(1, "NEW LOGO 2025\nSomething else entirely\nVAT DE811569869\nRechnung 2\nGesamt EUR 7,00", [])], "test");
        var match = VendorMemory.Recognise(VendorMemory.Fingerprint(relabelled), [profile]);

        Assert.Equal("tax-id", match?.MatchedBy);
        Assert.Equal(("Northwind Traders GmbH", 2), profile.Value(FieldNames.VendorName));
        Assert.Equal(3, profile.Documents);
    }

    [Theory]
    [InlineData("NETTTOTALRM", "NETTTOTAIRM", true)]
    [InlineData("TOTAL", "TOTAI", true)]
    [InlineData("TOTAL", "CASH", false)]
    [InlineData("SUBTOTAL", "TOTAL", false)]
    public void labels_match_despite_an_ocr_slip_but_not_another_label(string a, string b, bool similar) =>
        Assert.Equal(similar, VendorMemory.Similar(a, b));

    /// <summary>A vendor's invoices as it writes them: its own layout, new numbers, dates and amounts each time.</summary>
    private static DocumentText VendorInvoice(int n)
    {
        var net = 100m + (n * 37.5m);
        var vat = Math.Round(net * 0.19m, 2);
        return new([new TextPage(1, FormattableString.Invariant($"""
            Quality since 1952 - your partner for tools
            Werkzeughandel Brandt GmbH
            Industriestraße 7, 44135 Dortmund
            USt-IdNr.: DE 811 569 869
            RECHNUNG
            Rechnungsnummer: WB-2024-{100 + n}
            Rechnungsdatum: {n + 1:00}.05.2024
            Zwischensumme EUR {net:0.00}
            MwSt 19% EUR {vat:0.00}
            Gesamtbetrag EUR {net + vat:0.00}
            """), [])], "test");
    }

    [Fact]
    public void after_a_few_corrections_a_vendors_invoices_go_straight_through_and_are_right()
    {
        var settings = new AutomationSettings();
        Decision DecisionFor(IReadOnlyList<ExtractedField> fields)
        {
            var report = ValidationRules.Validate(DocumentType.Invoice, fields, [], settings.AmountTolerance, null);
            return AutomationScoring.Score(DocumentType.Invoice, fields, report, settings).Decision;
        }
        var profiles = new List<VendorProfile>();
        var decisions = new List<Decision>();
        for (var n = 0; n < 6; n++)
        {
            var text = VendorInvoice(n);
            var extracted = LocalExtractor.Extract(text, DocumentType.Invoice).Fields;
            var match = VendorMemory.Recognise(VendorMemory.Fingerprint(text), profiles);
            var fields = match is null ? extracted : VendorMemory.Apply(text, DocumentType.Invoice, extracted, match, ConfidenceCalibration.Default);
            decisions.Add(DecisionFor(fields));
            if (decisions[^1] == Decision.Automated)
            {
                Assert.Equal("Werkzeughandel Brandt GmbH", fields.Single(f => f.Name == FieldNames.VendorName).Text);
                Assert.Equal($"WB-2024-{100 + n}", fields.Single(f => f.Name == FieldNames.InvoiceNumber).Text);
                continue;
            }
            // The reviewer confirms the fields, putting the vendor's name right.
            var confirmed = fields.Where(f => f.Name != FieldNames.VendorName).Append(FieldValues.Corrected(FieldNames.VendorName, "Werkzeughandel Brandt GmbH", 1)!).ToList();
            var (print, learned) = VendorMemory.Learn(text, confirmed);
            var e = new VendorProfileLearned(match?.Profile.Id ?? Guid.NewGuid(), Guid.NewGuid(), print.TaxIds, print.Ibans, print.Header, learned, 1, DateTimeOffset.UnixEpoch);
            if (match is null) profiles.Add(VendorProfile.Create(e)); else match.Profile.Apply(e);
        }

        Assert.Equal(Decision.NeedsReview, decisions[0]);
        Assert.Equal(Decision.Automated, decisions[^1]);
        Assert.Single(profiles);
        // Without the memory the same last invoice would still wait for a person.
        Assert.NotEqual(Decision.Automated, DecisionFor(LocalExtractor.Extract(VendorInvoice(5), DocumentType.Invoice).Fields));
    }
}
