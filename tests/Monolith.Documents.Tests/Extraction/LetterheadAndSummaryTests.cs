using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;

namespace Monolith.Documents.Tests.Extraction;

public class LetterheadAndSummaryTests
{
    private static IReadOnlyList<ExtractedField> Extract(string text, DocumentType type) =>
        LocalExtractor.Extract(LocalTypeClassifierTests.Text(text), type).Fields;

    [Fact]
    public void the_total_row_of_a_tax_summary_is_not_the_documents_total()
    {
        var fields = Extract("""
            KEDAI MAJU SDN BHD
            LOT 5 JALAN BUNGA 75100 MELAKA
            TOTAL AMT INCL. GST @ 6% :
            12.00
            CASH :
            20.00
            CHANGE :
            8.00
            GST SUMMARY
            AMOUNT   TAX
            SR @ 6%
            11.32   0.68
            TOTAL :
            11.32   0.68
            THANK YOU
            """, DocumentType.Receipt);
        Assert.Equal(12.00m, Assert.Single(fields, f => f.Name == FieldNames.Total).Number);
    }

    [Theory]
    [InlineData("URBAN IDEA SDN BHD (CO. REG : 417940-M)", "URBAN IDEA SDN BHD")]
    [InlineData("MY HAPPY PHARMACY PLT (LLP0007299-LGN)", "MY HAPPY PHARMACY PLT")]
    [InlineData("KING'S CONFECTIONERY S/B 273500-U (KSB)", "KING'S CONFECTIONERY S/B")]
    [InlineData("Acme Web Services Ltd Invoice", "Acme Web Services Ltd")]
    [InlineData("QualityWare AG - Uferweg 40-42 - D-63571 Gelnhausen", "QualityWare AG")]
    [InlineData("POPULAR BOOK CO. (M) SDN BHD", "POPULAR BOOK CO. (M) SDN BHD")]
    public void a_letterhead_name_loses_what_is_printed_beside_it(string printed, string expected)
    {
        var fields = Extract($"{printed}\n12 Market Lane, Leeds LS1 4AP\nINVOICE\nInvoice No: 1\nTotal 10.00", DocumentType.Invoice);
        Assert.Equal(expected, Assert.Single(fields, f => f.Name == FieldNames.VendorName).Text);
    }
}

public class LetterheadAddressTests
{
    private static string? Address(string text) =>
        LocalExtractor.Extract(LocalTypeClassifierTests.Text(text), DocumentType.Receipt).Fields.SingleOrDefault(f => f.Name == FieldNames.MerchantAddress)?.Text;

    [Fact]
    public void the_address_follows_a_name_run_on_to_a_second_line() =>
        Assert.Equal("NO.113G, JALAN SETIA 40170 SHAH ALAM", Address("HOME MASTER HARDWARE &\nELECTRICAL SDN BHD\nNO.113G, JALAN SETIA\n40170 SHAH ALAM\nTAX INVOICE\nTOTAL 5.00"));

    [Fact]
    public void a_print_stamp_a_registration_and_a_brand_line_between_name_and_street_are_passed_over() =>
        Assert.Equal("NO 2A JALAN COCHRANE 55100 KUALA LUMPUR",
            Address("IKANO HANDEL SDN BHD\n05 MAR 2018 18:24\n(1074617K)\nIKEA CHERAS\nNO 2A JALAN COCHRANE\n55100 KUALA LUMPUR\nTAX INVOICE\nTOTAL 5.00"));

    [Fact]
    public void a_lot_number_is_not_a_phone_number() =>
        Assert.Equal("LOT P. T. 2811, JALAN ANGSA, 41150 KLANG", Address("99 SPEED MART S/B\nLOT P. T. 2811, JALAN ANGSA,\n41150 KLANG\nTEL: 03-3344 5566\nTOTAL 5.00"));

    [Fact]
    public void a_dated_line_that_is_not_a_print_stamp_ends_the_search() =>
        Assert.Null(Address("ACME TRADING SDN BHD\nSALE ON 05/03/2018 AT COUNTER 2\nTHANK YOU\nTOTAL 5.00"));
}

