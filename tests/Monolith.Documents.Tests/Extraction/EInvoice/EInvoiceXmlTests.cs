using System.Text;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.EInvoice;

namespace Monolith.Documents.Tests.Extraction.EInvoice;

public class EInvoiceXmlTests
{
    private static EInvoiceResult Parse(string xml, Encoding? encoding = null)
    {
        var outcome = EInvoiceXml.Parse((encoding ?? Encoding.UTF8).GetBytes(xml));
        Assert.True(outcome.Succeeded, outcome.Failure);
        return outcome.Invoice!;
    }

    private static object? Field(EInvoiceResult invoice, string name) =>
        invoice.Result.Fields.SingleOrDefault(f => f.Name == name)?.Value;

    [Fact]
    public void factur_x_cii_yields_every_field_with_full_confidence()
    {
        var invoice = Parse(Samples.FacturX);

        Assert.Equal((DocumentType.Invoice, EInvoiceFormats.Cii, "380", "urn:cen.eu:en16931:2017"),
            (invoice.Type, invoice.Format, invoice.TypeCode, invoice.Guideline));
        Assert.Equal("FX-2024-0042", Field(invoice, FieldNames.InvoiceNumber));
        Assert.Equal("2024-03-15", Field(invoice, FieldNames.InvoiceDate));
        Assert.Equal("2024-04-14", Field(invoice, FieldNames.DueDate));
        Assert.Equal("Atelier Dupont SARL", Field(invoice, FieldNames.VendorName));
        Assert.Equal("12 rue de la Paix, 75011 Paris, FR", Field(invoice, FieldNames.VendorAddress));
        Assert.Equal("FR12345678901", Field(invoice, FieldNames.VendorTaxId));
        Assert.Equal("Käufer GmbH", Field(invoice, FieldNames.CustomerName));
        Assert.Equal("PO-778", Field(invoice, FieldNames.PurchaseOrder));
        Assert.Equal("EUR", Field(invoice, FieldNames.Currency));
        Assert.Equal(150.00m, Field(invoice, FieldNames.Subtotal));
        Assert.Equal(30.00m, Field(invoice, FieldNames.Tax)); // the invoice-currency one, not the CHF accounting copy
        Assert.Equal(180.00m, Field(invoice, FieldNames.Total));
        Assert.Equal(160.00m, Field(invoice, FieldNames.AmountDue));
        Assert.All(invoice.Result.Fields, f => Assert.Equal((1.0, "einvoice"), (f.Confidence, f.Provider)));
        Assert.Equal("einvoice", invoice.Result.Provider);
        Assert.Equal(
            [new LineItem("Widget, blue", 8m, 12.50m, 100.00m, 1.0), new LineItem("Installation", 1m, 50m, 50.00m, 1.0)],
            invoice.Result.LineItems);
    }

    [Fact]
    public void zugferd_1_credit_note_with_a_note_only_line()
    {
        var invoice = Parse(Samples.Zugferd1CreditNote);

        Assert.Equal((DocumentType.CreditNote, EInvoiceFormats.Zugferd1, "381"), (invoice.Type, invoice.Format, invoice.TypeCode));
        Assert.Equal("GS-17", Field(invoice, FieldNames.InvoiceNumber));
        Assert.Equal("2013-12-31", Field(invoice, FieldNames.InvoiceDate));
        Assert.Null(Field(invoice, FieldNames.DueDate));
        Assert.Equal("Beispiel Handel KG", Field(invoice, FieldNames.VendorName));
        Assert.Equal("Hauptstraße 1, Hinterhaus, 10115 Berlin, DE", Field(invoice, FieldNames.VendorAddress));
        Assert.Equal("27/123/45678", Field(invoice, FieldNames.VendorTaxId)); // no VAT id: the local tax number
        Assert.Equal("B-99", Field(invoice, FieldNames.PurchaseOrder));
        Assert.Equal((10.00m, 1.90m, 11.90m), (Field(invoice, FieldNames.Subtotal), Field(invoice, FieldNames.Tax), Field(invoice, FieldNames.Total)));
        Assert.Null(Field(invoice, FieldNames.AmountDue));
        Assert.Equal(
            [new LineItem("Gutschrift zu Rechnung 4711", null, null, null, 1.0), new LineItem("Rücknahme Leergut", 4m, 2.5m, 10.00m, 1.0)],
            invoice.Result.LineItems);
    }

    [Fact]
    public void order_x_is_a_purchase_order_numbered_by_its_own_id()
    {
        var order = Parse(Samples.OrderX);

        Assert.Equal((DocumentType.PurchaseOrder, EInvoiceFormats.OrderX, "220"), (order.Type, order.Format, order.TypeCode));
        Assert.Equal("ORD-5521", Field(order, FieldNames.PurchaseOrder));
        Assert.Null(Field(order, FieldNames.InvoiceNumber));
        Assert.Equal("2024-01-02", Field(order, FieldNames.InvoiceDate));
        Assert.Equal("GBP", Field(order, FieldNames.Currency));
        Assert.Equal(21.00m, Field(order, FieldNames.Subtotal)); // no tax basis in the order: the line total
        Assert.Equal(new LineItem("Pallet", 3m, 7m, 21.00m, 1.0), Assert.Single(order.Result.LineItems));
    }

