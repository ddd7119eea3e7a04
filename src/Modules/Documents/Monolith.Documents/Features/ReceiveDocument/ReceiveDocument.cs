using Monolith.BuildingBlocks.Messaging;
using System.Security.Cryptography;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.Documents.Features.GetDocument;
using Monolith.Documents.Intake;
using Monolith.Documents.Storage;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Documents.Features.ReceiveDocument;

/// <summary>Internal command: run the pipeline for one accepted document (durable local queue).</summary>
public sealed record ProcessDocument(Guid DocumentId);

public sealed record DocumentAcceptedResponse(Guid Id, string Status, bool Duplicate, string Location);

/// <summary>What one upload turned into: a new document, an existing one (same bytes), or a problem.</summary>
public abstract record IntakeResult
{
    public sealed record Accepted(Guid Id, DocumentAccepted Event) : IntakeResult;
    public sealed record Rejected(int Status, string Field, string Title, string Detail) : IntakeResult;
}

/// <summary>Pure intake decision: bytes + form values + limits in, an accepted-document event or a problem out.</summary>
public static class IntakeDecider
{
    public static IntakeResult Decide(string tenant, string? fileName, byte[]? content, string? department, string? industry,
        long maxBytes, DateTimeOffset now)
    {
        if (content is null) return new IntakeResult.Rejected(400, "file", "No file", "Send the document as multipart/form-data field 'file'.");
        if (content.Length == 0) return new IntakeResult.Rejected(400, "file", "Empty file", "The uploaded file has no content.");
        if (content.Length > maxBytes)
            return new IntakeResult.Rejected(413, "file", "File too large", $"The file has {content.Length} bytes; the limit is {maxBytes} (Documents:MaxUploadBytes).");
        var detected = ContentSniffer.Detect(content);
        if (detected.Kind == ContentKind.Unknown)
            return new IntakeResult.Rejected(415, "file", "Unsupported document format",
                "Accepted are PDF, PNG, JPEG, TIFF, XML e-invoices and plain text, recognised by their content.");
        if (!IsLabel(department)) return new IntakeResult.Rejected(400, "department", "Invalid department", "department must be at most 100 printable characters.");
        if (!IsLabel(industry)) return new IntakeResult.Rejected(400, "industry", "Invalid industry", "industry must be at most 100 printable characters.");

        var hash = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        var id = DocumentIdFor(tenant, hash);
        var name = string.IsNullOrWhiteSpace(fileName) ? "" : Path.GetFileName(fileName.Trim()).Trim();
        if (name.Length == 0) name = "document"; // "invoices/" names a folder, not a file
        if (name.Length > 255) name = name[..255];
        return new IntakeResult.Accepted(id, new DocumentAccepted(id, name, detected.MediaType, content.Length, hash,
            Normalise(department), Normalise(industry), now));
    }

    /// <summary>The same bytes from the same customer always map to the same document (name-based Guid).</summary>
    public static Guid DocumentIdFor(string tenant, string contentHash) =>
        NameBasedGuid.From($"document:{tenant}:{contentHash}");

