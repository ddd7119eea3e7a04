using System.Globalization;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Xunit.Abstractions;

namespace Monolith.Documents.Tests.Extraction;

public class LocalExtractorTests(ITestOutputHelper output)
{
    private static ExtractedField? Field(ExtractionResult r, string name) => r.Fields.FirstOrDefault(f => f.Name == name);

    [Fact]
    public void line_items_under_a_two_line_header_skip_article_codes_rate_columns_and_detail_rows()
    {
        var r = LocalExtractor.Extract(LocalTypeClassifierTests.Text(
            "Werkzeug Schmidt GmbH\nRechnung Nr. 4711\nPos   Artikel   Menge\nX\n   Einzelpreis   Betrag   USt\n" +
            "1   AB12C   Schrauben M4   100   0,10   10,00   19\nHinweis: Pfand   0,50\nEntsorgungsgebühr   0,30\n2   Muttern M4   50   0,20   10,00   19\nNettobetrag   20,00\nGesamtbetrag   23,80"),
            DocumentType.Invoice);
        Assert.Equal([new LineItem("Schrauben M4", 100, 0.10m, 10.00m, 0.85), new LineItem("Muttern M4", 50, 0.20m, 10.00m, 0.85)], r.LineItems);
    }

    [Fact]
    public void an_invoice_number_comes_before_the_order_number_it_quotes_and_the_reverse_on_an_order()
    {
        var text = LocalTypeClassifierTests.Text("Lieferant GmbH\nOrder No: 2013-471331\nInvoice No\nRE-471102\nTotal: 119,00 EUR");
        Assert.Equal("RE-471102", Field(LocalExtractor.Extract(text, DocumentType.Invoice), FieldNames.InvoiceNumber)?.Text);
        Assert.Equal("2013-471331", Field(LocalExtractor.Extract(text, DocumentType.PurchaseOrder), FieldNames.InvoiceNumber)?.Text);
    }

    [Fact]
    public void a_billing_period_is_not_taken_for_the_invoice_date()
    {
        var unlabelled = LocalExtractor.Extract(LocalTypeClassifierTests.Text(
            "Stadtwerke Beispiel GmbH\nAm Markt 1, 12345 Beispielstadt\nStrom 01.03.2026 - 31.03.2026\nBeispielstadt, 02.04.2026\nGesamtbetrag: 119,00 €"), DocumentType.Invoice);
        Assert.Equal(new DateOnly(2026, 4, 2), Field(unlabelled, FieldNames.InvoiceDate)?.Date);

        var labelled = LocalExtractor.Extract(LocalTypeClassifierTests.Text(
            "Stadtwerke Beispiel GmbH\nDatum: 01.03.2026 bis 31.03.2026\nRechnungsdatum: 02.04.2026\nGesamtbetrag: 119,00 €"), DocumentType.Invoice);
        Assert.Equal(new DateOnly(2026, 4, 2), Field(labelled, FieldNames.InvoiceDate)?.Date);
    }

    [Fact]
    public void a_receipt_total_is_what_was_tendered_minus_the_change_and_a_wrapped_name_is_joined()
    {
        // OCR of a receipt: labels and values in separate blocks, no amount on the TOTAL line.
        var r = LocalExtractor.Extract(LocalTypeClassifierTests.Text(
            "POPULAR BOOK\nCO. (M) SDN BHD\nNO 8, JALAN 7/118B, DESA TUN RAZAK\n56000 KUALA LUMPUR\nDATE: 02/01/2018\nPEN 2.50\nFILE 6.50\nTOTAL\nCASH\nCHANGE\n9.00\n50.00\n41.00"),
            DocumentType.Receipt);
        Assert.Equal(9.00m, Field(r, FieldNames.Total)?.Number);
        Assert.Equal("tender-minus-change", Field(r, FieldNames.Total)?.Evidence?.Method);
        Assert.Equal("POPULAR BOOK CO. (M) SDN BHD", Field(r, FieldNames.MerchantName)?.Text);
        Assert.Equal("NO 8, JALAN 7/118B, DESA TUN RAZAK 56000 KUALA LUMPUR", Field(r, FieldNames.MerchantAddress)?.Text);
    }

