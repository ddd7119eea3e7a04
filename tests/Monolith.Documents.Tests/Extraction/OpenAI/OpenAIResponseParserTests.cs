using System.Text.Json;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.OpenAI;

namespace Monolith.Documents.Tests.Extraction.OpenAI;

public sealed class OpenAIResponseParserTests
{
    [Theory]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1.234,50", "1234.50")]
    [InlineData("12,5", "12.5")]
    [InlineData("1,234", "1234")]
    [InlineData("$ 110.00", "110.00")]
    [InlineData("EUR -5.00", "-5.00")]
    [InlineData("(12.00)", "-12.00")]
    [InlineData("n/a", null)]
    [InlineData("", null)]
    public void amounts_parse_invariantly(string text, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), OpenAIResponseParser.Amount(text));

    [Fact]
    public void a_fields_wrapper_nulls_and_objects_without_value_are_tolerated()
    {
        var (fields, items) = OpenAIResponseParser.Parse("""
            { "fields": {
                "invoiceNumber": { "value": 12345, "confidence": "95%" },
                "invoiceDate": { "value": "15/11/2019", "confidence": 0.9 },
                "dueDate": null,
                "vendorName": { "confidence": 0.9 },
                "currency": { "value": "dollars", "confidence": 0.9 },
                "total": { "value": 110, "confidence": null }
              },
              "lineItems": "none" }
            """, DocumentType.CreditNote);

        Assert.Equal(["invoiceNumber", "total"], fields.Select(f => f.Name));
        Assert.Equal(("12345", 0.95), (fields[0].Text, fields[0].Confidence));
        Assert.Equal((110m, OpenAIResponseParser.DefaultConfidence), (fields[1].Number, fields[1].Confidence));
        Assert.Empty(items);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("\"a string\"")]
    [InlineData("{\"invoiceNumber\": ")]
    public void anything_but_a_json_object_throws_json_exception(string content) =>
        Assert.ThrowsAny<JsonException>(() => OpenAIResponseParser.Parse(content, DocumentType.Invoice));
}
