using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Messaging;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.Documents.Features.ReceiveDocument;
using Monolith.Documents.Storage;
using Wolverine.Http;

namespace Monolith.Documents.Features.ReceiveDocuments;

public sealed record BulkItemProblem(int Status, string Title, string Detail);

public sealed record BulkItemResult(int Index, string FileName, string Outcome, Guid? Id, string? Location, BulkItemProblem? Problem);

public sealed record BulkReceiveResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<BulkItemResult> Items);

public static class ReceiveDocumentsEndpoint
{
    /// <summary>
    /// Up to <c>Documents:BulkMaxFiles</c> files (multipart fields named <c>file</c> or <c>files</c>) in one request. Each
    /// file is accepted, recognised as a duplicate or rejected on its own; one bad file never loses the others.
    /// </summary>
    [WolverinePost("/api/documents/bulk", OperationId = "ReceiveDocuments")]
    [Tags("Documents")]
    [ProducesResponseType<BulkReceiveResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    public static async Task<IResult> Post(HttpContext http, IDocumentStore store, DocumentFiles files,
        IOptions<DocumentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var settings = options.Value;
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        var (form, problem) = await FormReader.ReadAsync(http, settings.MaxUploadBytes * settings.BulkMaxFiles + FormReader.Overhead, ct);
        if (problem is not null) return problem;

        var uploads = form!.Files.Where(f => f.Name is "file" or "files").ToList();
        if (uploads.Count == 0)
            return ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(400, "files", "No files", "Send the documents as multipart fields named 'files'."));
        if (uploads.Count > settings.BulkMaxFiles)
            return ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(413, "files", "Too many files",
                $"{uploads.Count} files sent; at most {settings.BulkMaxFiles} per request (Documents:BulkMaxFiles)."));

        var department = form["department"].FirstOrDefault();
        var industry = form["industry"].FirstOrDefault();
        var results = new List<BulkItemResult>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            byte[]? content = null;
            if (upload.Length <= settings.MaxUploadBytes)
            {
                content = new byte[upload.Length];
                await using var stream = upload.OpenReadStream();
                await stream.ReadExactlyAsync(content, ct);
            }
            var intake = upload.Length > settings.MaxUploadBytes
                ? new IntakeResult.Rejected(413, "file", "File too large", $"The file has {upload.Length} bytes; the limit is {settings.MaxUploadBytes}.")
                : IntakeDecider.Decide(tenant, upload.FileName, content, department, industry, settings.MaxUploadBytes, clock.GetUtcNow());

            if (intake is IntakeResult.Rejected rejected)
            {
                results.Add(new BulkItemResult(i, upload.FileName, "rejected", null, null, new BulkItemProblem(rejected.Status, rejected.Title, rejected.Detail)));
                continue;
            }
            var accepted = (IntakeResult.Accepted)intake;
            // One outbox per file: a shared one would send only the first file's messages (see OutboxPerTransaction).
            var duplicate = await OutboxPerTransaction.RunAsync(http.RequestServices,
                own => DocumentIntake.AcceptAsync(store, own, files, tenant, accepted, content!, ct));
            results.Add(new BulkItemResult(i, upload.FileName, duplicate ? "duplicate" : "accepted", accepted.Id,
                $"/api/documents/{accepted.Id}", null));
        }

        return Results.Ok(new BulkReceiveResponse(
            results.Count(r => r.Outcome == "accepted"), results.Count(r => r.Outcome == "duplicate"),
            results.Count(r => r.Outcome == "rejected"), results));
    }
}
