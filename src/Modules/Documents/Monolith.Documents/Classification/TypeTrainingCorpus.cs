using System.Globalization;
using System.Text;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Classification;

/// <summary>A generated document and its type.</summary>
public sealed record TypeTrainingDocument(string Name, DocumentType Type, DocumentText Text);

/// <summary>
/// The labelled documents the type model is trained on, generated from a seed so training is reproducible and the
/// project ships its data: business invoices (goods, services, utilities, corrected invoices), till receipts (shops,
/// restaurants, fuel stations; with or without a "tax invoice" heading, as PDF text or as OCR lines one box per line),
/// credit notes, purchase orders and order responses, and other papers (letters, delivery notes, quotes, statements,
/// contracts), in English, German, French and Spanish, with the wording of several countries and some OCR noise.
/// No document from <c>../shared</c> is used.
/// </summary>
public static class TypeTrainingCorpus
{
    private sealed record Words(
        string Code, string[] InvoiceTitles, string[] ReceiptTitles, string[] CreditTitles, string[] OrderTitles, string[] OtherTitles,
        string Number, string Date, string Due, string BillTo, string ShipTo, string OrderNo, string DeliveryDate, string Subtotal, string Tax,
        string Total, string Cash, string Change, string Card, string Qty, string Description, string Price, string Amount, string Terms,
        string Thanks, string Cashier, string Reference, string Dear, string[] Prose, string Currency);

