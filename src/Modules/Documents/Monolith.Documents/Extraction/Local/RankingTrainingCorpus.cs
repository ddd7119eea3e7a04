using System.Globalization;
using System.Text;
using Monolith.Documents.Learning;

namespace Monolith.Documents.Extraction.Local;

/// <summary>A generated document with the right values of its ranked fields.</summary>
public sealed record RankingTrainingDocument(DocumentType Type, DocumentText Text, IReadOnlyDictionary<string, object> Truth);

/// <summary>
/// The documents the candidate ranker learns from, generated from a seed: invoices, credit notes, orders and receipts in
/// English, German, French and Spanish whose own number, date, due date and order reference are printed among
/// look-alikes (customer, delivery-note and contract numbers; order, delivery and service dates), label beside value,
/// label above value, or in a column beside the address block. No document from <c>../shared</c> is used.
/// </summary>
public static class RankingTrainingCorpus
{
    private sealed record Labels(string Code, string DateFormat, string[] Number, string[] Credit, string[] Order, string[] ReceiptNo,
        string[] Date, string[] OrderDate, string[] Due, string[] Po, string[] OtherNumbers, string[] OtherDates);

    private static readonly Labels[] Languages =
    [
        new("en", "dd/MM/yyyy", ["Invoice No:", "Invoice Number:", "Invoice #", "Inv. No.", "Invoice:", "Tax Invoice No:"], ["Credit Note No:", "Credit note number:"],
            ["PO Number:", "Order No:", "Purchase Order No:", "Order Number:"], ["Receipt No:", "Bill No:", "Trans #:", "Doc No:", "Chk"],
            ["Invoice Date:", "Date:", "Date of issue:", "Issue date:", "Dated:"], ["Order Date:", "Date:"], ["Due Date:", "Payment due:", "Due by:", "Pay by:"],
            ["PO Number:", "Your order:", "Customer order no:", "Purchase Order:", "Order No:"],
            ["Customer No:", "Account No:", "Delivery Note No:", "Contract No:", "Quote No:", "Document No:", "Reference:"],
            ["Order Date:", "Delivery Date:", "Ship Date:", "Printed:", "Service date:"]),
        new("de", "dd.MM.yyyy", ["Rechnungsnummer:", "Rechnungs-Nr.:", "Rechnung Nr.", "Beleg-Nr:", "Belegnummer:"], ["Gutschrift Nr.", "Gutschriftsnummer:"],
            ["Bestellnummer:", "Bestell-Nr.:", "Auftragsnummer:"], ["Beleg-Nr:", "Bon-Nr.", "Belegnummer:"],
            ["Rechnungsdatum:", "Datum:", "Belegdatum:"], ["Bestelldatum:", "Datum:"], ["Fällig am:", "Zahlbar bis:", "Fälligkeitsdatum:"],
            ["Ihre Bestellung:", "Bestellnr.:", "Bestellnummer:"],
            ["Kunden-Nr.:", "Lieferschein-Nr.:", "Vertrags-Nr.:", "Angebots-Nr.:", "Auftragsnummer:"],
            ["Lieferdatum:", "Leistungsdatum:", "Bestelldatum:", "Auftragsdatum:"]),
        new("fr", "dd/MM/yyyy", ["N° de facture :", "Facture N°", "Numéro de facture :"], ["Avoir N°", "N° d'avoir :"],
            ["N° de commande :", "Commande N°"], ["Ticket N°", "N° de ticket :"],
            ["Date de facture :", "Date :", "Date d'émission :"], ["Date de commande :", "Date :"], ["Échéance :", "Date d'échéance :"],
            ["Votre commande :", "Bon de commande :", "N° de commande :"],
            ["N° client :", "N° de bon de livraison :", "Référence :", "Devis N° :"],
            ["Date de livraison :", "Date de commande :", "Date d'impression :"]),
        new("es", "dd/MM/yyyy", ["Número de factura:", "Factura Nº", "Nº de factura:"], ["Nota de crédito Nº", "Número de abono:"],
            ["Número de pedido:", "Nº de pedido:"], ["Ticket Nº", "Recibo Nº"],
            ["Fecha de factura:", "Fecha:", "Fecha de emisión:"], ["Fecha de pedido:", "Fecha:"], ["Vencimiento:", "Fecha de vencimiento:"],
            ["Su pedido:", "Orden de compra:", "Nº de pedido:"],
            ["Nº cliente:", "Albarán Nº:", "Referencia:", "Presupuesto Nº:"],
            ["Fecha de entrega:", "Fecha de pedido:", "Fecha de servicio:"]),
    ];

