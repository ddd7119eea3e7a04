using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.Documents.Extraction;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;
using Wolverine.Http;

namespace Monolith.Documents.Features.GetDocument;

/// <summary>A field as the API shows it; <see cref="Evidence"/> says how the local provider found it (null for other providers).</summary>
public sealed record FieldView(object? Value, double Confidence, string Provider, int? Page, FieldEvidence? Evidence = null);

/// <summary>The document as the API shows it (also the body of <c>?wait=true</c> answers).</summary>
public sealed record DocumentView(
    Guid Id,
    string Status,
    string FileName,
    string MediaType,
    long SizeBytes,
    string? Department,
    string? Industry,
    string? DocumentType,
    double? TypeConfidence,
    string? ClassificationMethod,
    IReadOnlyDictionary<string, FieldView> Fields,
    IReadOnlyList<LineItem> LineItems,
    IReadOnlyList<RuleResult> Validation,
    Scores? Scores,
    string? Decision,
    IReadOnlyList<string> Reasons,
    string? SettingsVersion,
    IReadOnlyList<ProviderCall> ProviderCalls,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CompletedAt,
    double? ProcessingMs,
    int Version,
    bool Duplicate = false,
    string? ClassificationModel = null)
{
    public static DocumentView From(ProcessedDocument d, bool duplicate = false) => new(
        d.Id, d.Status.ToString(), d.FileName, d.MediaType, d.SizeBytes, d.Department, d.Industry,
        d.DocumentType?.ToString(), d.TypeConfidence, d.ClassificationMethod,
        d.Fields.GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => { var f = g.First(); return new FieldView(f.Value, f.Confidence, f.Provider, f.Page, f.Evidence); }, StringComparer.Ordinal),
        d.LineItems, d.Validation, d.Scores, d.Decision?.ToString(), d.Reasons, d.SettingsVersion, d.ProviderCalls,
        d.ReceivedAt, d.CompletedAt, d.CompletedAt is { } done ? Math.Round((done - d.ReceivedAt).TotalMilliseconds, 1) : null,
        d.Version, duplicate, d.ClassificationModel);
}

public static class GetDocumentEndpoint
{
    [WolverineGet("/api/documents/{id}", OperationId = "GetDocument")]
    [Tags("Documents")]
    [ProducesResponseType<DocumentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var document = await session.LoadAsync<ProcessedDocument>(id, ct);
        return document is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found", detail: $"No document {id} for this customer.")
            : Results.Ok(DocumentView.From(document));
    }
}