    private static readonly Words[] Languages =
    [
        new("en", ["INVOICE", "TAX INVOICE", "Invoice", "COMMERCIAL INVOICE", "SALES INVOICE", "FINAL INVOICE", "CORRECTED INVOICE"],
            ["RECEIPT", "TAX INVOICE", "SIMPLIFIED TAX INVOICE", "CASH BILL", "OFFICIAL RECEIPT", "CASH SALE", "INVOICE", "GUEST CHECK", "SALES RECEIPT", ""],
            ["CREDIT NOTE", "Credit Note", "CREDIT MEMO", "TAX CREDIT NOTE"],
            ["PURCHASE ORDER", "Purchase Order", "ORDER", "ORDER CONFIRMATION", "ORDER RESPONSE", "ORDER CHANGE", "BLANKET ORDER"],
            ["DELIVERY NOTE", "QUOTATION", "STATEMENT OF ACCOUNT", "SERVICE AGREEMENT", "MEETING NOTES", "PACKING LIST", "REMINDER", ""],
            "Invoice No:", "Date:", "Due Date:", "Bill To:", "Ship To:", "PO Number:", "Delivery Date:", "Subtotal", "VAT 20%", "Total",
            "Cash", "Change", "Visa", "Qty", "Description", "Unit Price", "Amount", "Payment terms: 30 days net", "Thank you, please come again",
            "Cashier:", "Reference:", "Dear Sir or Madam,",
            ["we refer to our conversation of last week", "please find enclosed the documents you asked for", "the meeting will take place on Monday",
             "our offer is valid for thirty days", "the goods were delivered in good condition", "kindly sign and return one copy"], "GBP"),
        new("de", ["RECHNUNG", "Rechnung", "WARENRECHNUNG", "KOSTENRECHNUNG", "SCHLUSSRECHNUNG", "RECHNUNGSKORREKTUR", "Abschlagsrechnung"],
            ["KASSENBON", "Kassenbeleg", "QUITTUNG", "Beleg", "BON", ""],
            ["GUTSCHRIFT", "Gutschrift", "Stornorechnung"],
            ["BESTELLUNG", "Bestellung", "AUFTRAGSBESTÄTIGUNG", "Bestellschein", "Bestelländerung"],
            ["LIEFERSCHEIN", "ANGEBOT", "Kontoauszug", "Vertrag", "Protokoll", "Mahnung", ""],
            "Rechnungsnummer:", "Datum:", "Fällig am:", "Rechnungsempfänger:", "Lieferanschrift:", "Bestellnummer:", "Liefertermin:", "Zwischensumme",
            "MwSt 19%", "Gesamtbetrag", "Bar", "Rückgeld", "EC-Karte", "Menge", "Bezeichnung", "Einzelpreis", "Betrag",
            "Zahlbar innerhalb 14 Tagen ohne Abzug", "Vielen Dank für Ihren Einkauf", "Kassierer:", "Bezug:", "Sehr geehrte Damen und Herren,",
            ["wir beziehen uns auf unser Gespräch", "anbei erhalten Sie die gewünschten Unterlagen", "der Termin findet am Montag statt",
             "unser Angebot ist dreißig Tage gültig", "die Ware wurde einwandfrei geliefert", "bitte senden Sie uns ein Exemplar unterschrieben zurück"], "EUR"),
        new("fr", ["FACTURE", "Facture", "FACTURE N°", "FACTURE D'ACOMPTE"],
            ["TICKET", "Ticket de caisse", "REÇU", "Reçu", ""],
            ["AVOIR", "Facture d'avoir", "NOTE DE CRÉDIT"],
            ["BON DE COMMANDE", "Commande", "CONFIRMATION DE COMMANDE"],
            ["BON DE LIVRAISON", "DEVIS", "Relevé de compte", "Contrat", "Compte rendu", "Relance", ""],
            "N° de facture :", "Date :", "Échéance :", "Facturé à :", "Livrer à :", "N° de commande :", "Date de livraison :", "Total HT",
            "TVA 20%", "Total TTC", "Espèces", "Rendu", "CB", "Qté", "Désignation", "Prix unitaire", "Montant",
            "Paiement à 30 jours", "Merci de votre visite", "Caissier :", "Référence :", "Madame, Monsieur,",
            ["nous faisons suite à notre entretien", "veuillez trouver ci-joint les documents demandés", "la réunion aura lieu lundi",
             "notre offre est valable trente jours", "la marchandise a été livrée en bon état", "merci de nous retourner un exemplaire signé"], "EUR"),
        new("es", ["FACTURA", "Factura", "FACTURA SIMPLIFICADA", "Factura ordinaria"],
            ["TICKET", "RECIBO", "Recibo", "Ticket de compra", ""],
            ["NOTA DE CRÉDITO", "Nota de crédito", "FACTURA DE ABONO", "Factura rectificativa"],
            ["ORDEN DE COMPRA", "Pedido", "PEDIDO", "Confirmación de pedido"],
            ["ALBARÁN", "PRESUPUESTO", "Extracto de cuenta", "Contrato", "Acta", "Recordatorio", ""],
            "Número de factura:", "Fecha:", "Vencimiento:", "Cliente:", "Enviar a:", "Número de pedido:", "Fecha de entrega:", "Base imponible",
            "IVA 21%", "Total a pagar", "Efectivo", "Cambio", "Tarjeta", "Cant.", "Descripción", "Precio", "Importe",
            "Pago a 30 días", "Gracias por su compra", "Cajero:", "Referencia:", "Estimados señores:",
            ["nos referimos a nuestra conversación", "adjuntamos los documentos solicitados", "la reunión tendrá lugar el lunes",
             "nuestra oferta es válida treinta días", "la mercancía se entregó en buen estado", "rogamos nos devuelvan una copia firmada"], "EUR"),
    ];

    private static readonly string[] Companies = ["Northwind", "Brightwave", "Harbor", "Blue Fern", "Müller", "Schmidt", "Dupont", "Lefèvre", "García",
        "López", "Tan Chong", "Sin Hock", "Golden Lotus", "Orion", "Vega", "Altair", "Kestrel", "Maple", "Atlas", "Summit", "Riverside", "Pioneer"];
    private static readonly string[] Suffixes = ["Ltd", "GmbH", "SARL", "S.L.", "SDN BHD", "Inc", "LLC", "AG", "SAS", "S.A.", "Pte Ltd", "KG", "BV"];
    private static readonly string[] Goods = ["Office chair", "Printer paper A4", "Cable set", "Maintenance", "Software licence", "Desk lamp", "Coffee beans",
        "Delivery", "Installation", "Consulting hours", "Steel bolts M8", "Pallet wrap", "Toner cartridge", "Safety gloves", "Server rack", "Transport"];
    private static readonly string[] ShopItems = ["MILK 1L", "BREAD", "CHICKEN RICE", "TEH TARIK", "MINERAL WATER", "NASI LEMAK", "COFFEE", "SANDWICH",
        "RON95", "DIESEL", "PEN BLUE", "A4 PAPER", "BATTERY AA", "SHAMPOO", "APPLE", "BEER", "SALAD", "PIZZA", "BANANA", "TISSUE"];