    [Fact]
    public void ubl_invoice_as_xrechnung_writes_it()
    {
        var invoice = Parse(Samples.UblInvoice);

        Assert.Equal((DocumentType.Invoice, EInvoiceFormats.Ubl, "380"), (invoice.Type, invoice.Format, invoice.TypeCode));
        Assert.StartsWith("urn:cen.eu:en16931:2017", invoice.Guideline, StringComparison.Ordinal);
        Assert.Equal("XR-100", Field(invoice, FieldNames.InvoiceNumber));
        Assert.Equal("2024-05-02", Field(invoice, FieldNames.InvoiceDate));
        Assert.Equal("2024-06-01", Field(invoice, FieldNames.DueDate));
        Assert.Equal("Muster Trading GmbH", Field(invoice, FieldNames.VendorName)); // legal name over trading name
        Assert.Equal("Marktplatz 3, 50667 Köln, DE", Field(invoice, FieldNames.VendorAddress));
        Assert.Equal("DE987654321", Field(invoice, FieldNames.VendorTaxId));
        Assert.Equal("Stadt Beispielstadt", Field(invoice, FieldNames.CustomerName));
        Assert.Equal("4500012345", Field(invoice, FieldNames.PurchaseOrder));
        Assert.Equal((200.00m, 38.00m, 238.00m, 238.00m),
            (Field(invoice, FieldNames.Subtotal), Field(invoice, FieldNames.Tax), Field(invoice, FieldNames.Total), Field(invoice, FieldNames.AmountDue)));
        Assert.Equal(new LineItem("Consulting", 4m, 50.00m, 200.00m, 1.0), Assert.Single(invoice.Result.LineItems));
    }

    [Fact]
    public void ubl_credit_note()
    {
        var note = Parse(Samples.UblCreditNote, Encoding.Unicode);

        Assert.Equal((DocumentType.CreditNote, EInvoiceFormats.Ubl, "381"), (note.Type, note.Format, note.TypeCode));
        Assert.Equal("CN-7", Field(note, FieldNames.InvoiceNumber));
        Assert.Equal("Nordic AB", Field(note, FieldNames.VendorName));
        Assert.Equal(("SEK", 125.00m), (Field(note, FieldNames.Currency), Field(note, FieldNames.Total)));
        Assert.Equal(new LineItem("Returned chairs", 2m, 50.00m, 100.00m, 1.0), Assert.Single(note.Result.LineItems));
    }

    [Fact]
    public void the_root_namespace_decides_not_the_element_name()
    {
        var wrongNamespace = Samples.UblInvoice.Replace("xsd:Invoice-2", "xsd:Invoice-9", StringComparison.Ordinal);
        Assert.Equal(EInvoiceFailures.UnknownFormat, EInvoiceXml.Parse(Encoding.UTF8.GetBytes(wrongNamespace)).Failure);
        Assert.Equal(EInvoiceFailures.UnknownFormat, EInvoiceXml.Parse("<note><to>you</to></note>"u8.ToArray()).Failure);
    }

    [Fact]
    public void a_doctype_is_refused_so_external_entities_are_never_resolved()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&secret;</cbc:ID></Invoice>
            """;
        Assert.Equal(EInvoiceOutcome.Failed(EInvoiceFailures.MalformedXml), EInvoiceXml.Parse(Encoding.UTF8.GetBytes(xxe)));
    }

    [Fact]
    public void input_over_the_cap_is_refused_before_parsing()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.FacturX);
        Assert.Equal(EInvoiceFailures.TooLarge, EInvoiceXml.Parse(bytes, maxBytes: bytes.Length - 1).Failure);
        Assert.True(EInvoiceXml.Parse(bytes, maxBytes: bytes.Length).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">")]
    public void malformed_xml_is_a_failure_not_an_exception(string xml) =>
        Assert.Equal(EInvoiceFailures.MalformedXml, EInvoiceXml.Parse(Encoding.UTF8.GetBytes(xml)).Failure);

    [Fact]
    public void a_cii_root_without_its_document_parts_is_unknown()
    {
        const string empty = "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"/>";
        Assert.Equal(EInvoiceFailures.UnknownFormat, EInvoiceXml.Parse(Encoding.UTF8.GetBytes(empty)).Failure);
    }

    [Fact]
    public void impossible_dates_and_amounts_are_left_out_rather_than_guessed()
    {
        var broken = Samples.FacturX
            .Replace("20240315", "20241399", StringComparison.Ordinal)
            .Replace("<ram:GrandTotalAmount>180.00", "<ram:GrandTotalAmount>1,80.00", StringComparison.Ordinal);
        var invoice = Parse(broken);
        Assert.Null(Field(invoice, FieldNames.InvoiceDate));
        Assert.Null(Field(invoice, FieldNames.Total));
        Assert.Equal("FX-2024-0042", Field(invoice, FieldNames.InvoiceNumber));
    }
}
