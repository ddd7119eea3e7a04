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

    /// <summary>A word as the read model returns it: text, polygon (clockwise from its top-left, in the page's unit), confidence.</summary>
    public sealed record ReadWord(string Content, double[] Polygon, double Confidence);

    /// <summary>Words of the receipt recording's first page (1688 × 3000 pixels, angle 0.0865°); "Contoso" is recorded verbatim.</summary>
    public static readonly ReadWord[] ImageWords =
    [
        new("Contoso", [621, 284, 1039, 273, 1042, 385, 621, 400], 0.994),
        new("123", [324, 588, 398, 591, 397, 642, 322, 640], 0.993),
        new("Main", [410, 591, 498, 594, 497, 645, 409, 642], 0.995),
        new("Street", [510, 594, 640, 598, 639, 650, 509, 646], 0.99),
        new("Total", [322, 2000, 450, 2002, 449, 2060, 321, 2058], 0.98),
        new("$1203.39", [1100, 2010, 1350, 2014, 1349, 2072, 1099, 2068], 0.961),
    ];

    /// <summary>Words of a letter-size PDF page (8.5 × 11 inches), as the service measures PDFs.</summary>
    public static readonly ReadWord[] PdfWords =
    [
        new("CONTOSO", [0.5, 0.6, 1.6, 0.6, 1.6, 0.85, 0.5, 0.85], 0.995),
        new("LTD.", [1.7, 0.6, 2.1, 0.6, 2.1, 0.85, 1.7, 0.85], 0.993),
        new("INVOICE", [6.0, 0.5, 7.5, 0.5, 7.5, 0.8, 6.0, 0.8], 0.998),
        new("Total", [5.0, 9.0, 5.5, 9.0, 5.5, 9.2, 5.0, 9.2], 0.97),
        new("$110.00", [6.8, 9.0, 7.5, 9.0, 7.5, 9.2, 6.8, 9.2], 0.967),
    ];

    /// <summary>A <c>prebuilt-read</c> result: an image reads as one <c>pixel</c> page, a PDF as two <c>inch</c> pages.</summary>
    public static JsonObject Read(string apiVersion, string modelId, bool pdf) => ReadResult(apiVersion, modelId, pdf
        ? [ReadPage(1, 0, 8.5, 11, "inch", PdfWords), ReadPage(2, 0, 8.5, 11, "inch", [new("Thank", [1, 1, 1.6, 1, 1.6, 1.2, 1, 1.2], 0.99)])]
        : [ReadPage(1, 0.08654925227165222, 1688, 3000, "pixel", ImageWords)]);

    /// <summary>A read result with the given pages; <c>content</c> and the words' spans follow the words.</summary>
    public static JsonObject ReadResult(string apiVersion, string modelId, params JsonObject[] pages)
    {
        var content = new System.Text.StringBuilder();
        foreach (var word in pages.SelectMany(p => p["words"]!.AsArray()).OfType<JsonObject>())
        {
            if (content.Length > 0) content.Append(' ');
            var text = word["content"]!.GetValue<string>();
            word["span"] = new JsonObject { ["offset"] = content.Length, ["length"] = text.Length };
            content.Append(text);
        }
        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["modelId"] = modelId,
            ["stringIndexType"] = "textElements",
            ["content"] = content.ToString(),
            ["pages"] = new JsonArray(pages),
            ["styles"] = new JsonArray(),
        };
    }

    public static JsonObject ReadPage(int number, double angle, double width, double height, string unit, IEnumerable<ReadWord> words) => new()
    {
        ["pageNumber"] = number,
        ["angle"] = angle,
        ["width"] = width,
        ["height"] = height,
        ["unit"] = unit,
        ["words"] = new JsonArray(words.Select(w => (JsonNode)new JsonObject
        {
            ["content"] = w.Content,
            ["polygon"] = new JsonArray(w.Polygon.Select(v => (JsonNode)v).ToArray()),
            ["confidence"] = w.Confidence,
        }).ToArray()),
        ["lines"] = new JsonArray(),
        ["spans"] = new JsonArray(),
    };

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
