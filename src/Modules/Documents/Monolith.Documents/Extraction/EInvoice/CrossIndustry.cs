using System.Xml.Linq;
using static Monolith.Documents.Extraction.EInvoice.EInvoiceXml;

namespace Monolith.Documents.Extraction.EInvoice;

/// <summary>
/// The UN/CEFACT family: CII D16B (Factur-X, ZUGFeRD 2.x, XRechnung), ZUGFeRD 1.0 and Order-X. The root decides the format;
/// below it the three differ in wrapper names (HeaderExchangedDocument vs ExchangedDocument, ApplicableSupplyChainTradeAgreement vs
/// ApplicableHeaderTradeAgreement, …) and in the version of the <c>ram</c> namespace, so children are matched by local name
/// within the right parent.
/// </summary>
internal static class CrossIndustry
{
    public static EInvoiceResult? Read(XElement root, string format)
    {
        var header = Child(root, "ExchangedDocument", "HeaderExchangedDocument");
        var transaction = Child(root, "SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction");
        if (header is null || transaction is null)
            return null;

        var agreement = Child(transaction, "ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement");
        var settlement = Child(transaction, "ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement");
        var summation = settlement?.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("MonetarySummation", StringComparison.Ordinal));
        var seller = Child(agreement, "SellerTradeParty");
        var buyer = Child(agreement, "BuyerTradeParty");

        var typeCode = Value(Child(header, "TypeCode"));
        var documentId = Value(Child(header, "ID"));
        var type = format == EInvoiceFormats.OrderX ? DocumentType.PurchaseOrder : TypeFromCode(typeCode);
        var currency = Value(Child(settlement, "InvoiceCurrencyCode", "OrderCurrencyCode"))
            ?? Child(summation, "GrandTotalAmount")?.Attribute("currencyID")?.Value;

        var fields = new EInvoiceFields();
        var AddText = fields.AddText;
        var AddNumber = fields.AddNumber;
        var AddDate = fields.AddDate;

        // An order's own number is the purchase-order number; an invoice refers to the buyer's order.
        if (type == DocumentType.PurchaseOrder)
            AddText(FieldNames.PurchaseOrder, documentId);
        else
        {
            AddText(FieldNames.InvoiceNumber, documentId);
            var order = Child(agreement, "BuyerOrderReferencedDocument");
            AddText(FieldNames.PurchaseOrder, Value(Child(order, "IssuerAssignedID", "ID")));
        }
        AddDate(FieldNames.InvoiceDate, DateOf(Child(header, "IssueDateTime")));
        AddDate(FieldNames.DueDate, DateOf(Child(Child(settlement, "SpecifiedTradePaymentTerms"), "DueDateDateTime")));
        AddText(FieldNames.VendorName, Value(Child(seller, "Name")));
        AddText(FieldNames.VendorAddress, Address(Child(seller, "PostalTradeAddress")));
        AddText(FieldNames.VendorTaxId, TaxId(seller));
        AddText(FieldNames.CustomerName, Value(Child(buyer, "Name")));
        AddText(FieldNames.Currency, currency);
        AddNumber(FieldNames.Subtotal, Amount(summation, "TaxBasisTotalAmount", currency) ?? Amount(summation, "LineTotalAmount", currency));
        AddNumber(FieldNames.Tax, Amount(summation, "TaxTotalAmount", currency));
        AddNumber(FieldNames.Total, Amount(summation, "GrandTotalAmount", currency));
        AddNumber(FieldNames.AmountDue, Amount(summation, "DuePayableAmount", currency));