    [Fact]
    public void reads_a_german_invoice_with_labels_and_agreeing_amounts()
    {
        var text = LocalTypeClassifierTests.Text(
            "Müller Haustechnik GmbH\nHauptstraße 12\n10115 Berlin\nUSt-IdNr.: DE123456789\n\nRECHNUNG\nRechnungsnummer: R-2024-17\n" +
            "Rechnungsdatum: 12.03.2024\nFällig am: 11.04.2024\n\nZwischensumme: 1.000,00 €\nMwSt 19%: 190,00 €\nGesamtbetrag: 1.190,00 €");
        var r = LocalExtractor.Extract(text, DocumentType.Invoice);
        Assert.Equal("local", r.Provider);
        Assert.Equal("R-2024-17", Field(r, FieldNames.InvoiceNumber)?.Text);
        Assert.Equal(new DateOnly(2024, 3, 12), Field(r, FieldNames.InvoiceDate)?.Date);
        Assert.Equal(new DateOnly(2024, 4, 11), Field(r, FieldNames.DueDate)?.Date);
        Assert.Equal(1000.00m, Field(r, FieldNames.Subtotal)?.Number);
        Assert.Equal(190.00m, Field(r, FieldNames.Tax)?.Number);
        Assert.Equal(1190.00m, Field(r, FieldNames.Total)?.Number);
        Assert.Equal("EUR", Field(r, FieldNames.Currency)?.Text);
        Assert.Equal("DE123456789", Field(r, FieldNames.VendorTaxId)?.Text);
        Assert.Equal("Müller Haustechnik GmbH", Field(r, FieldNames.VendorName)?.Text);
        Assert.Equal("Hauptstraße 12 10115 Berlin", Field(r, FieldNames.VendorAddress)?.Text);
        Assert.True(Field(r, FieldNames.Total)!.Confidence > 0.9, "subtotal + tax = total raises confidence");
        Assert.All(r.Fields, f => Assert.Equal("local", f.Provider));
    }

    [Fact]
    public void reads_an_ocr_receipt_with_values_on_the_line_below()
    {
        var text = LocalTypeClassifierTests.Text(
            "TAN WOON YANN\nBOOK TA .K(TAMAN DAYA) SDN BHD\n789417-W\nNO.53 55,57 & 59, JALAN SAGU 18,\nTAMAN DAYA,\n81100 JOHOR BAHRU,\nJOHOR.\n" +
            "DOCUMENT NO : TD01167104\nDATE:\n25/12/2018 8:13:39 PM\nCASH BILL\nKF MODELLING CLAY\n9.000\n0.00\n9.00\nTOTAL:\nROUNDING ADJUSTMENT:\n0.00\n" +
            "ROUNDED TOTAL (RM):\n9.00\nCASH\n10.00\nCHANGE\n1.00");
        var r = LocalExtractor.Extract(text, DocumentType.Receipt);
        Assert.Equal("BOOK TA .K(TAMAN DAYA) SDN BHD", Field(r, FieldNames.MerchantName)?.Text);
        Assert.Equal("NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.", Field(r, FieldNames.MerchantAddress)?.Text);
        Assert.Equal(new DateOnly(2018, 12, 25), Field(r, FieldNames.TransactionDate)?.Date);
        Assert.Equal(9.00m, Field(r, FieldNames.Total)?.Number);
        Assert.Equal("MYR", Field(r, FieldNames.Currency)?.Text);
    }

    [Fact]
    public void uses_word_positions_when_the_page_has_them()
    {
        TextWord W(string t, double x, double y) => new(t, x, y, t.Length * 5.0, 10);
        var words = new[]
        {
            W("ACME", 50, 800), W("Ltd", 75, 800), W("INVOICE", 400, 800),
            W("Invoice", 50, 760), W("No:", 90, 760), W("A-17", 120, 760),
            W("Date:", 300, 760), W("2024-03-12", 330, 760),
            W("Total", 50, 700), W("$120.00", 400, 700),
        };
        var page = new TextPage(1, "", words, 595, 842);
        var r = LocalExtractor.Extract(new DocumentText([page], "test"), DocumentType.Invoice);
        Assert.Equal("A-17", Field(r, FieldNames.InvoiceNumber)?.Text);
        Assert.Equal(new DateOnly(2024, 3, 12), Field(r, FieldNames.InvoiceDate)?.Date);
        Assert.Equal(120.00m, Field(r, FieldNames.Total)?.Number);
        Assert.Equal("ACME Ltd", Field(r, FieldNames.VendorName)?.Text);
    }

