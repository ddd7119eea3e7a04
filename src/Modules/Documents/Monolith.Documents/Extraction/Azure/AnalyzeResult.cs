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

/// <summary>
/// <c>pages[]</c>: size in <see cref="Unit"/> (<c>pixel</c> for images, <c>inch</c> for PDFs), <see cref="Angle"/> the general
/// orientation of the content in degrees, clockwise positive, (-180, 180]; words and lines with polygons in the same unit,
/// origin top-left.
/// </summary>
public sealed record AnalyzedPage(
    int PageNumber,
    double? Angle,
    double? Width,
    double? Height,
    string? Unit,
    IReadOnlyList<AnalyzedWord>? Words = null,
    IReadOnlyList<AnalyzedLine>? Lines = null);

/// <summary>
/// <c>pages[].words[]</c>: the text, its quadrilateral (<c>x1,y1 … x4,y4</c>, clockwise from the word's top-left, origin the
/// page's top-left) and the recognition confidence (0..1).
/// </summary>
public sealed record AnalyzedWord(string? Content, IReadOnlyList<double>? Polygon, double? Confidence, DocumentSpan? Span);

/// <summary><c>pages[].lines[]</c>: a line of text as the service grouped it.</summary>
public sealed record AnalyzedLine(string? Content, IReadOnlyList<double>? Polygon, IReadOnlyList<DocumentSpan>? Spans);

/// <summary>Where an element's text sits in <c>analyzeResult.content</c>.</summary>
public sealed record DocumentSpan(int Offset, int Length);

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