    private static bool IsLabel(string? value) => value is null || (value.Trim().Length <= 100 && !value.Any(char.IsControl));
    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class ReceiveDocumentEndpoint
{
    [WolverinePost("/api/documents", OperationId = "ReceiveDocument")]
    [Tags("Documents")]
    [ProducesResponseType<DocumentAcceptedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<DocumentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    public static async Task<IResult> Post(HttpContext http, IDocumentStore store, IMartenOutbox outbox, DocumentFiles files,
        IOptions<DocumentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        var (form, problem) = await FormReader.ReadAsync(http, options.Value.MaxUploadBytes + FormReader.Overhead, ct);
        if (problem is not null) return problem;
        var upload = form!.Files.GetFile("file");
        byte[]? content = null;
        if (upload is not null && upload.Length <= options.Value.MaxUploadBytes)
        {
            content = new byte[upload.Length];
            await using var stream = upload.OpenReadStream();
            await stream.ReadExactlyAsync(content, ct);
        }
        else if (upload is not null)
        {
            return Problem(new IntakeResult.Rejected(413, "file", "File too large",
                $"The file has {upload.Length} bytes; the limit is {options.Value.MaxUploadBytes} (Documents:MaxUploadBytes)."));
        }

        var intake = IntakeDecider.Decide(tenant, upload?.FileName, content, form["department"].FirstOrDefault(),
            form["industry"].FirstOrDefault(), options.Value.MaxUploadBytes, clock.GetUtcNow());
        if (intake is IntakeResult.Rejected rejected) return Problem(rejected);
        var accepted = (IntakeResult.Accepted)intake;

        var duplicate = await DocumentIntake.AcceptAsync(store, outbox, files, tenant, accepted, content!, ct);
        var wait = string.Equals(http.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase);
        var location = $"/api/documents/{accepted.Id}";

        if (duplicate || wait)
        {
            var finished = await DocumentIntake.WaitForAsync(store, tenant, accepted.Id,
                wait ? TimeSpan.FromSeconds(options.Value.WaitTimeoutSeconds) : TimeSpan.Zero, ct);
            if (finished is not null && (duplicate || finished.IsFinished))
                return Results.Json(DocumentView.From(finished, duplicate), statusCode: StatusCodes.Status200OK);
        }
        return Results.Accepted(location, new DocumentAcceptedResponse(accepted.Id, nameof(DocumentStatus.Received), duplicate, location));
    }

    public static IResult Problem(IntakeResult.Rejected r) => Results.Problem(new ValidationProblemDetails(
        new Dictionary<string, string[]> { [r.Field] = [r.Detail] })
    {
        Status = r.Status,
        Title = r.Title,
        Detail = r.Detail,
    });
}

/// <summary>Reads a multipart form under an explicit body limit, turning transport errors into ProblemDetails.</summary>
public static class FormReader
{
    /// <summary>Room for multipart boundaries, headers and form fields beyond the files themselves.</summary>
    public const long Overhead = 1024 * 1024;

    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadAsync(HttpContext http, long maxBody, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return (null, ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(415, "file", "Multipart form expected",
                "Send multipart/form-data with the document in field 'file'.")));
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBody;
        if (http.Request.ContentLength > maxBody)
            return (null, ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(413, "file", "Request too large",
                $"The request has {http.Request.ContentLength} bytes; the limit is {maxBody}.")));
        try
        {
            var form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                MultipartBodyLengthLimit = maxBody,
                ValueLengthLimit = 4096,
            }, ct);
            return (form, null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(e.StatusCode, "file",
                e.StatusCode == 413 ? "Request too large" : "Malformed request", e.Message)));
        }
        catch (IOException e) when (!ct.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // A body that ends before its closing boundary (or a boundary the body never uses): malformed, not a server error.
            return (null, ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(400, "file", "Malformed multipart body", e.Message)));
        }
        catch (InvalidDataException e)
        {
            return (null, ReceiveDocumentEndpoint.Problem(new IntakeResult.Rejected(400, "file", "Malformed multipart body", e.Message)));
        }
    }
}

/// <summary>The I/O of accepting a document: first event, file bytes and messages in one transaction.</summary>
public static class DocumentIntake
{
    /// <returns>true when the same bytes had already been accepted for this customer.</returns>
    public static async Task<bool> AcceptAsync(IDocumentStore store, IMartenOutbox outbox, DocumentFiles files, string tenant,
        IntakeResult.Accepted accepted, byte[] content, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        if (await session.Events.FetchStreamStateAsync(accepted.Id, ct) is not null) return true;

        outbox.Enroll(session);
        session.Events.StartStream<ProcessedDocument>(accepted.Id, accepted.Event);
        files.Store(session, accepted.Id, content);
        var e = accepted.Event;
        var delivery = new DeliveryOptions { TenantId = tenant };
        await outbox.PublishAsync(new ProcessDocument(accepted.Id), delivery);
        await outbox.PublishAsync(new Contracts.DocumentReceived(e.DocumentId, e.MediaType, e.SizeBytes, e.Department, e.Industry, e.At), delivery);
        try
        {
            await session.SaveChangesAsync(ct);
            return false;
        }
        catch (ExistingStreamIdCollisionException)
        {
            // The same bytes arrived at the same moment and the other request won: same document, not processed twice.
            return true;
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) for the document to finish; returns its latest state.</summary>
    public static async Task<ProcessedDocument?> WaitForAsync(IDocumentStore store, string tenant, Guid id, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            await using (var query = store.QuerySession(tenant))
            {
                var document = await query.LoadAsync<ProcessedDocument>(id, ct);
                if (document is null || document.IsFinished || DateTime.UtcNow >= deadline) return document;
            }
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}