    [Fact]
    public void reads_german_net_and_gross_sums_and_adds_tax_over_rates()
    {
        var text = LocalTypeClassifierTests.Text(
            "Bergmann Werkzeuge GmbH\nAm Anger 4\n04109 Leipzig\nRECHNUNG\nRechnungsnummer: 2024-881\nRechnungsdatum: 02.05.2024\n" +
            "Summe Netto (exkl. USt.)   300,00\nSteuerbasisbetrag USt. 7%   100,00   7,00\nSteuerbasisbetrag USt. 19%   200,00   38,00\n" +
            "Summe Brutto (inkl. USt.)   345,00\nZahlbar innerhalb 14 Tagen netto bis 16.05.2024");
        var r = LocalExtractor.Extract(text, DocumentType.Invoice);
        Assert.Equal(300.00m, Field(r, FieldNames.Subtotal)?.Number);
        Assert.Equal(45.00m, Field(r, FieldNames.Tax)?.Number);
        Assert.Equal(345.00m, Field(r, FieldNames.Total)?.Number);
        Assert.Equal(new DateOnly(2024, 5, 16), Field(r, FieldNames.DueDate)?.Date);
        // Nothing printed as paid: the amount due is the total, inferred, so less sure than the total itself.
        Assert.Equal(345.00m, Field(r, FieldNames.AmountDue)?.Number);
        Assert.True(Field(r, FieldNames.AmountDue)!.Confidence < Field(r, FieldNames.Total)!.Confidence);
    }

    [Fact]
    public void no_inferred_amount_due_when_a_payment_is_printed()
    {
        var text = LocalTypeClassifierTests.Text("Bergmann GmbH\nRECHNUNG\nGesamtbetrag 100,00\nBereits bezahlt 40,00");
        var r = LocalExtractor.Extract(text, DocumentType.Invoice);
        Assert.Null(Field(r, FieldNames.AmountDue));
    }

    [Theory]
    [InlineData("Fälligkeit 03.06.2024", 2024, 6, 3)]
    [InlineData("Payable within 30 days net by 2024-06-03", 2024, 6, 3)]
    public void reads_due_dates_worded_as_terms(string line, int y, int m, int d)
    {
        var r = LocalExtractor.Extract(LocalTypeClassifierTests.Text("Firma AG\nRechnung\nDatum 01.05.2024\n" + line), DocumentType.Invoice);
        Assert.Equal(new DateOnly(y, m, d), Field(r, FieldNames.DueDate)?.Date);
    }

    [Fact]
    public void takes_values_and_parties_from_the_column_under_their_label()
    {
        TextWord W(string t, double x, double y) => new(t, x, y, t.Length * 5.0, 10);
        var words = new[]
        {
            W("Rechnungssteller", 40, 800),
            W("Nordwind", 50, 785), W("GmbH", 95, 785),
            W("Hafenweg", 50, 770), W("3", 95, 770), W("RECHNUNG", 360, 770),
            W("Rechnungsnummer", 360, 755),
            W("20095", 50, 740), W("Hamburg", 80, 740), W("RE-5521", 520, 740),
            W("Rechnungsempfänger", 40, 700), W("Kundennummer", 360, 700),
            W("K-778", 520, 685),
            W("Sonnenhof", 50, 670), W("KG", 100, 670), W("EUR", 520, 670),
            W("Gesamtbetrag", 50, 600), W("119,00", 520, 600),
        };
        var r = LocalExtractor.Extract(new DocumentText([new TextPage(1, "", words, 595, 842)], "test"), DocumentType.Invoice);
        Assert.Equal("RE-5521", Field(r, FieldNames.InvoiceNumber)?.Text);
        Assert.Equal("Nordwind GmbH", Field(r, FieldNames.VendorName)?.Text);
        Assert.Equal("Sonnenhof KG", Field(r, FieldNames.CustomerName)?.Text);
    }

    [Fact]
    public void a_block_label_beside_a_title_column_is_not_followed_into_the_title()
    {
        var text = LocalTypeClassifierTests.Text("Lieferant            Käufer             GUTSCHRIFT\nALPHA HANDEL GMBH    BETA MARKT GMBH\nRingstraße 1         Marktplatz 2");
        var r = LocalExtractor.Extract(text, DocumentType.Invoice);
        Assert.Equal("BETA MARKT GMBH", Field(r, FieldNames.CustomerName)?.Text);
        Assert.Equal("ALPHA HANDEL GMBH", Field(r, FieldNames.VendorName)?.Text);
    }