        var lines = transaction.Elements().Where(e => e.Name.LocalName == "IncludedSupplyChainTradeLineItem").Select(Line).ToList();
        var guideline = Value(Child(Child(Child(root, "ExchangedDocumentContext", "SpecifiedExchangedDocumentContext"),
            "GuidelineSpecifiedDocumentContextParameter"), "ID"));
        return new EInvoiceResult(type, new ExtractionResult(fields, lines, Provider, []), format, typeCode, guideline,
            Totals(transaction, settlement, summation, currency));
    }

    /// <summary>The header summation (BG-22), document allowances and charges, tax breakdown, payee accounts and every line's net amount.</summary>
    private static EInvoiceTotals Totals(XElement transaction, XElement? settlement, XElement? summation, string? currency)
    {
        var lines = new List<EInvoiceLine>();
        foreach (var line in transaction.Elements().Where(e => e.Name.LocalName == "IncludedSupplyChainTradeLineItem"))
            AddLine(lines, line, parentId: null);

        var allowancesAndCharges = new List<DocumentAllowanceCharge>();
        foreach (var charge in settlement?.Elements() ?? [])
        {
            if (charge.Name.LocalName == "SpecifiedTradeAllowanceCharge" && ParseDecimal(Child(charge, "ActualAmount")?.Value) is { } amount)
            {
                var isCharge = string.Equals(Child(charge, "ChargeIndicator")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
                var tax = Child(charge, "CategoryTradeTax");
                allowancesAndCharges.Add(new(isCharge, amount, Value(Child(charge, "Reason")), Value(Child(tax, "CategoryCode")), Rate(tax)));
            }
            // ZUGFeRD 1.0 and CII D16B Extended: freight and similar; part of the charge total (BT-108).
            else if (charge.Name.LocalName == "SpecifiedLogisticsServiceCharge" && ParseDecimal(Child(charge, "AppliedAmount")?.Value) is { } applied)
            {
                var tax = Child(charge, "AppliedTradeTax");
                allowancesAndCharges.Add(new(true, applied, Value(Child(charge, "Description")), Value(Child(tax, "CategoryCode")), Rate(tax)));
            }
        }

        var breakdown = settlement?.Elements().Where(e => e.Name.LocalName == "ApplicableTradeTax")
            .Select(t => new TaxCategoryBreakdown(Value(Child(t, "TypeCode")), Value(Child(t, "CategoryCode")), Rate(t),
                Amount(t, "BasisAmount", currency), Amount(t, "CalculatedAmount", currency)))
            .ToList() ?? [];
        var ibans = settlement?.Elements().Where(e => e.Name.LocalName == "SpecifiedTradeSettlementPaymentMeans")
            .Select(m => Value(Child(Child(m, "PayeePartyCreditorFinancialAccount"), "IBANID")))
            .OfType<string>().ToList() ?? [];

        return new EInvoiceTotals(lines, allowancesAndCharges, breakdown,
            Amount(summation, "LineTotalAmount", currency), Amount(summation, "AllowanceTotalAmount", currency),
            Amount(summation, "ChargeTotalAmount", currency), Amount(summation, "TaxBasisTotalAmount", currency),
            Amount(summation, "TaxTotalAmount", currency), Amount(summation, "GrandTotalAmount", currency),
            Amount(summation, "TotalPrepaidAmount", currency), Amount(summation, "RoundingAmount", currency),
            Amount(summation, "DuePayableAmount", currency), ibans);
    }

    /// <summary>
    /// A line and, recursively, its Extended-profile sub-lines: those nested as <c>IncludedSubordinateTradeLineItem</c>
    /// take the enclosing line as parent; flat ones name it in <c>ParentLineID</c>.
    /// </summary>
    private static void AddLine(List<EInvoiceLine> lines, XElement line, string? parentId)
    {
        var document = Child(line, "AssociatedDocumentLineDocument");
        var id = Value(Child(document, "LineID"));
        var settlement = Child(line, "SpecifiedLineTradeSettlement", "SpecifiedSupplyChainTradeSettlement");
        var summation = settlement?.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("MonetarySummation", StringComparison.Ordinal));
        lines.Add(new EInvoiceLine(id, ParseDecimal(Child(summation, "LineTotalAmount")?.Value),
            Value(Child(document, "ParentLineID")) ?? parentId, Value(Child(document, "LineStatusReasonCode"))));
        foreach (var sub in line.Elements().Where(e => e.Name.LocalName == "IncludedSubordinateTradeLineItem"))
            AddLine(lines, sub, id ?? "");
    }

    /// <summary>CII D16B writes <c>RateApplicablePercent</c>, ZUGFeRD 1.0 <c>ApplicablePercent</c>.</summary>
    private static decimal? Rate(XElement? tax) => ParseDecimal(Child(tax, "RateApplicablePercent", "ApplicablePercent")?.Value);

    internal static DocumentType TypeFromCode(string? code) => code switch
    {
        "381" or "396" or "532" => DocumentType.CreditNote,
        "220" or "221" or "227" or "230" or "231" => DocumentType.PurchaseOrder,
        _ => DocumentType.Invoice, // 380, 384 corrected, 386 prepayment, 389 self-billed, 751 …
    };

    /// <summary>
    /// Every line element counts, including note-only lines (ZUGFeRD 1.0 uses them for free text between positions);
    /// those carry the note as description and no amounts.
    /// </summary>
    private static LineItem Line(XElement line)
    {
        var product = Child(line, "SpecifiedTradeProduct");
        var description = Value(Child(product, "Name")) ?? Value(Child(product, "Description"))
            ?? Value(Child(Child(Child(line, "AssociatedDocumentLineDocument"), "IncludedNote"), "Content"));
        var quantity = line.Descendants().FirstOrDefault(e => e.Name.LocalName is "BilledQuantity" or "RequestedQuantity" or "AgreedQuantity");
        var price = line.Descendants().FirstOrDefault(e => e.Name.LocalName == "NetPriceProductTradePrice")
            ?? line.Descendants().FirstOrDefault(e => e.Name.LocalName == "GrossPriceProductTradePrice");
        var amount = line.Descendants().FirstOrDefault(e => e.Name.LocalName == "LineTotalAmount");
        return new LineItem(Clean(description), ParseDecimal(quantity?.Value), ParseDecimal(Value(Child(price, "ChargeAmount"))),
            ParseDecimal(amount?.Value), 1.0);
    }

    private static string? Address(XElement? address)
    {
        if (address is null)
            return null;
        var city = string.Join(' ', new[] { Value(Child(address, "PostcodeCode")), Value(Child(address, "CityName")) }.Where(p => p is not null));
        var parts = new[]
        {
            Value(Child(address, "LineOne")), Value(Child(address, "LineTwo")), Value(Child(address, "LineThree")),
            city.Length == 0 ? null : city, Value(Child(address, "CountryID")),
        };
        var joined = string.Join(", ", parts.Select(Clean).Where(p => p is not null));
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>VAT number (scheme VA) first, else the local tax number (FC), else whatever is registered.</summary>
    private static string? TaxId(XElement? party)
    {
        var ids = party?.Elements().Where(e => e.Name.LocalName == "SpecifiedTaxRegistration")
            .Select(r => Child(r, "ID")).OfType<XElement>().ToList() ?? [];
        return Value(ids.FirstOrDefault(i => i.Attribute("schemeID")?.Value == "VA"))
            ?? Value(ids.FirstOrDefault(i => i.Attribute("schemeID")?.Value == "FC"))
            ?? Value(ids.FirstOrDefault());
    }

    /// <summary>The tax total may be given twice (invoice and accounting currency); take the invoice currency's.</summary>
    private static decimal? Amount(XElement? parent, string name, string? currency)
    {
        var candidates = parent?.Elements().Where(e => e.Name.LocalName == name).ToList() ?? [];
        var chosen = candidates.FirstOrDefault(e => currency is not null && e.Attribute("currencyID")?.Value == currency)
            ?? candidates.FirstOrDefault();
        return ParseDecimal(chosen?.Value);
    }

    private static DateOnly? DateOf(XElement? dateTime)
    {
        if (dateTime is null)
            return null;
        var text = Child(dateTime, "DateTimeString");
        return text is null ? ParseDate(dateTime.Value) : ParseDate(text.Value, text.Attribute("format")?.Value);
    }

    private static XElement? Child(XElement? parent, params string[] localNames) =>
        parent?.Elements().FirstOrDefault(e => localNames.Contains(e.Name.LocalName));

    private static string? Value(XElement? element) => element is null ? null : Clean(element.Value);
}