    /// <summary>Generates <paramref name="perType"/> documents of each type from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<TypeTrainingDocument> Build(int perType = 600, int seed = 20261207)
    {
        var random = new Random(seed);
        var docs = new List<TypeTrainingDocument>(perType * 5);
        for (var i = 0; i < perType; i++)
        {
            // One in four of each type is a short one: a title, a few lines and a total, as small firms and tests write them.
            var brief = i % 4 == 0;
            docs.Add(Make(DocumentType.Invoice, i, random, () => brief ? Brief(random, DocumentType.Invoice) : Invoice(random, credit: false)));
            docs.Add(Make(DocumentType.Receipt, i, random, () => brief ? Brief(random, DocumentType.Receipt) : Receipt(random)));
            docs.Add(Make(DocumentType.CreditNote, i, random, () => brief ? Brief(random, DocumentType.CreditNote) : Invoice(random, credit: true)));
            docs.Add(Make(DocumentType.PurchaseOrder, i, random, () => brief ? Brief(random, DocumentType.PurchaseOrder) : Order(random)));
            docs.Add(Make(DocumentType.Other, i, random, () => brief ? Brief(random, DocumentType.Other) : Other(random)));
        }
        return docs;
    }

    private static TypeTrainingDocument Make(DocumentType type, int i, Random random, Func<string> body)
    {
        var text = Noise(body(), random);
        return new TypeTrainingDocument($"{type}-{i}", type, new DocumentText([new TextPage(1, text, [])], "generated"));
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static string Company(Random r) => Pick(r, Companies) + " " + Pick(r, ["Trading", "Supplies", "Services", "Logistics", "Foods", "Tech", ""]) + " " + Pick(r, Suffixes);

    private static string Money(Random r, decimal value, Words w) => w.Code == "en"
        ? value.ToString(r.Next(3) == 0 ? "#,##0.00" : "0.00", CultureInfo.InvariantCulture)
        : value.ToString("#,##0.00", CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal).Replace('.', ',').Replace(" ", w.Code == "fr" ? " " : ".", StringComparison.Ordinal);

    private static string Date(Random r, Words w) =>
        new DateOnly(2018, 1, 1).AddDays(r.Next(3000)).ToString(w.Code == "de" ? "dd.MM.yyyy" : Pick(r, ["dd/MM/yyyy", "yyyy-MM-dd", "dd-MM-yy", "MMM d, yyyy"]), CultureInfo.InvariantCulture);

    private static string Address(Random r) =>
        $"{r.Next(1, 300)} {Pick(r, ["High Street", "Hauptstraße", "rue de la Paix", "Calle Mayor", "Jalan Ampang", "Market Lane", "Industrial Park"])}\n" +
        $"{r.Next(10000, 99999)} {Pick(r, ["London", "Berlin", "Paris", "Madrid", "Kuala Lumpur", "Leeds", "Lyon", "Sevilla", "Köln", "Singapore"])}";

    private static readonly string[] SmallPrint =
    [
        "Registered in England and Wales No. {0}", "Geschäftsführer: Hans Weber, Amtsgericht Köln HRB {0}", "SIRET {0} - RCS Paris - Capital 10 000 EUR",
        "CIF B{0} - Inscrita en el Registro Mercantil", "Company No: {0}-K", "Bank: Deutsche Bank, Konto {0}", "Contact: Maria Rossi, +44 20 7946 {0}",
        "All prices in EUR excluding VAT unless stated otherwise", "Our general terms and conditions apply (version {0})",
        "Place of jurisdiction: Munich", "Customer number {0}", "Your contact person: Tom Baker", "Delivery note {0} of the same date",
        "Please pay by bank transfer", "Es gelten unsere AGB", "Conditions générales de vente disponibles sur demande", "Pagina 1 de 1",
        "Insurance period 01.01. - 31.12.", "Versicherungsschein-Nr. {0}", "Leistungszeitraum: 01.09. - 30.09.", "Kunden-Nr. {0}", "Page 1 of {0}",
    ];

    /// <summary>The small print around the business content: registrations, contacts, terms, periods.</summary>
    private static void Boilerplate(StringBuilder sb, Random r, int most)
    {
        for (var i = r.Next(0, most + 1); i > 0; i--) sb.AppendLine(string.Format(CultureInfo.InvariantCulture, Pick(r, SmallPrint), r.Next(100, 999999)));
    }

    /// <summary>Columns as a PDF text layer gives them (gaps of spaces) or as OCR gives them (one box per line).</summary>
    private static void Row(StringBuilder sb, Random r, bool split, params string[] cells)
    {
        if (split) foreach (var c in cells.Where(c => c.Length > 0)) sb.AppendLine(c);
        else sb.AppendLine(string.Join(new string(' ', r.Next(2, 12)), cells));
    }

    private static string Invoice(Random r, bool credit)
    {
        var w = Pick(r, Languages);
        var split = r.Next(5) == 0;
        var sb = new StringBuilder();
        var title = credit ? Pick(r, w.CreditTitles) : Pick(r, w.InvoiceTitles);
        var vendor = Company(r);
        var titleOnTop = r.Next(2) == 0;
        if (titleOnTop) Row(sb, r, split, title, r.Next(2) == 0 ? "Page 1" : "");
        sb.AppendLine(vendor).AppendLine(Address(r));
        Boilerplate(sb, r, 3);
        if (r.Next(2) == 0) sb.AppendLine(Pick(r, ["VAT Reg No: GB", "USt-IdNr.: DE", "N° TVA : FR", "NIF: ES", "GST Reg No: 000", "Tax ID: "]) + r.Next(100000000, 999999999));
        if (r.Next(3) == 0) sb.AppendLine($"Tel: {r.Next(100, 999)} {r.Next(1000000, 9999999)}   {Pick(r, ["info", "sales", "accounts"])}@{Pick(r, Companies).ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)}.com");
        sb.AppendLine();
        if (!titleOnTop || r.Next(3) == 0) Row(sb, r, split, title);
        Row(sb, r, split, w.Number, Pick(r, ["INV-", "R", "F", "", "CN-"]) + r.Next(1000, 999999));
        Row(sb, r, split, w.Date, Date(r, w));
        if (r.Next(3) > 0) Row(sb, r, split, w.Due, Date(r, w));
        if (r.Next(2) == 0) Row(sb, r, split, w.OrderNo, "PO" + r.Next(10000, 99999));
        if (r.Next(3) == 0) Row(sb, r, split, w.DeliveryDate, Date(r, w));
        if (credit || r.Next(5) == 0) Row(sb, r, split, w.Reference, Pick(r, w.InvoiceTitles) + " " + r.Next(1000, 99999));
        sb.AppendLine();
        Row(sb, r, split, w.BillTo, Company(r));
        sb.AppendLine(Address(r));
        if (r.Next(3) == 0) { Row(sb, r, split, w.ShipTo, Company(r)); sb.AppendLine(Address(r)); }
        sb.AppendLine();
        Row(sb, r, split, w.Description, w.Qty, w.Price, w.Amount);
        decimal subtotal = 0;
        for (var i = r.Next(1, 12); i > 0; i--)
        {
            var qty = r.Next(1, 50);
            var price = r.Next(100, 90000) / 100m;
            var amount = (credit && r.Next(2) == 0 ? -1 : 1) * qty * price;
            subtotal += amount;
            Row(sb, r, split, Pick(r, Goods), qty.ToString(CultureInfo.InvariantCulture), Money(r, price, w), Money(r, amount, w));
            if (r.Next(4) == 0) sb.AppendLine(Pick(r, w.Prose));
        }
        // Invoices grant discounts and deduct advance payments too: a negative amount is no credit note by itself.
        if (!credit && r.Next(3) == 0)
        {
            var discount = Math.Round(subtotal * r.Next(2, 15) / 100m, 2);
            subtotal -= discount;
            Row(sb, r, split, Pick(r, ["Discount", "Rabatt", "Remise", "Descuento", "Less advance payment", "Skonto"]), "-" + Money(r, discount, w));
        }
        var tax = Math.Round(subtotal * 0.2m, 2);
        sb.AppendLine();
        Row(sb, r, split, w.Subtotal, Money(r, subtotal, w));
        Row(sb, r, split, w.Tax, Money(r, tax, w));
        Row(sb, r, split, w.Total, (r.Next(2) == 0 ? w.Currency + " " : "") + Money(r, subtotal + tax, w));
        if (credit) sb.AppendLine(Pick(r, ["The amount will be credited to your account.", "Der Betrag wird Ihrem Konto gutgeschrieben.",
            "Ce montant sera déduit de votre prochaine facture.", "El importe se abonará en su cuenta.", "Refund issued for returned goods."]));
        if (r.Next(3) > 0) sb.AppendLine(w.Terms);
        // Small print that names credits and refunds without being a credit note.
        if (!credit && r.Next(6) == 0) sb.AppendLine(Pick(r, ["Returns and refunds: see our terms on the website.", "Bei Storno fallen Gebühren an.",
            "Any credit note will be issued separately.", "Les avoirs sont déduits de la facture suivante.", "Devoluciones y reembolsos en 14 días."]));
        if (r.Next(2) == 0) sb.AppendLine($"IBAN {Pick(r, ["GB", "DE", "FR", "ES"])}{r.Next(10, 99)} {r.Next(1000, 9999)} {r.Next(1000, 9999)} {r.Next(1000, 9999)} {r.Next(1000, 9999)}   BIC {Pick(r, ["DEUTDEFF", "BNPAFRPP", "NWBKGB2L"])}");
        if (r.Next(4) == 0) sb.AppendLine(Pick(r, w.Prose) + ".");
        Boilerplate(sb, r, 8);
        return sb.ToString();
    }

    /// <summary>A short document: its name, who wrote it, one to four of the lines its type carries, and an amount.</summary>
    private static string Brief(Random r, DocumentType type)
    {
        var w = Pick(r, Languages);
        var sb = new StringBuilder();
        var header = r.Next(2) == 0;
        if (header) sb.AppendLine(Company(r));
        var amount = Money(r, r.Next(100, 500000) / 100m, w);
        string[] lines = type switch
        {
            DocumentType.Invoice => [Pick(r, w.InvoiceTitles), $"{w.Number} {r.Next(1, 99999)}", $"{w.Date} {Date(r, w)}", $"{w.Due} {Date(r, w)}",
                $"{w.BillTo} {Company(r)}", w.Terms, $"{w.Subtotal} {amount}", $"{w.Tax} {amount}", $"IBAN DE{r.Next(10, 99)} {r.Next(1000, 9999)} {r.Next(1000, 9999)}"],
            DocumentType.Receipt => [Pick(r, w.ReceiptTitles.Where(t => t.Length > 0).ToArray()), $"{Pick(r, ShopItems)} {amount}", $"{w.Cash} {amount}",
                $"{w.Change} {Money(r, r.Next(0, 999) / 100m, w)}", w.Thanks, $"{Date(r, w)} {r.Next(7, 23):00}:{r.Next(60):00}", $"{w.Cashier} {r.Next(1, 99)}"],
            DocumentType.CreditNote => [Pick(r, w.CreditTitles), $"{w.Reference} {Pick(r, w.InvoiceTitles)} {r.Next(1, 99999)}", $"{w.Date} {Date(r, w)}",
                $"{w.BillTo} {Company(r)}", $"-{amount}"],
            DocumentType.PurchaseOrder => [Pick(r, w.OrderTitles), $"{w.OrderNo} {r.Next(1000, 99999)}", $"{w.ShipTo} {Company(r)}", $"{w.DeliveryDate} {Date(r, w)}",
                $"{Pick(r, Goods)} {r.Next(1, 500)}"],
            _ => [w.Dear, Pick(r, w.Prose), Pick(r, w.Prose), Pick(r, w.OtherTitles), Date(r, w), Pick(r, ["Best regards", "Mit freundlichen Grüßen", "Cordialement", "Saludos"])],
        };
        // The title first (it names the type), then some of the rest in any order.
        sb.AppendLine(lines[0]);
        foreach (var line in lines.Skip(1).OrderBy(_ => r.Next()).Take(r.Next(1, 5))) sb.AppendLine(line);
        if (type != DocumentType.Other || r.Next(3) == 0) sb.AppendLine($"{w.Total} {amount}");
        if (!header && r.Next(2) == 0) sb.AppendLine(Company(r));
        return sb.ToString();
    }

    private static string Receipt(Random r)
    {
        var asian = r.Next(3) == 0;
        var w = asian ? Languages[0] : Pick(r, Languages);
        var split = r.Next(2) == 0;
        var sb = new StringBuilder();
        var shop = (asian ? Pick(r, ["TAN CHONG", "SIN HOCK", "GOLDEN LOTUS", "99 SPEED MART", "MR D.I.Y.", "ECO-SHOP", "KEDAI MAKAN"]) + " " + Pick(r, ["SDN BHD", "ENTERPRISE", "TRADING", "(M) SDN. BHD."])
            : Company(r)).ToUpperInvariant();
        var title = asian ? Pick(r, ["TAX INVOICE", "SIMPLIFIED TAX INVOICE", "CASH BILL", "RECEIPT", "INVOICE", "OFFICIAL RECEIPT", "GUEST CHECK", ""]) : Pick(r, w.ReceiptTitles);
        if (r.Next(4) == 0 && title.Length > 0) sb.AppendLine(title);
        sb.AppendLine(shop);
        if (asian) sb.AppendLine($"CO. REG. NO: {r.Next(10000, 999999)}-{(char)('A' + r.Next(26))}");
        sb.AppendLine(Address(r).ToUpperInvariant());
        if (r.Next(2) == 0) sb.AppendLine($"TEL: {r.Next(10, 99)}-{r.Next(1000000, 9999999)}");
        if (asian && r.Next(2) == 0) sb.AppendLine($"GST REG NO: {r.Next(100000, 999999)}{r.Next(100000, 999999)}");
        if (title.Length > 0) sb.AppendLine(title);
        if (r.Next(2) == 0) Row(sb, r, split, Pick(r, ["INVOICE NO:", "RECEIPT NO:", "BILL NO:", "DOC NO:", "Bon-Nr.", "N°", "TRANS:"]), r.Next(1000, 9999999).ToString(CultureInfo.InvariantCulture));
        var time = $"{r.Next(7, 23):00}:{r.Next(60):00}" + (r.Next(2) == 0 ? $":{r.Next(60):00}" : "");
        Row(sb, r, split, Date(r, w), r.Next(5) > 0 ? time : "");
        if (r.Next(2) == 0) Row(sb, r, split, w.Cashier, Pick(r, ["ANNA", "01", "MIZAN", "888", "JOHN"]));
        if (r.Next(4) == 0) Row(sb, r, split, "TABLE: " + r.Next(1, 40), "PAX: " + r.Next(1, 8));
        decimal total = 0;
        for (var i = r.Next(1, 15); i > 0; i--)
        {
            var qty = r.Next(1, 4);
            var price = r.Next(50, 9000) / 100m;
            total += qty * price;
            if (r.Next(2) == 0) Row(sb, r, split, qty.ToString(CultureInfo.InvariantCulture), Pick(r, ShopItems), Money(r, qty * price, w) + (asian ? " SR" : ""));
            else Row(sb, r, split, Pick(r, ShopItems), Money(r, qty * price, w));
        }
        if (r.Next(2) == 0) Row(sb, r, split, w.Subtotal.ToUpperInvariant(), Money(r, total, w));
        Row(sb, r, split, asian ? Pick(r, ["TOTAL", "TOTAL SALES", "TOTAL (INCL GST)", "NET TOTAL"]) : w.Total.ToUpperInvariant(), (asian ? "RM " : "") + Money(r, total, w));
        if (asian && r.Next(2) == 0) Row(sb, r, split, "ROUNDING ADJ", "0.0" + r.Next(0, 5));
        var paid = r.Next(3);
        if (paid == 0) { Row(sb, r, split, w.Cash.ToUpperInvariant(), Money(r, Math.Ceiling(total / 10) * 10, w)); if (r.Next(3) > 0) Row(sb, r, split, w.Change.ToUpperInvariant(), Money(r, Math.Ceiling(total / 10) * 10 - total, w)); }
        else if (paid == 1) Row(sb, r, split, Pick(r, [w.Card, "VISA", "MASTER", "EDC MASTER", "DEBIT CARD"]), Money(r, total, w));
        if (r.Next(2) == 0) Row(sb, r, split, asian ? "GST SUMMARY" : w.Tax, asian ? "AMOUNT(RM)   TAX(RM)" : Money(r, total * 0.16m, w));
        if (asian && r.Next(3) == 0) sb.AppendLine("GOODS SOLD ARE NOT RETURNABLE");
        if (r.Next(3) > 0) sb.AppendLine(asian ? Pick(r, ["THANK YOU", "THANK YOU. PLEASE COME AGAIN", "HAVE A NICE DAY"]) : w.Thanks);
        if (r.Next(5) == 0) sb.AppendLine(Pick(r, ["POINTS AWARDED: " + r.Next(1, 99), "MEMBER NO: " + r.Next(100000, 999999), "WIFI PASSWORD: GUEST123"]));
        return sb.ToString();
    }

    private static string Order(Random r)
    {
        var w = Pick(r, Languages);
        var split = r.Next(5) == 0;
        var sb = new StringBuilder();
        var title = Pick(r, w.OrderTitles);
        sb.AppendLine(Company(r)).AppendLine(Address(r));
        sb.AppendLine();
        Row(sb, r, split, title, r.Next(2) == 0 ? "Page 1" : "");
        Row(sb, r, split, w.OrderNo, "PO" + r.Next(10000, 999999));
        Row(sb, r, split, w.Date, Date(r, w));
        Row(sb, r, split, w.DeliveryDate, Date(r, w));
        Row(sb, r, split, Pick(r, ["Supplier:", "Vendor:", "Seller:", "Lieferant:", "Fournisseur :", "Proveedor:"]), Company(r));
        sb.AppendLine(Address(r));
        Row(sb, r, split, w.ShipTo, Company(r));
        sb.AppendLine(Address(r));
        if (r.Next(2) == 0) Row(sb, r, split, Pick(r, ["Invoice to:", "Buyer:", "Käufer:", "Acheteur :", "Comprador:"]), Company(r));
        sb.AppendLine();
        Row(sb, r, split, "Pos", w.Description, w.Qty, w.Price, w.Amount);
        decimal sum = 0;
        for (var i = 1; i <= r.Next(1, 12); i++)
        {
            var qty = r.Next(1, 500);
            var price = r.Next(100, 90000) / 100m;
            sum += qty * price;
            Row(sb, r, split, i.ToString(CultureInfo.InvariantCulture), Pick(r, Goods), qty.ToString(CultureInfo.InvariantCulture), Money(r, price, w), Money(r, qty * price, w));
        }
        if (r.Next(4) > 0) Row(sb, r, split, w.Total, Money(r, sum, w));
        if (r.Next(2) == 0) sb.AppendLine(Pick(r, ["Please confirm this order by return.", "Bitte bestätigen Sie den Auftrag.", "Merci de confirmer la commande.",
            "Rogamos confirmen el pedido.", "Please quote the PO number on your invoice.", "Incoterms: DAP", "Lieferbedingungen: frei Haus"]));
        if (r.Next(3) == 0) sb.AppendLine(w.Terms);
        Boilerplate(sb, r, 6);
        return sb.ToString();
    }

    private static string Other(Random r)
    {
        var w = Pick(r, Languages);
        var sb = new StringBuilder();
        var title = Pick(r, w.OtherTitles);
        sb.AppendLine(Company(r)).AppendLine(Address(r)).AppendLine();
        if (title.Length > 0) sb.AppendLine(title);
        sb.AppendLine(Date(r, w));
        switch (r.Next(3))
        {
            case 0: // a letter
                sb.AppendLine(w.Dear);
                for (var i = r.Next(2, 8); i > 0; i--) sb.AppendLine(char.ToUpperInvariant(Pick(r, w.Prose)[0]) + Pick(r, w.Prose)[1..] + ", " + Pick(r, w.Prose) + ".");
                break;
            case 1: // a list of goods or positions without prices
                Row(sb, r, false, "Pos", w.Description, w.Qty);
                for (var i = 1; i <= r.Next(1, 10); i++) Row(sb, r, false, i.ToString(CultureInfo.InvariantCulture), Pick(r, Goods), r.Next(1, 100).ToString(CultureInfo.InvariantCulture));
                if (r.Next(2) == 0) sb.AppendLine(Pick(r, w.Prose) + ".");
                break;
            default: // a statement, quote or agreement with some amounts; a statement lists invoices and credits
                for (var i = r.Next(2, 8); i > 0; i--)
                    Row(sb, r, false, Date(r, w), r.Next(3) == 0 ? Pick(r, w.InvoiceTitles) + " " + r.Next(1000, 99999) : Pick(r, Goods),
                        (r.Next(4) == 0 ? "-" : "") + Money(r, r.Next(100, 900000) / 100m, w));
                sb.AppendLine(Pick(r, w.Prose) + ".");
                if (r.Next(2) == 0) Row(sb, r, false, Pick(r, ["Balance", "Saldo", "Solde", "Valid until", "Gültig bis"]), Money(r, r.Next(100, 900000) / 100m, w));
                break;
        }
        Boilerplate(sb, r, 6);
        return sb.ToString();
    }

    /// <summary>
    /// Some OCR noise on the lines with figures (a letter read as another, O for 0): the words that name a document's
    /// type stay readable, so the model learns the type from them and the shape, never from a label it could not see.
    /// </summary>
    private static string Noise(string text, Random r)
    {
        if (r.Next(3) > 0) return text;
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (!lines[l].Any(char.IsDigit)) continue;
            var chars = lines[l].ToCharArray();
            for (var i = 0; i < chars.Length; i++)
                if (r.NextDouble() < 0.02) chars[i] = chars[i] switch { '0' => 'O', '1' => 'l', '5' => 'S', ',' => '.', '.' => ',', _ => chars[i] };
            lines[l] = new string(chars);
        }
        return string.Join('\n', lines);
    }
}