    [Fact]
    public void recognises_line_items_in_a_table()
    {
        var text = LocalTypeClassifierTests.Text("INVOICE\nDescription   Qty   Unit Price   Amount\nWidget   2   10.00   20.00\nGadget   1   5.50   5.50\nTotal   25.50");
        var r = LocalExtractor.Extract(text, DocumentType.Invoice);
        Assert.Equal(2, r.LineItems.Count);
        Assert.Equal(new LineItem("Widget", 2, 10.00m, 20.00m, 0.85), r.LineItems[0]);
    }

    [Fact]
    public async Task the_provider_is_named_local_and_needs_text()
    {
        var provider = new LocalExtractionProvider();
        Assert.Equal("local", provider.Name);
        Assert.True(provider.NeedsText);
        var empty = await provider.ExtractAsync(new ExtractionRequest(Guid.NewGuid(), DocumentType.Invoice, default, "application/pdf", null), CancellationToken.None);
        Assert.Empty(empty.Fields);
    }

    /// <summary>
    /// Field-level precision/recall/F1 on the generated corpus. Floors are set a few points under what was measured
    /// when this test was written (see the printed numbers), so a regression fails but noise does not.
    /// </summary>
    [Fact]
    public void accuracy_on_the_generated_corpus()
    {
        var corpus = GeneratedCorpus.Build();
        Assert.True(corpus.Count >= 40);
        int expected = 0, predicted = 0, correct = 0, typesRight = 0;
        var perField = new Dictionary<string, (int Correct, int Expected)>(StringComparer.Ordinal);
        foreach (var doc in corpus)
        {
            if (LocalTypeClassifier.Classify(doc.Text).Type == doc.Type) typesRight++;
            else output.WriteLine($"type miss: {doc.Name}");
            var result = LocalExtractor.Extract(doc.Text, doc.Type);
            foreach (var (name, value) in doc.Expected)
            {
                var got = result.Fields.FirstOrDefault(f => f.Name == name);
                expected++;
                if (got is not null) predicted++;
                var ok = got is not null && value switch
                {
                    decimal d => got.Number == d,
                    DateOnly d => got.Date == d,
                    _ => string.Equals(got.Text, (string)value, StringComparison.OrdinalIgnoreCase),
                };
                if (ok) correct++;
                else output.WriteLine($"{doc.Name} {name}: expected {Convert.ToString(value, CultureInfo.InvariantCulture)} got {got?.Value}");
                var p = perField.GetValueOrDefault(name);
                perField[name] = (p.Correct + (ok ? 1 : 0), p.Expected + 1);
            }
        }
        var precision = (double)correct / predicted;
        var recall = (double)correct / expected;
        var f1 = 2 * precision * recall / (precision + recall);
        var typeAccuracy = (double)typesRight / corpus.Count;
        output.WriteLine($"documents {corpus.Count}, fields {expected}, predicted {predicted}, correct {correct}");
        output.WriteLine(FormattableString.Invariant($"precision {precision:P1}  recall {recall:P1}  F1 {f1:P1}  type accuracy {typeAccuracy:P1}"));
        foreach (var (name, (c, e)) in perField.OrderBy(p => p.Key, StringComparer.Ordinal))
            output.WriteLine(FormattableString.Invariant($"  {name,-16} {c,3}/{e,-3}"));

        Assert.True(f1 >= F1Floor, FormattableString.Invariant($"F1 {f1:P1} below floor {F1Floor:P0}"));
        Assert.True(typeAccuracy >= TypeFloor, FormattableString.Invariant($"type accuracy {typeAccuracy:P1} below floor {TypeFloor:P0}"));
    }

    // Measured when written: 48 documents, 344 fields, P 99.4 %, R 99.4 %, F1 99.4 %, type accuracy 100 %.
    // The only misses are US-dollar invoices printed without a symbol, whose 05/06/2024 dates cannot be told apart
    // from day-first ones. The corpus is generated by rules this extractor knows, so the floors sit a few points
    // below the measurement and guard against regressions; real-world accuracy is in bench/DocumentAccuracy.
    private const double F1Floor = 0.95;
    private const double TypeFloor = 0.95;
}
