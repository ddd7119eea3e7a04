using System.Globalization;
using System.Text;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Tests.Extraction;

/// <summary>A generated document with the values it was generated from.</summary>
public sealed record GeneratedDocument(string Name, DocumentType Type, DocumentText Text, IReadOnlyDictionary<string, object> Expected);

/// <summary>
/// Realistic invoices and receipts in English, German, French and Spanish, in several layouts, currencies and
/// number/date formats, generated from a fixed seed so the measured accuracy is reproducible.
/// </summary>
public static class GeneratedCorpus
{
    private sealed record Language(
        string Code, string Invoice, string Receipt, string Number, string Date, string Due, string BillTo, string Subtotal,
        string Tax, string Total, string Cash, string Change, string Qty, string Description, string Price, string Amount,
        string TaxIdLabel, char Decimal, char Group, Func<DateOnly, string> FormatDate, string[] Vendors, string[] Streets, string[] Cities, string TaxIdPrefix);

    private static readonly string[] EnglishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] GermanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
    private static readonly string[] FrenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    private static readonly string[] SpanishMonths = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    private static readonly Language[] Languages =
    [
        new("en", "INVOICE", "RECEIPT", "Invoice No:", "Invoice Date:", "Due Date:", "Bill To:", "Subtotal", "VAT", "Total", "Cash", "Change", "Qty", "Description", "Unit Price", "Amount",
            "VAT Reg No:", '.', ',', d => d.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture),
            ["Brightwave Consulting Ltd", "Northwind Supplies Ltd", "Harbor Tools Inc", "Blue Fern Design LLC"], ["12 Baker Street", "221 High Road", "4 Market Lane"], ["London W1U 6TJ", "Leeds LS1 4AP", "Bristol BS1 5TR"], "GB"),
        new("de", "RECHNUNG", "KASSENBON", "Rechnungsnummer:", "Rechnungsdatum:", "Fällig am:", "Rechnungsempfänger:", "Zwischensumme", "MwSt 19%", "Gesamtbetrag", "Bar", "Rückgeld", "Menge", "Bezeichnung", "Einzelpreis", "Betrag",
            "USt-IdNr.:", ',', '.', d => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            ["Müller Haustechnik GmbH", "Schmidt & Partner KG", "Bergmann Büroservice GmbH", "Rheinland Logistik AG"], ["Hauptstraße 12", "Lindenallee 5", "Am Markt 3"], ["10115 Berlin", "50667 Köln", "80331 München"], "DE"),
        new("fr", "FACTURE", "TICKET", "N° de facture :", "Date :", "Échéance :", "Facturé à :", "Total HT", "TVA 20%", "Total TTC", "Espèces", "Rendu", "Qté", "Désignation", "Prix unitaire", "Montant",
            "N° TVA :", ',', ' ', d => d.Day.ToString(CultureInfo.InvariantCulture) + " " + FrenchMonths[d.Month - 1] + " " + d.Year.ToString(CultureInfo.InvariantCulture),
            ["Dupont Électricité SARL", "Atelier Lefèvre SAS", "Boulangerie Martin SARL", "Transports Girard SA"], ["12 rue de la Paix", "5 avenue Victor Hugo", "8 boulevard Voltaire"], ["75002 Paris", "69001 Lyon", "33000 Bordeaux"], "FR"),
        new("es", "FACTURA", "RECIBO", "Número de factura:", "Fecha:", "Vencimiento:", "Cliente:", "Base imponible", "IVA 21%", "Total a pagar", "Efectivo", "Cambio", "Cant.", "Descripción", "Precio", "Importe",
            "NIF:", ',', '.', d => d.Day.ToString(CultureInfo.InvariantCulture) + " de " + SpanishMonths[d.Month - 1] + " de " + d.Year.ToString(CultureInfo.InvariantCulture),
            ["Construcciones García S.L.", "Distribuciones López S.A.", "Talleres Ruiz S.L.", "Papelería Central S.L."], ["Calle Mayor 10", "Avenida de la Constitución 25", "Plaza España 3"], ["28013 Madrid", "08001 Barcelona", "41001 Sevilla"], "ES"),
    ];

    private static readonly string[] Products = ["Consulting hours", "Office chair", "Printer paper A4", "Cable set", "Maintenance", "Software licence", "Desk lamp", "Coffee beans", "Delivery", "Installation"];

    public static IReadOnlyList<GeneratedDocument> Build()
    {
        var random = new Random(20240312);
        var docs = new List<GeneratedDocument>();
        var n = 0;
        foreach (var lang in Languages)
            for (var layout = 0; layout < 3; layout++)
            {
                docs.Add(Invoice(lang, layout, random, ++n));
                docs.Add(Invoice(lang, layout, random, ++n));
                docs.Add(Receipt(lang, layout, random, ++n));
                docs.Add(Receipt(lang, layout, random, ++n));
            }
        return docs;
    }

    private static string Money(decimal value, Language lang, string currency, int style)
    {
        var s = value.ToString("#,##0.00", CultureInfo.InvariantCulture).Replace(",", "\u0001", StringComparison.Ordinal)
            .Replace('.', lang.Decimal).Replace("\u0001", lang.Group.ToString(), StringComparison.Ordinal);
        var symbol = currency switch { "EUR" => "€", "GBP" => "£", "USD" => "$", _ => currency };
        return style switch { 0 => s, 1 => lang.Decimal == '.' ? symbol + s : s + " " + symbol, _ => currency + " " + s };
    }

    private static GeneratedDocument Invoice(Language lang, int layout, Random random, int n)
    {
        var currency = lang.Code switch { "en" => n % 3 == 0 ? "USD" : "GBP", "de" when n % 5 == 0 => "CHF", _ => "EUR" };
        var vendor = lang.Vendors[random.Next(lang.Vendors.Length)];
        var street = lang.Streets[random.Next(lang.Streets.Length)];
        var city = lang.Cities[random.Next(lang.Cities.Length)];
        var customer = new[] { "Orion", "Vega", "Altair", "Lyra", "Sirius" }[random.Next(5)] + " Holding " + (char)('A' + random.Next(26));
        var number = lang.Code.ToUpperInvariant() + "-" + (2024000 + random.Next(1000)).ToString(CultureInfo.InvariantCulture);
        var date = new DateOnly(2024, 1, 1).AddDays(random.Next(360));
        var due = date.AddDays(30);
        var taxId = lang.TaxIdPrefix switch
        {
            "GB" => "GB" + random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture),
            "DE" => "DE" + random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture),
            "FR" => "FR" + random.Next(10, 99).ToString(CultureInfo.InvariantCulture) + random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture),
            _ => "ESB" + random.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture),
        };
        var rate = lang.Code switch { "de" => 0.19m, "fr" => 0.20m, "es" => 0.21m, _ => 0.20m };
        var lines = Enumerable.Range(0, random.Next(2, 5)).Select(_ =>
        {
            var qty = random.Next(1, 6);
            var price = Math.Round((decimal)random.Next(500, 250000) / 100m, 2);
            return (Desc: Products[random.Next(Products.Length)], Qty: qty, Price: price, Amount: qty * price);
        }).ToList();
        var subtotal = lines.Sum(l => l.Amount);
        var tax = Math.Round(subtotal * rate, 2);
        var total = subtotal + tax;
        var style = n % 3;
        var dateText = n % 2 == 0 ? lang.FormatDate(date) : date.ToString(lang.Code == "en" && currency == "USD" ? "MM/dd/yyyy" : lang.Code == "de" ? "dd.MM.yyyy" : "dd/MM/yyyy", CultureInfo.InvariantCulture);
        var dueText = due.ToString(lang.Code == "en" && currency == "USD" ? "MM/dd/yyyy" : lang.Code == "de" ? "dd.MM.yyyy" : "dd/MM/yyyy", CultureInfo.InvariantCulture);
        string M(decimal v) => Money(v, lang, currency, style);

        var sb = new StringBuilder();
        switch (layout)
        {
            case 0: // letterhead, title, label: value lines
                sb.AppendLine(vendor).AppendLine(street).AppendLine(city).AppendLine($"{lang.TaxIdLabel} {taxId}").AppendLine();
                sb.AppendLine(lang.Invoice).AppendLine($"{lang.Number} {number}").AppendLine($"{lang.Date} {dateText}").AppendLine($"{lang.Due} {dueText}");
                sb.AppendLine().AppendLine(lang.BillTo).AppendLine(customer).AppendLine("Industriestr. 1").AppendLine();
                break;
            case 1: // title first, two columns
                sb.AppendLine($"{lang.Invoice}                              {lang.Number} {number}");
                sb.AppendLine($"{vendor}                                {lang.Date} {dateText}");
                sb.AppendLine($"{street}                                {lang.Due} {dueText}");
                sb.AppendLine(city).AppendLine($"{lang.TaxIdLabel} {taxId}").AppendLine();
                sb.AppendLine($"{lang.BillTo} {customer}").AppendLine();
                break;
            default: // labels above values
                sb.AppendLine(vendor).AppendLine($"{street}, {city}").AppendLine();
                sb.AppendLine(lang.Invoice).AppendLine(lang.Number).AppendLine(number).AppendLine(lang.Date).AppendLine(dateText);
                sb.AppendLine(lang.Due).AppendLine(dueText).AppendLine(lang.BillTo).AppendLine(customer).AppendLine();
                break;
        }
        sb.AppendLine($"{lang.Description}          {lang.Qty}     {lang.Price}     {lang.Amount}");
        foreach (var l in lines) sb.AppendLine($"{l.Desc}          {l.Qty}     {M(l.Price)}     {M(l.Amount)}");
        sb.AppendLine().AppendLine($"{lang.Subtotal}:          {M(subtotal)}").AppendLine($"{lang.Tax}:          {M(tax)}").AppendLine($"{lang.Total}:          {M(total)}");
        if (layout == 2) sb.AppendLine().AppendLine($"{lang.TaxIdLabel} {taxId}   IBAN DE89 3704 0044 0532 0130 00");

        var expected = new Dictionary<string, object>
        {
            [FieldNames.InvoiceNumber] = number, [FieldNames.InvoiceDate] = date, [FieldNames.DueDate] = due,
            [FieldNames.VendorName] = vendor, [FieldNames.VendorTaxId] = taxId, [FieldNames.CustomerName] = customer,
            [FieldNames.Currency] = currency, [FieldNames.Subtotal] = subtotal, [FieldNames.Tax] = tax, [FieldNames.Total] = total,
        };
        if (style == 0 && !(currency == "EUR" || lang.Code == "en")) expected.Remove(FieldNames.Currency);
        if (style == 0) expected.Remove(FieldNames.Currency);
        return new GeneratedDocument($"{lang.Code}-invoice-{layout}-{n}", DocumentType.Invoice, Page(sb.ToString()), expected);
    }

    private static GeneratedDocument Receipt(Language lang, int layout, Random random, int n)
    {
        var currency = lang.Code == "en" ? "USD" : "EUR";
        var shop = lang.Vendors[random.Next(lang.Vendors.Length)];
        var street = lang.Streets[random.Next(lang.Streets.Length)];
        var city = lang.Cities[random.Next(lang.Cities.Length)];
        var date = new DateOnly(2023, 1, 1).AddDays(random.Next(700));
        var items = Enumerable.Range(0, random.Next(1, 6)).Select(_ => (Desc: Products[random.Next(Products.Length)], Price: (decimal)random.Next(50, 4000) / 100m)).ToList();
        var total = items.Sum(i => i.Price);
        var rate = lang.Code switch { "de" => 0.19m, "fr" => 0.20m, "es" => 0.21m, _ => 0.08m };
        var tax = Math.Round(total - total / (1 + rate), 2);
        var cash = Math.Ceiling(total / 10m) * 10m;
        var style = n % 3;
        string M(decimal v) => Money(v, lang, currency, style);
        var dateText = date.ToString(lang.Code == "en" ? "MM/dd/yyyy" : lang.Code == "de" ? "dd.MM.yyyy" : "dd/MM/yyyy", CultureInfo.InvariantCulture);
        var time = $"{random.Next(8, 21):00}:{random.Next(60):00}";

        var sb = new StringBuilder();
        if (layout == 1) sb.AppendLine($"*** {lang.Receipt} ***");
        sb.AppendLine(shop.ToUpperInvariant()).AppendLine(street).AppendLine(city).AppendLine("Tel: 0123 456789");
        if (layout != 1) sb.AppendLine(lang.Receipt);
        sb.AppendLine(layout == 2 ? $"{dateText}   {time}   #{random.Next(1000, 9999)}" : $"{lang.Date} {dateText} {time}");
        foreach (var i in items) sb.AppendLine(layout == 2 ? $"{i.Desc}\n      {M(i.Price)}" : $"{i.Desc}      {M(i.Price)}");
        sb.AppendLine(layout == 2 ? $"{lang.Total.ToUpperInvariant()}\n{M(total)}" : $"{lang.Total.ToUpperInvariant()}      {M(total)}");
        sb.AppendLine($"{lang.Cash}      {M(cash)}").AppendLine($"{lang.Change}      {M(cash - total)}");
        sb.AppendLine($"{lang.Tax}      {M(tax)}");
        sb.AppendLine(lang.Code switch { "de" => "Vielen Dank für Ihren Einkauf", "fr" => "Merci de votre visite", "es" => "Gracias por su compra", _ => "Thank you, come again" });

        var expected = new Dictionary<string, object>
        {
            [FieldNames.MerchantName] = shop.ToUpperInvariant(), [FieldNames.TransactionDate] = date, [FieldNames.Total] = total, [FieldNames.Tax] = tax,
        };
        if (style != 0) expected[FieldNames.Currency] = currency;
        return new GeneratedDocument($"{lang.Code}-receipt-{layout}-{n}", DocumentType.Receipt, Page(sb.ToString()), expected);
    }

    private static DocumentText Page(string text) => new([new TextPage(1, text.Replace("\r", "", StringComparison.Ordinal), [])], "generated");
}
