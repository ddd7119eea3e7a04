using System.Text.Json.Nodes;

namespace Monolith.Documents.Tests.Extraction.Azure;

/// <summary>
/// <c>analyzeResult</c> bodies built in code after the real recordings in /work/shared/azure-document-intelligence/recordings
/// (Azure SDK for .NET live tests, MIT): same field names, types, values and confidences, trimmed to what mapping reads.
/// </summary>
public static class AzureResults
{
    public static JsonObject Invoice(string apiVersion)
    {
        var fields = new JsonObject
        {
            ["AmountDue"] = Currency(610.0m, "$610.00", 0.967),
            ["CustomerName"] = Text("MICROSOFT CORPORATION", 0.829),
            ["DueDate"] = Date("2019-12-15", "12/15/2019", 0.968),
            ["InvoiceDate"] = Date("2019-11-15", "11/15/2019", 0.97),
            ["InvoiceId"] = Text("INV-100", 0.97),
            ["InvoiceTotal"] = Currency(110.0m, "$110.00", 0.967),
            ["PurchaseOrder"] = Text("PO-3333", 0.955),
            ["SubTotal"] = Currency(100.0m, "$100.00", 0.97),
            ["TotalTax"] = Currency(10.0m, "$10.00", 0.967),
            ["VendorAddress"] = Address("123 456th St\nNew York, NY, 10001", 0.889),
            ["VendorAddressRecipient"] = Text("Contoso Headquarters", 0.933),
            ["VendorName"] = Text("CONTOSO LTD.", 0.932),
            ["Items"] = new JsonObject
            {
                ["type"] = "array",
                ["valueArray"] = new JsonArray(
                    InvoiceItem("Consulting Services", 2, 30.0m, 60.0m, 0.909),
                    InvoiceItem("Document Fee", 3, 10.0m, 30.0m, 0.909),
                    InvoiceItem("Printing Fee", 10, 1.0m, 10.0m, 0.908)),
            },
        };
        if (apiVersion == "2024-11-30") fields["VendorTaxId"] = Text("123-45-6789", 0.95);
        return Result(apiVersion, "prebuilt-invoice", "invoice", 1, fields);
    }

    /// <summary>2023-07-31 keeps the recorded number-typed amounts; 2024-11-30 types them as currency (GA schema).</summary>
    public static JsonObject Receipt(string apiVersion)
    {
        var ga = apiVersion == "2024-11-30";
        JsonObject Money(decimal amount, string content, double confidence) =>
            ga ? Currency(amount, content, confidence) : Number(amount, content, confidence);
        var fields = new JsonObject
        {
            ["MerchantAddress"] = Address("123 Main Street\nRedmond, WA 98052", 0.986),
            ["MerchantName"] = Text("Contoso", 0.983),
            ["MerchantPhoneNumber"] = new JsonObject
            {
                ["type"] = "phoneNumber", ["valuePhoneNumber"] = "+11234567890", ["content"] = "123-456-7890", ["confidence"] = 0.989,
            },
            ["Subtotal"] = Money(1098.99m, "1098.99", 0.986),
            ["Total"] = Money(1203.39m, "$ 1203.39", 0.961),
            ["TotalTax"] = Money(104.4m, "$ 104.40", 0.988),
            ["TransactionDate"] = Date("2019-06-10", "6/10/2019", 0.989),
            ["TransactionTime"] = new JsonObject { ["type"] = "time", ["valueTime"] = "13:59:00", ["content"] = "13:59", ["confidence"] = 0.99 },
            ["Items"] = new JsonObject
            {
                ["type"] = "array",
                ["valueArray"] = new JsonArray(
                    ReceiptItem("Surface Pro 6", 1, Money(999m, "$ 999.00", 0.99), 0.972),
                    ReceiptItem("SurfacePen", 1, Money(99.99m, "$ 99.99", 0.989), 0.982)),
            },
        };
        return Result(apiVersion, "prebuilt-receipt", "receipt.retailMeal", 0.975, fields);
    }

    private static JsonObject Result(string apiVersion, string modelId, string docType, double confidence, JsonObject fields) => new()
    {
        ["apiVersion"] = apiVersion,
        ["modelId"] = modelId,
        ["stringIndexType"] = "textElements",
        ["content"] = "CONTOSO LTD.\nINVOICE ...",
        ["pages"] = new JsonArray(new JsonObject { ["pageNumber"] = 1, ["angle"] = 0, ["width"] = 1700, ["height"] = 2200, ["unit"] = "pixel", ["words"] = new JsonArray() }),
        ["documents"] = new JsonArray(new JsonObject
        {
            ["docType"] = docType,
            ["boundingRegions"] = new JsonArray(Region(1)),
            ["fields"] = fields,
            ["confidence"] = confidence,
            ["spans"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = 100 }),
        }),
    };

    private static JsonObject InvoiceItem(string description, int quantity, decimal unitPrice, decimal amount, double confidence) => new()
    {
        ["type"] = "object",
        ["content"] = $"{description}\n{quantity}\n${unitPrice:0.00}\n${amount:0.00}",
        ["boundingRegions"] = new JsonArray(Region(1)),
        ["confidence"] = confidence,
        ["valueObject"] = new JsonObject
        {
            ["Amount"] = Currency(amount, $"${amount:0.00}", 0.899),
            ["Description"] = Text(description, 0.898),
            ["Quantity"] = Number(quantity, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), 0.899),
            ["TaxRate"] = Text("10%", 0.896),
            ["UnitPrice"] = Currency(unitPrice, $"${unitPrice:0.00}", 0.898),
        },
    };

    private static JsonObject ReceiptItem(string description, int quantity, JsonObject totalPrice, double confidence) => new()
    {
        ["type"] = "object",
        ["content"] = $"{quantity} {description}",
        ["boundingRegions"] = new JsonArray(Region(1)),
        ["confidence"] = confidence,
        ["valueObject"] = new JsonObject
        {
            ["Description"] = Text(description, 0.987),
            ["Quantity"] = Number(quantity, "1", 0.99),
            ["TotalPrice"] = totalPrice,
        },
    };

    private static JsonObject Text(string value, double confidence) => Field("string", "valueString", value, value, confidence);

    private static JsonObject Date(string value, string content, double confidence) => Field("date", "valueDate", value, content, confidence);

    private static JsonObject Number(decimal value, string content, double confidence) => Field("number", "valueNumber", value, content, confidence);

    private static JsonObject Address(string content, double confidence) => new()
    {
        ["type"] = "address",
        ["content"] = content,
        ["boundingRegions"] = new JsonArray(Region(1)),
        ["confidence"] = confidence,
        ["valueAddress"] = new JsonObject { ["houseNumber"] = "123", ["road"] = "Main Street", ["postalCode"] = "98052", ["city"] = "Redmond", ["state"] = "WA" },
    };

    private static JsonObject Currency(decimal amount, string content, double confidence) => Field("currency", "valueCurrency",
        new JsonObject { ["currencySymbol"] = "$", ["amount"] = amount, ["currencyCode"] = "USD" }, content, confidence);

    private static JsonObject Field(string type, string valueName, JsonNode? value, string content, double confidence) => new()
    {
        ["type"] = type,
        [valueName] = value,
        ["content"] = content,
        ["boundingRegions"] = new JsonArray(Region(1)),
        ["confidence"] = confidence,
        ["spans"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = content.Length }),
    };

    private static JsonObject Region(int page) => new()
    {
        ["pageNumber"] = page,
        ["polygon"] = new JsonArray(1472, 1491, 1583, 1492, 1583, 1523, 1472, 1524),
    };
}