    private static readonly string[] Streets = ["12 High Street", "Hauptstraße 5", "8 rue de la Paix", "Calle Mayor 10", "Lot 5 Jalan Ampang", "221 Market Lane"];
    private static readonly string[] Cities = ["London W1U 6TJ", "10115 Berlin", "75002 Paris", "28013 Madrid", "50450 Kuala Lumpur", "Leeds LS1 4AP"];
    private static readonly string[] Names = ["Northwind Supplies Ltd", "Müller Haustechnik GmbH", "Dupont Électricité SARL", "Talleres Ruiz S.L.",
        "Harbor Tools Inc", "Golden Lotus Sdn Bhd", "Blue Fern Design LLC", "Rheinland Logistik AG"];

    public static IReadOnlyList<RankingTrainingDocument> Build(int documents = 2000, int seed = 20261207)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, documents).Select(i => Document(r, (i % 20) switch
        {
            < 10 => DocumentType.Invoice,
            < 13 => DocumentType.CreditNote,
            < 18 => DocumentType.PurchaseOrder,
            _ => DocumentType.Receipt,
        }))];
    }

    /// <summary>A hash of the generated texts and truths: the ranker's version follows its training data.</summary>
    public static string Fingerprint(IEnumerable<RankingTrainingDocument> docs)
    {
        var sb = new StringBuilder().AppendJoin(',', LocalExtractor.RankingFeatureNames);
        foreach (var d in docs)
        {
            sb.Append('|').Append(d.Type).Append(':').Append(d.Text.FullText);
            foreach (var (k, v) in d.Truth.OrderBy(t => t.Key, StringComparer.Ordinal)) sb.Append(k).Append('=').Append(Convert.ToString(v, CultureInfo.InvariantCulture));
        }
        return ModelFiles.Version("", sb.ToString());
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static string Id(Random r) => r.Next(6) switch
    {
        0 => $"INV-{r.Next(2018, 2027)}-{r.Next(1, 9999):0000}",
        1 => $"R{r.Next(100000, 999999)}",
        2 => $"{r.Next(2018, 2027)}/{r.Next(1, 9999):0000}",
        3 => $"F-{r.Next(1, 999999):000000}",
        4 => r.Next(1000, 99999999).ToString(CultureInfo.InvariantCulture),
        _ => $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{r.Next(10000, 999999)}",
    };

    private static RankingTrainingDocument Document(Random r, DocumentType type)
    {
        var l = Pick(r, Languages);
        var format = r.Next(4) == 0 && l.Code == "en" ? "MMMM d, yyyy" : r.Next(5) == 0 ? "yyyy-MM-dd" : l.DateFormat;
        string D(DateOnly d) => d.ToString(format, CultureInfo.InvariantCulture);
        var issued = new DateOnly(2018, 1, 1).AddDays(r.Next(3000));
        var truth = new Dictionary<string, object>(StringComparer.Ordinal);
        var pairs = new List<(string Label, string Value)>();

        var number = Id(r);
        truth[FieldNames.InvoiceNumber] = number;
        pairs.Add((Pick(r, type switch
        {
            DocumentType.CreditNote => l.Credit,
            DocumentType.PurchaseOrder => l.Order,
            DocumentType.Receipt => l.ReceiptNo,
            _ => l.Number,
        }), number));
        truth[FieldNames.InvoiceDate] = issued;
        pairs.Add((Pick(r, type == DocumentType.PurchaseOrder ? l.OrderDate : l.Date), D(issued)));
        if (type is DocumentType.Invoice or DocumentType.CreditNote && r.Next(5) < 3)
        {
            var due = issued.AddDays(Pick(r, [7, 10, 14, 30, 45, 60]));
            truth[FieldNames.DueDate] = due;
            pairs.Add((Pick(r, l.Due), D(due)));
        }
        if (type is DocumentType.Invoice or DocumentType.CreditNote && r.Next(2) == 0)
        {
            var po = "PO" + r.Next(10000, 999999);
            truth[FieldNames.PurchaseOrder] = po;
            pairs.Add((Pick(r, l.Po), po));
        }
        // Look-alikes: other numbers and other dates, labelled as such.
        for (var i = r.Next(0, 4); i > 0; i--) pairs.Add((Pick(r, l.OtherNumbers), Id(r)));
        for (var i = r.Next(0, 3); i > 0; i--) pairs.Add((Pick(r, l.OtherDates), D(issued.AddDays(-r.Next(1, 90)))));
        if (r.Next(4) == 0) pairs.Add(("Page", $"1/{r.Next(1, 4)}"));
        // The document's own number and date usually come first; the rest in any order.
        var head = pairs.Take(2).ToList();
        var rest = pairs.Skip(2).OrderBy(_ => r.Next()).ToList();
        var ordered = r.Next(3) == 0 ? [.. pairs.OrderBy(_ => r.Next())] : head.Concat(rest).ToList();

        var sb = new StringBuilder();
        var title = type switch
        {
            DocumentType.CreditNote => Pick(r, ["CREDIT NOTE", "Gutschrift", "AVOIR", "NOTA DE CRÉDITO"]),
            DocumentType.PurchaseOrder => Pick(r, ["PURCHASE ORDER", "Bestellung", "BON DE COMMANDE", "PEDIDO"]),
            DocumentType.Receipt => Pick(r, ["RECEIPT", "TAX INVOICE", "KASSENBON", "TICKET"]),
            _ => Pick(r, ["INVOICE", "Rechnung", "FACTURE", "FACTURA", "TAX INVOICE"]),
        };
        var layout = r.Next(3);
        var address = new[] { Pick(r, Names), Pick(r, Streets), Pick(r, Cities) };
        if (layout != 2) sb.AppendLine(address[0]).AppendLine(address[1]).AppendLine(address[2]);
        sb.AppendLine().AppendLine(title);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (label, value) = ordered[i];
            var below = layout == 1 && r.Next(2) == 0;
            if (layout == 2)
            {
                // A column of labelled values beside the address block (and the customer's).
                var left = i < address.Length ? address[i] : i == address.Length ? Pick(r, Names) : "";
                sb.AppendLine(left.PadRight(34) + new string(' ', r.Next(3, 10)) + label + " " + value);
            }
            else if (below) sb.AppendLine(label).AppendLine(value);
            else sb.AppendLine(label + new string(' ', r.Next(1, 4)) + value);
        }
        sb.AppendLine();
        sb.AppendLine(Pick(r, ["Description   Qty   Amount", "Bezeichnung   Menge   Betrag", "Désignation   Qté   Montant", "Descripción   Cant.   Importe"]));
        for (var i = r.Next(1, 5); i > 0; i--) sb.AppendLine($"{Pick(r, ["Consulting", "Cable set", "Toner", "Transport", "Maintenance"])}   {r.Next(1, 20)}   {r.Next(10, 9999)}.{r.Next(100):00}");
        sb.AppendLine($"Total   {r.Next(100, 99999)}.{r.Next(100):00}");
        if (r.Next(3) == 0) sb.AppendLine(Pick(r, ["Payment terms: 30 days net", "Zahlbar innerhalb 14 Tagen", "Paiement à 30 jours", "Pago a 30 días"]));
        return new RankingTrainingDocument(type, new DocumentText([new TextPage(1, sb.ToString(), [])], "generated"), truth);
    }
}

