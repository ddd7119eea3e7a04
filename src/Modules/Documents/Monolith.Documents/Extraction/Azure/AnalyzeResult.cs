using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monolith.Documents.Extraction.Azure;

/// <summary>The body of <c>GET .../analyzeResults/{resultId}</c>: <c>status</c> and, when done, <c>analyzeResult</c> or <c>error</c>.</summary>
public sealed record AnalyzeOperation(
    string? Status,
    DateTimeOffset? CreatedDateTime,
    DateTimeOffset? LastUpdatedDateTime,
    AnalyzeResult? AnalyzeResult,
    AzureError? Error);

/// <summary><c>analyzeResult</c>, reduced to what extraction uses (text, pages, documents with their fields).</summary>
public sealed record AnalyzeResult(
    string? ApiVersion,
    string? ModelId,
    string? Content,
    IReadOnlyList<AnalyzedPage>? Pages,
    IReadOnlyList<AnalyzedDocument>? Documents);

public sealed record AnalyzedPage(int PageNumber, double? Angle, double? Width, double? Height, string? Unit);

/// <summary>One recognised document: <c>docType</c> (<c>invoice</c>, <c>receipt.retailMeal</c>, ...) and its fields by Azure name.</summary>
public sealed record AnalyzedDocument(
    string? DocType,
    double? Confidence,
    IReadOnlyList<BoundingRegion>? BoundingRegions,
    IReadOnlyDictionary<string, DocumentField>? Fields);

public sealed record BoundingRegion(int PageNumber, IReadOnlyList<double>? Polygon);

/// <summary>
/// A <c>DocumentField</c>: <c>type</c> says which <c>value*</c> property carries the value; <c>content</c> is the text as printed.
/// Dates and times stay strings so an odd value never fails the whole response.
/// </summary>
public sealed record DocumentField(
    string? Type,
    string? Content,
    double? Confidence,
    IReadOnlyList<BoundingRegion>? BoundingRegions,
    string? ValueString,
    string? ValueDate,
    string? ValueTime,
    string? ValuePhoneNumber,
    string? ValueCountryRegion,
    decimal? ValueNumber,
    long? ValueInteger,
    CurrencyValue? ValueCurrency,
    JsonElement? ValueAddress,
    IReadOnlyList<DocumentField>? ValueArray,
    IReadOnlyDictionary<string, DocumentField>? ValueObject)
{
    public int? Page => BoundingRegions is [var first, ..] ? first.PageNumber : null;
}

public sealed record CurrencyValue(decimal? Amount, string? CurrencySymbol, string? CurrencyCode);

/// <summary>The service's error body: <c>{"error": {"code", "message", "innererror": {...}}}</c>.</summary>
public sealed record AzureError(string? Code, string? Message, [property: JsonPropertyName("innererror")] AzureError? InnerError);

internal sealed record AzureErrorResponse(AzureError? Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AnalyzeOperation))]
[JsonSerializable(typeof(AzureErrorResponse))]
[JsonSerializable(typeof(Base64AnalyzeRequest))]
internal sealed partial class AzureJsonContext : JsonSerializerContext;

internal sealed record Base64AnalyzeRequest(string Base64Source);