public class SenderLabelTests
{
    [Fact]
    public void from_in_a_sentence_does_not_name_the_sender()
    {
        var text = LocalTypeClassifierTests.Text("TRI SHAAS SDN BHD\n4-20, JALAN RIA 25/62\nTOTAL 5.00\nGOODS CAN BE EXCHANGED WITHIN 7 DAYS\nFROM THE DATE OF PURCHASE, IF THE REQUEST");
        var name = LocalExtractor.Extract(text, DocumentType.Receipt).Fields.Single(f => f.Name == FieldNames.MerchantName);
        Assert.Equal("TRI SHAAS SDN BHD", name.Text);
    }

    [Fact]
    public void from_as_a_label_still_names_the_sender()
    {
        var text = LocalTypeClassifierTests.Text("INVOICE\nFrom: Brightwave Consulting Ltd\nBill to: Orion Holding\nInvoice No: 7\nTotal 10.00");
        Assert.Equal("Brightwave Consulting Ltd", LocalExtractor.Extract(text, DocumentType.Invoice).Fields.Single(f => f.Name == FieldNames.VendorName).Text);
    }
}

public class VendorTaxIdChoiceTests
{
    [Fact]
    public void a_vat_number_is_chosen_over_a_national_tax_number()
    {
        var text = LocalTypeClassifierTests.Text("Lieferant GmbH\nRECHNUNG\nRechnungsnummer: 471102\nGesamtbetrag 235,62\n" +
            "Bankname: Hausbank   Steuernr.: 201/113/40209\nBIC: GENODEF1M04   USt.-Identnr.: DE123456789");
        var id = LocalExtractor.Extract(text, DocumentType.Invoice).Fields.Single(f => f.Name == FieldNames.VendorTaxId);
        Assert.Equal("DE123456789", id.Text);
    }
}

public class DutchAmountLabelTests
{
    [Fact]
    public void dutch_invoices_name_their_subtotal_tax_and_total()
    {
        var text = LocalTypeClassifierTests.Text("Winkel B.V.\nFACTUUR\nFactuurnummer: 993548900\nExclusief BTW   € 593,36\nBTW 21%   € 124,61\nTotaal   € 717,97\nUw BTW nummer: NL00333599698");
        var fields = LocalExtractor.Extract(text, DocumentType.Invoice).Fields;
        Assert.Equal(593.36m, fields.Single(f => f.Name == FieldNames.Subtotal).Number);
        Assert.Equal(124.61m, fields.Single(f => f.Name == FieldNames.Tax).Number);
        Assert.Equal(717.97m, fields.Single(f => f.Name == FieldNames.Total).Number);
        Assert.Contains("totals-add-up", fields.Single(f => f.Name == FieldNames.Total).Evidence!.Signals);
    }
}

public class DocumentNumberLabelTests
{
    [Theory]
    [InlineData("ACME Ltd\nInvoice INV/2023/03/0008\nInvoice Date: 20/03/2023\nTotal 10.00", "INV/2023/03/0008")]
    [InlineData("Winkel B.V.\nFACTUUR\nFactuurnummer: 993548900\nFactuurdatum: 19-04-2014\nTotaal 10,00", "993548900")]
    public void the_number_after_the_title_or_a_dutch_label_is_the_documents_number(string text, string expected) =>
        Assert.Equal(expected, LocalExtractor.Extract(LocalTypeClassifierTests.Text(text), DocumentType.Invoice).Fields.Single(f => f.Name == FieldNames.InvoiceNumber).Text);

    [Fact]
    public void a_title_followed_by_words_is_no_number_label() =>
        Assert.DoesNotContain(LocalExtractor.Extract(LocalTypeClassifierTests.Text("ACME Ltd\nInvoice for services rendered\nTotal 10.00"), DocumentType.Invoice).Fields,
            f => f.Name == FieldNames.InvoiceNumber);
}
