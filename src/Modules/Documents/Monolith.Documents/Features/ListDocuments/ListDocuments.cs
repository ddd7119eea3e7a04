using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;
using Monolith.Documents.Extraction;
using Wolverine.Http;

namespace Monolith.Documents.Features.ListDocuments;

public sealed record DocumentSummary(Guid Id, string Status, string FileName, string? DocumentType, string? Decision,
    double? AutomationScore, string? Department, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt);

public static class ListDocumentsEndpoint
{
    /// <summary>The customer's documents, newest first, filtered by status, type and department.</summary>
    [WolverineGet("/api/documents", OperationId = "ListDocuments")]
    [Tags("Documents")]
    [ProducesResponseType<Page<DocumentSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(IQuerySession session, string? status, string? documentType, string? department,
        int? page, int? pageSize, CancellationToken ct)
    {
        PageRequest.TryCreate(page, pageSize, out var paging, out var errors);
        DocumentStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<DocumentStatus>(status, ignoreCase: true, out var s)) statusFilter = s;
            else errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<DocumentStatus>())}."];
        }
        DocumentType? typeFilter = null;
        if (documentType is not null)
        {
            if (Enum.TryParse<DocumentType>(documentType, ignoreCase: true, out var t)) typeFilter = t;
            else errors["documentType"] = [$"documentType must be one of {string.Join(", ", Enum.GetNames<DocumentType>())}."];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        IQueryable<ProcessedDocument> query = session.Query<ProcessedDocument>();
        if (statusFilter is { } st) query = query.Where(d => d.Status == st);
        if (typeFilter is { } ty) query = query.Where(d => d.DocumentType == ty);
        if (!string.IsNullOrWhiteSpace(department)) query = query.Where(d => d.Department == department);

        var items = await query.OrderByDescending(d => d.ReceivedAt)
            .Stats(out QueryStatistics stats)
            .Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(ct);
        return Results.Ok(new Page<DocumentSummary>(
            items.Select(d => new DocumentSummary(d.Id, d.Status.ToString(), d.FileName, d.DocumentType?.ToString(), d.Decision?.ToString(),
                d.Scores?.Automation, d.Department, d.ReceivedAt, d.CompletedAt)).ToList(),
            paging.Page, paging.PageSize, stats.TotalResults));
    }
}
