using System.Xml.Linq;
using static Monolith.Documents.Extraction.EInvoice.EInvoiceXml;

namespace Monolith.Documents.Extraction.EInvoice;

/// <summary>OASIS UBL 2.1 Invoice and CreditNote (XRechnung UBL, Peppol BIS Billing 3.0).</summary>
internal static class Ubl
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static EInvoiceResult? Read(XElement root, bool creditNote)
    {
        var typeCode = Value(root.Element(Cbc + (creditNote ? "CreditNoteTypeCode" : "InvoiceTypeCode")));
        var type = creditNote ? DocumentType.CreditNote : typeCode is null ? DocumentType.Invoice : CrossIndustry.TypeFromCode(typeCode);
        var currency = Value(root.Element(Cbc + "DocumentCurrencyCode"));
        var seller = root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party");
        var buyer = root.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party");
        var totals = root.Element(Cac + "LegalMonetaryTotal");

        var fields = new EInvoiceFields();
        var AddText = fields.AddText;
        var AddNumber = fields.AddNumber;
        var AddDate = fields.AddDate;

        AddText(FieldNames.InvoiceNumber, Value(root.Element(Cbc + "ID")));
        AddText(FieldNames.PurchaseOrder, Value(root.Element(Cac + "OrderReference")?.Element(Cbc + "ID")));
        AddDate(FieldNames.InvoiceDate, ParseDate(Value(root.Element(Cbc + "IssueDate"))));
        // UBL 2.1 invoices carry cbc:DueDate; credit notes only have it per payment means.
        AddDate(FieldNames.DueDate, ParseDate(Value(root.Element(Cbc + "DueDate"))
            ?? Value(root.Elements(Cac + "PaymentMeans").Elements(Cbc + "PaymentDueDate").FirstOrDefault())));
        AddText(FieldNames.VendorName, PartyName(seller));
        AddText(FieldNames.VendorAddress, Address(seller?.Element(Cac + "PostalAddress")));
        AddText(FieldNames.VendorTaxId, TaxId(seller));
        AddText(FieldNames.CustomerName, PartyName(buyer));
        AddText(FieldNames.Currency, currency);
        AddNumber(FieldNames.Subtotal, ParseDecimal(Value(totals?.Element(Cbc + "TaxExclusiveAmount")))
            ?? ParseDecimal(Value(totals?.Element(Cbc + "LineExtensionAmount"))));
        AddNumber(FieldNames.Tax, ParseDecimal(Value(
            root.Elements(Cac + "TaxTotal").Select(t => t.Element(Cbc + "TaxAmount"))
                .FirstOrDefault(a => currency is null || a?.Attribute("currencyID")?.Value == currency)
            ?? root.Elements(Cac + "TaxTotal").Select(t => t.Element(Cbc + "TaxAmount")).FirstOrDefault())));
        AddNumber(FieldNames.Total, ParseDecimal(Value(totals?.Element(Cbc + "TaxInclusiveAmount"))));
        AddNumber(FieldNames.AmountDue, ParseDecimal(Value(totals?.Element(Cbc + "PayableAmount"))));

        var lines = root.Elements(Cac + (creditNote ? "CreditNoteLine" : "InvoiceLine")).Select(l => Line(l, creditNote)).ToList();
        var guideline = Value(root.Element(Cbc + "CustomizationID"));
        return new EInvoiceResult(type, new ExtractionResult(fields, lines, Provider, []), EInvoiceFormats.Ubl, typeCode, guideline,
            Totals(root, totals, currency, creditNote));
    }

    private static EInvoiceTotals Totals(XElement root, XElement? totals, string? currency, bool creditNote)
    {
        var lineName = creditNote ? "CreditNoteLine" : "InvoiceLine";
        var lines = new List<EInvoiceLine>();
        foreach (var line in root.Elements(Cac + lineName))
            AddLine(lines, line, parentId: null, creditNote);

        var allowancesAndCharges = root.Elements(Cac + "AllowanceCharge")
            .Select(c => (Charge: c, Amount: ParseDecimal(Value(c.Element(Cbc + "Amount")))))
            .Where(c => c.Amount is not null)
            .Select(c => new DocumentAllowanceCharge(
                string.Equals(Value(c.Charge.Element(Cbc + "ChargeIndicator")), "true", StringComparison.OrdinalIgnoreCase), c.Amount!.Value,
                Value(c.Charge.Element(Cbc + "AllowanceChargeReason")), Value(c.Charge.Element(Cac + "TaxCategory")?.Element(Cbc + "ID")),
                ParseDecimal(Value(c.Charge.Element(Cac + "TaxCategory")?.Element(Cbc + "Percent")))))
            .ToList();

        // The tax total in the document currency carries the breakdown; a second one may give the tax in the accounting currency.
        var taxTotal = root.Elements(Cac + "TaxTotal").FirstOrDefault(t => currency is null || t.Element(Cbc + "TaxAmount")?.Attribute("currencyID")?.Value == currency)
            ?? root.Elements(Cac + "TaxTotal").FirstOrDefault();
        var breakdown = taxTotal?.Elements(Cac + "TaxSubtotal").Select(t => new TaxCategoryBreakdown(
                Value(t.Element(Cac + "TaxCategory")?.Element(Cac + "TaxScheme")?.Element(Cbc + "ID")),
                Value(t.Element(Cac + "TaxCategory")?.Element(Cbc + "ID")),
                ParseDecimal(Value(t.Element(Cac + "TaxCategory")?.Element(Cbc + "Percent"))),
                ParseDecimal(Value(t.Element(Cbc + "TaxableAmount"))), ParseDecimal(Value(t.Element(Cbc + "TaxAmount")))))
            .ToList() ?? [];
        var ibans = root.Elements(Cac + "PaymentMeans").Select(m => Value(m.Element(Cac + "PayeeFinancialAccount")?.Element(Cbc + "ID")))
            .OfType<string>().ToList();

        decimal? Total(string name) => ParseDecimal(Value(totals?.Element(Cbc + name)));
        return new EInvoiceTotals(lines, allowancesAndCharges, breakdown, Total("LineExtensionAmount"), Total("AllowanceTotalAmount"),
            Total("ChargeTotalAmount"), Total("TaxExclusiveAmount"), ParseDecimal(Value(taxTotal?.Element(Cbc + "TaxAmount"))),
            Total("TaxInclusiveAmount"), Total("PrepaidAmount"), Total("PayableRoundingAmount"), Total("PayableAmount"), ibans);
    }

    /// <summary>A line and its nested sub-lines (<c>cac:SubInvoiceLine</c> / <c>cac:SubCreditNoteLine</c>, as XRechnung allows).</summary>
    private static void AddLine(List<EInvoiceLine> lines, XElement line, string? parentId, bool creditNote)
    {
        var id = Value(line.Element(Cbc + "ID"));
        lines.Add(new EInvoiceLine(id, ParseDecimal(Value(line.Element(Cbc + "LineExtensionAmount"))), parentId));
        foreach (var sub in line.Elements(Cac + (creditNote ? "SubCreditNoteLine" : "SubInvoiceLine")))
            AddLine(lines, sub, id ?? "", creditNote);
    }

    private static LineItem Line(XElement line, bool creditNote)
    {
        var item = line.Element(Cac + "Item");
        return new LineItem(
            Value(item?.Element(Cbc + "Name")) ?? Value(item?.Element(Cbc + "Description")),
            ParseDecimal(Value(line.Element(Cbc + (creditNote ? "CreditedQuantity" : "InvoicedQuantity")))),
            ParseDecimal(Value(line.Element(Cac + "Price")?.Element(Cbc + "PriceAmount"))),
            ParseDecimal(Value(line.Element(Cbc + "LineExtensionAmount"))),
            1.0);
    }

    private static string? PartyName(XElement? party) =>
        Value(party?.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "RegistrationName"))
        ?? Value(party?.Element(Cac + "PartyName")?.Element(Cbc + "Name"));

    private static string? TaxId(XElement? party)
    {
        var schemes = party?.Elements(Cac + "PartyTaxScheme").ToList() ?? [];
        var vat = schemes.FirstOrDefault(s => Value(s.Element(Cac + "TaxScheme")?.Element(Cbc + "ID")) == "VAT") ?? schemes.FirstOrDefault();
        return Value(vat?.Element(Cbc + "CompanyID"));
    }

    private static string? Address(XElement? address)
    {
        if (address is null)
            return null;
        var city = string.Join(' ', new[] { Value(address.Element(Cbc + "PostalZone")), Value(address.Element(Cbc + "CityName")) }.Where(p => p is not null));
        var parts = new[] { Value(address.Element(Cbc + "StreetName")), Value(address.Element(Cbc + "AdditionalStreetName")) }
            .Concat(address.Elements(Cac + "AddressLine").Select(l => Value(l.Element(Cbc + "Line"))))
            .Append(city.Length == 0 ? null : city)
            .Append(Value(address.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode")));
        var joined = string.Join(", ", parts.Where(p => p is not null));
        return joined.Length == 0 ? null : joined;
    }

    private static string? Value(XElement? element) => element is null ? null : Clean(element.Value);
}
