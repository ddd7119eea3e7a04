using System.Text;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.EInvoice;
using Monolith.Documents.Tests.Extraction.Pdf;

namespace Monolith.Documents.Tests.Extraction.EInvoice;

public class EmbeddedInvoiceTests
{
    private static byte[] PdfWith(params (string Name, string Content)[] attachments) =>
        TestPdfs.Build([["Invoice FX-2024-0042", "Total 180.00 EUR"]], d =>
        {
            foreach (var (name, content) in attachments)
                d.AddEmbeddedFile(name, new MemoryStream(Encoding.UTF8.GetBytes(content)));
        });

    [Fact]
    public void a_factur_x_attachment_is_found_and_parsed()
    {
        var outcome = EmbeddedInvoice.Read(PdfWith(("factur-x.xml", Samples.FacturX)));

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal("factur-x.xml", outcome.Attachment);
        Assert.Equal(EInvoiceFormats.Cii, outcome.Invoice!.Format);
        Assert.Contains(outcome.Invoice.Result.Fields, f => f is { Name: FieldNames.Total, Number: 180.00m });
    }

    [Fact]
    public void a_known_name_wins_over_other_xml_attachments_whatever_its_case()
    {
        var pdf = PdfWith(("delivery-note.xml", "<note/>"), ("ZUGFeRD-invoice.xml", Samples.Zugferd1CreditNote));
        var (attachment, failure) = EmbeddedInvoice.Find(pdf);
        Assert.Null(failure);
        Assert.Equal("ZUGFeRD-invoice.xml", attachment!.Name);
        Assert.Equal(EInvoiceFormats.Zugferd1, EmbeddedInvoice.Read(pdf).Invoice!.Format);
    }

    [Fact]
    public void an_unknown_xml_name_is_still_tried()
    {
        var outcome = EmbeddedInvoice.Read(PdfWith(("invoice-123.xml", Samples.UblInvoice)));
        Assert.Equal(("invoice-123.xml", EInvoiceFormats.Ubl), (outcome.Attachment, outcome.Invoice?.Format));
    }

    [Fact]
    public void a_pdf_without_xml_attachments_has_no_e_invoice()
    {
        Assert.Equal(EInvoiceFailures.NoAttachment, EmbeddedInvoice.Read(PdfWith()).Failure);
        Assert.Equal(EInvoiceFailures.NoAttachment, EmbeddedInvoice.Read(PdfWith(("terms.txt", "Pay in 30 days"))).Failure);
    }

    [Fact]
    public void an_attachment_over_the_cap_is_refused()
    {
        var pdf = PdfWith(("factur-x.xml", Samples.FacturX));
        Assert.Equal(EInvoiceFailures.TooLarge, EmbeddedInvoice.Read(pdf, maxXmlBytes: 100).Failure);
    }

    [Fact]
    public void an_attachment_that_is_not_an_e_invoice_says_why()
    {
        var outcome = EmbeddedInvoice.Read(PdfWith(("factur-x.xml", "<html>oops</html>")));
        Assert.Equal((EInvoiceFailures.UnknownFormat, "factur-x.xml"), (outcome.Failure, outcome.Attachment));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%PDF-1.4 not really")]
    public void unreadable_pdfs_fail_without_throwing(string content) =>
        Assert.Equal(EInvoiceFailures.PdfUnreadable, EmbeddedInvoice.Read(Encoding.ASCII.GetBytes(content)).Failure);
}
