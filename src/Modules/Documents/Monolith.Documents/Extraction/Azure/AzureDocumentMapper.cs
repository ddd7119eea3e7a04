using System.Globalization;

namespace Monolith.Documents.Extraction.Azure;

/// <summary>The first analyzed document in our terms, plus its Azure <c>docType</c> for callers using Azure as a classifier.</summary>
public sealed record AzureMappedDocument(
    string? DocType,
    double? DocTypeConfidence,
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<LineItem> LineItems);

/// <summary>
/// Maps <c>analyzeResult.documents[0]</c> of the prebuilt invoice and receipt models onto <see cref="ExtractedField"/>s and
/// <see cref="LineItem"/>s. Value from <c>valueString</c>/<c>valueDate</c>/<c>valueCurrency.amount</c>/<c>valueNumber</c>/...,
/// falling back to <c>content</c>; the first currency code found on an amount becomes the <c>currency</c> field.
/// Accepts both the <c>currency</c> (2024-11-30 GA) and <c>number</c> (older receipts) typing of amounts.
/// </summary>
public static class AzureDocumentMapper
{
    public const string ProviderName = "azure";

    /// <summary>Extra field carrying the document's <c>docType</c> (text) with the document's confidence.</summary>
    public const string DocTypeField = "docType";

    /// <summary>Azure field name → ours, in output order. Invoice and receipt names do not collide.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> FieldMap =
    [
        new("InvoiceId", FieldNames.InvoiceNumber),
        new("InvoiceDate", FieldNames.InvoiceDate),
        new("DueDate", FieldNames.DueDate),
        new("VendorName", FieldNames.VendorName),
        new("VendorAddress", FieldNames.VendorAddress),
        new("VendorTaxId", FieldNames.VendorTaxId),
        new("CustomerName", FieldNames.CustomerName),
        new("PurchaseOrder", FieldNames.PurchaseOrder),
        new("MerchantName", FieldNames.MerchantName),
        new("MerchantAddress", FieldNames.MerchantAddress),
        new("TransactionDate", FieldNames.TransactionDate),
        new("SubTotal", FieldNames.Subtotal),
        new("Subtotal", FieldNames.Subtotal),
        new("TotalTax", FieldNames.Tax),
        new("InvoiceTotal", FieldNames.Total),
        new("Total", FieldNames.Total),
        new("AmountDue", FieldNames.AmountDue),
    ];

    /// <summary>Where the currency code is looked for, most telling first.</summary>
    private static readonly string[] CurrencySources = ["InvoiceTotal", "Total", "AmountDue", "SubTotal", "Subtotal", "TotalTax"];

    public static AzureMappedDocument Map(AnalyzeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = result.Documents is [var first, ..] ? first : null;
        if (document is null) return new AzureMappedDocument(null, null, [], []);

        var source = document.Fields ?? new Dictionary<string, DocumentField>();
        var fields = new List<ExtractedField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (azureName, ourName) in FieldMap)
        {
            if (seen.Contains(ourName) || !source.TryGetValue(azureName, out var field)) continue;
            if (ToExtracted(ourName, field) is { } extracted)
            {
                fields.Add(extracted);
                seen.Add(ourName);
            }
        }

        if (Currency(source) is { } currency) fields.Add(currency);
        if (!string.IsNullOrWhiteSpace(document.DocType))
            fields.Add(new ExtractedField(DocTypeField, document.DocType, null, null, document.Confidence ?? 0, ProviderName,
                document.BoundingRegions is [var region, ..] ? region.PageNumber : null));

        var items = source.TryGetValue("Items", out var list) ? LineItems(list) : [];
        return new AzureMappedDocument(document.DocType, document.Confidence, fields, items);
    }

    private static ExtractedField? ToExtracted(string name, DocumentField field)
    {
        var confidence = field.Confidence ?? 0;
        ExtractedField Text(string? text) =>
            new(name, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), null, null, confidence, ProviderName, field.Page);

        switch (field.Type?.ToUpperInvariant())
        {
            case "CURRENCY" or "NUMBER" or "INTEGER":
                if (Amount(field) is { } number) return new ExtractedField(name, null, number, null, confidence, ProviderName, field.Page);
                break;
            case "DATE":
                if (DateOnly.TryParseExact(field.ValueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return new ExtractedField(name, null, null, date, confidence, ProviderName, field.Page);
                break;
            case "ADDRESS":
                return Empty(field.Content) ? null : Text(field.Content);
            case "ARRAY":
                var joined = field.Content ?? string.Join("\n", (field.ValueArray ?? []).Select(e => e.Content).Where(c => !Empty(c)));
                return Empty(joined) ? null : Text(joined);
            default:
                var value = field.ValueString ?? field.ValuePhoneNumber ?? field.ValueTime ?? field.ValueCountryRegion;
                if (!Empty(value)) return Text(value);
                break;
        }

        // The typed value is missing or unreadable: the printed text is still evidence.
        return Empty(field.Content) ? null : Text(field.Content);
    }

    private static decimal? Amount(DocumentField? field) =>
        field is null ? null : field.ValueCurrency?.Amount ?? field.ValueNumber ?? field.ValueInteger;

    private static ExtractedField? Currency(IReadOnlyDictionary<string, DocumentField> fields)
    {
        foreach (var name in CurrencySources)
        {
            if (fields.TryGetValue(name, out var field) && field.ValueCurrency?.CurrencyCode is { Length: > 0 } code)
                return new ExtractedField(FieldNames.Currency, code.ToUpperInvariant(), null, null, field.Confidence ?? 0, ProviderName, field.Page);
        }
        return null;
    }

    private static List<LineItem> LineItems(DocumentField items)
    {
        var result = new List<LineItem>();
        foreach (var element in items.ValueArray ?? [])
        {
            if (element.ValueObject is not { } row) continue;
            var description = Get(row, "Description") is { } d ? d.ValueString ?? d.Content : Get(row, "ProductCode")?.ValueString;
            var quantity = Amount(Get(row, "Quantity"));
            var unitPrice = Amount(Get(row, "UnitPrice") ?? Get(row, "Price"));
            var amount = Amount(Get(row, "Amount") ?? Get(row, "TotalPrice"));
            if (description is null && quantity is null && unitPrice is null && amount is null) continue;
            var confidence = element.Confidence
                ?? row.Values.Where(f => f.Confidence is not null).Select(f => f.Confidence!.Value).DefaultIfEmpty(0).Min();
            result.Add(new LineItem(description?.Trim(), quantity, unitPrice, amount, confidence));
        }
        return result;
    }

    private static DocumentField? Get(IReadOnlyDictionary<string, DocumentField> row, string name) =>
        row.TryGetValue(name, out var field) ? field : null;

    private static bool Empty(string? text) => string.IsNullOrWhiteSpace(text);
}