/// <summary>
/// Training the type model, reproducibly: documents generated from a seed (<see cref="TypeTrainingCorpus"/>), their
/// features, and a FastTree model per type; checked on documents generated from another seed. The version is a hash
/// of the training texts, labels and settings, so the same command gives the same version.
/// </summary>
public static class TypeModelTraining
{
    public static (TypeModel Model, TypeModelCard Card) Train(int perType = 600, int seed = 20261207)
    {
        var documents = TypeTrainingCorpus.Build(perType, seed);
        var examples = documents.Select(d => new TypeExample(LocalTypeClassifier.Features(d.Text), d.Type)).ToList();
        var fingerprint = new StringBuilder().Append(perType).Append('|').Append(seed).Append('|').AppendJoin(',', LocalTypeClassifier.FeatureNames);
        foreach (var d in documents) fingerprint.Append('|').Append(d.Type).Append(':').Append(d.Text.FullText);
        var version = Learning.ModelFiles.Version("type-", fingerprint.ToString());
        var model = TypeModel.Train(examples, version);

        var validation = TypeTrainingCorpus.Build(Math.Max(perType / 4, 20), seed + 1);
        var byType = validation.GroupBy(d => d.Type).ToDictionary(g => g.Key.ToString(),
            g => Math.Round(g.Count(d => model.Classify(LocalTypeClassifier.Features(d.Text)).Type == d.Type) / (double)g.Count(), 4));
        var accuracy = Math.Round(validation.Count(d => model.Classify(LocalTypeClassifier.Features(d.Text)).Type == d.Type) / (double)validation.Count, 4);
        return (model, new TypeModelCard(version, seed, perType, examples.Count, accuracy, byType, LocalTypeClassifier.FeatureNames));
    }
}