/// <summary>
/// Training the candidate ranker, reproducibly: generated documents (<see cref="RankingTrainingCorpus"/>), their
/// labelled candidates, one FastTree model; checked on documents generated from another seed against the hand-set order.
/// </summary>
public static class CandidateRankerTraining
{
    public static (CandidateRanker Ranker, CandidateRankerCard Card) Train(int documents = 2000, int seed = 20261207)
    {
        var docs = RankingTrainingCorpus.Build(documents, seed);
        var examples = docs.SelectMany(d => LocalExtractor.RankingExamples(d.Text, d.Type, d.Truth)).ToList();
        var version = "ranker-" + RankingTrainingCorpus.Fingerprint(docs);
        var ranker = CandidateRanker.Train(examples, version);
        var (learned, hand, fields) = TopOne(RankingTrainingCorpus.Build(Math.Max(documents / 4, 50), seed + 1), ranker);
        return (ranker, new CandidateRankerCard(version, seed, documents, examples.Count,
            Math.Round(learned / (double)Math.Max(fields, 1), 4), Math.Round(hand / (double)Math.Max(fields, 1), 4), LocalExtractor.RankingFeatureNames));
    }

    /// <summary>How often the ranker and the hand-set order put a right value first, over fields that had one.</summary>
    public static (int Ranker, int Hand, int Fields) TopOne(IEnumerable<RankingTrainingDocument> docs, CandidateRanker ranker)
    {
        int learned = 0, hand = 0, fields = 0;
        foreach (var d in docs)
        {
            var byRanker = LocalExtractor.TopChoices(d.Text, d.Type, d.Truth, ranker);
            fields += byRanker.Count;
            learned += byRanker.Count(c => c.Right);
            hand += LocalExtractor.TopChoices(d.Text, d.Type, d.Truth, null).Count(c => c.Right);
        }
        return (learned, hand, fields);
    }
}
