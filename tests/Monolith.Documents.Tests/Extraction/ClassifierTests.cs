using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Tests.Extraction;

public class LocalTypeClassifierTests
{
    internal static DocumentText Text(string text) => new([new TextPage(1, text, [])], "test");

    [Theory]
    [InlineData("ACME Ltd\nINVOICE\nInvoice No: 123\nBill to: Foo\nDue date: 2024-04-01\nSubtotal 100.00\nVAT 20.00\nTotal 120.00", DocumentType.Invoice)]
    [InlineData("Muster GmbH\nRechnung\nRechnungsnummer: R-1\nZwischensumme 100,00\nMwSt 19% 19,00\nGesamtbetrag 119,00\nZahlbar bis 01.04.2024", DocumentType.Invoice)]
    [InlineData("Dupont SARL\nFACTURE\nN° de facture : F-1\nTotal HT 100,00\nTVA 20,00\nTotal TTC 120,00\nÉchéance : 01/04/2024", DocumentType.Invoice)]
    [InlineData("Ejemplo S.L.\nFACTURA\nNúmero de factura: 1\nBase imponible 100,00\nIVA 21,00\nTotal a pagar 121,00\nVencimiento: 01/04/2024", DocumentType.Invoice)]
    [InlineData("Corner Shop\nRECEIPT\nMilk 1.20\nBread 2.00\nTOTAL 3.20\nCASH 5.00\nCHANGE 1.80\nThank you", DocumentType.Receipt)]
    [InlineData("Bäckerei Müller\nKassenbon\nBrot 2,50\nSumme 2,50\nBar 5,00\nRückgeld 2,50", DocumentType.Receipt)]
    [InlineData("Boulangerie\nTICKET\nBaguette 1,10\nTotal 1,10\nEspèces 2,00\nRendu 0,90\nMerci", DocumentType.Receipt)]
    [InlineData("Panadería\nRECIBO\nPan 1,10\nTotal 1,10\nEfectivo 2,00\nCambio 0,90\nGracias", DocumentType.Receipt)]
    [InlineData("ACME Ltd\nCREDIT NOTE\nCredit note no: CN-1\nrelating to invoice 123\nTotal -50.00", DocumentType.CreditNote)]
    [InlineData("Muster GmbH\nGutschrift\nzur Rechnung R-1\nGesamtbetrag -50,00", DocumentType.CreditNote)]
    [InlineData("Dupont SARL\nAVOIR\nsur facture F-1\nTotal TTC -50,00", DocumentType.CreditNote)]
    [InlineData("Ejemplo S.L.\nNOTA DE CRÉDITO\nFactura rectificativa\nTotal -50,00", DocumentType.CreditNote)]
    [InlineData("Buyer Inc\nPURCHASE ORDER\nPO Number: 4500\nShip to: Plant 1\nDelivery date: 2024-05-01\nTotal 500.00", DocumentType.PurchaseOrder)]
    [InlineData("Käufer AG\nBestellung\nBestellnummer 4500\nLiefertermin 01.05.2024\nSumme 500,00", DocumentType.PurchaseOrder)]
    [InlineData("Acheteur SA\nBON DE COMMANDE\nCommande n° 4500\nLivraison 01/05/2024\nTotal 500,00", DocumentType.PurchaseOrder)]
    [InlineData("Comprador SA\nORDEN DE COMPRA\nPedido 4500\nEntrega 01/05/2024\nTotal 500,00", DocumentType.PurchaseOrder)]
    public void recognises_the_type_in_four_languages(string text, DocumentType expected)
    {
        var result = LocalTypeClassifier.Classify(Text(text));
        Assert.Equal(expected, result.Type);
        Assert.True(result.Confidence >= 0.4, $"confidence {result.Confidence}");
    }

    [Fact]
    public void text_without_business_cues_is_other()
    {
        var letter = Text("Dear Anna,\nsee you on Monday at the lake.\nBest, Tom");
        Assert.Equal(DocumentType.Other, LocalTypeClassifier.Classify(letter).Type);
        // The rules alone cannot tell a letter from a document whose cues they miss: they say so with a low confidence.
        var rules = LocalTypeClassifier.ClassifyByRules(letter);
        Assert.Equal(DocumentType.Other, rules.Type);
        Assert.True(rules.Confidence < 0.5);
    }

    [Fact]
    public void conflicting_cues_lower_the_confidence()
    {
        var clear = LocalTypeClassifier.Classify(Text("INVOICE\nInvoice No: 1\nBill to: X\nDue date 2024-01-01\nTotal 10.00"));
        var mixed = LocalTypeClassifier.Classify(Text("INVOICE\nRECEIPT\nPurchase order 4\nTotal 10.00"));
        Assert.True(mixed.Confidence < clear.Confidence, $"{mixed.Confidence} vs {clear.Confidence}");
    }

    [Theory]
    [InlineData("KEDAI RUNCIT MAJU SDN BHD\nNO 8, JALAN MAWAR 2\nTAX INVOICE\nINVOICE NO: CS 4410\nDATE: 04/05/2018 13:22\nCASHIER: ALI\nSUGAR 1KG 2.90\nTOTAL INCL GST 2.90\nCASH 10.00\nCHANGE DUE 7.10\nGST SUMMARY\nTHANK YOU PLEASE COME AGAIN")]
    [InlineData("KAFE SERI PAGI\nTAX INVOICE\nINVOICE: 1182\nTABLE: 7   PAX: 2\n12/06/2018 19:41\nNASI LEMAK 6.50\nTOTAL 6.50\nROUNDING ADJ 0.00\nCASH 7.00\nTHANK YOU")]
    public void a_till_slip_headed_tax_invoice_is_a_receipt(string text) =>
        Assert.Equal(DocumentType.Receipt, LocalTypeClassifier.Classify(Text(text)).Type);

    [Fact]
    public void a_tax_invoice_with_credit_terms_stays_an_invoice()
    {
        var text = "ACME SUPPLY LTD\nTAX INVOICE\nInvoice No: 5531\nDate: 04/05/2018 10:15\nBill to: Beta Pte\nThank you for your business\nTotal 120.00\nPayment terms: 30 days\nDue date: 03/06/2018\nPaid by card";
        Assert.Equal(DocumentType.Invoice, LocalTypeClassifier.Classify(Text(text)).Type);
    }

    [Fact]
    public void scores_cover_every_type() =>
        Assert.Equal(Enum.GetValues<DocumentType>().Length, LocalTypeClassifier.Classify(Text("Total 1.00")).Scores.Count);
}
