using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Monolith.Documents.Storage;
using Wolverine.Http;

namespace Monolith.Documents.Features.GetDocumentContent;

/// <summary>
/// The original bytes and the extracted text of one document, for the review screen. Both are tenant-scoped through
/// the session (another customer's id is a 404, never the bytes). The bytes are served with the media type recognised
/// at upload (not the one the client claimed), inline, with <c>nosniff</c>, and (except PDFs) a sandboxing CSP so an
/// uploaded file can never run script in the dashboard's origin.
/// </summary>
public static class GetDocumentContentEndpoint
{
    [WolverineGet("/api/documents/{id}/content", OperationId = "GetDocumentContent")]
    [Tags("Documents")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Content(Guid id, HttpContext http, IQuerySession session, DocumentFiles files, CancellationToken ct)
    {
        var document = await session.LoadAsync<ProcessedDocument>(id, ct);
        if (document is null) return NotFound(id);

        var response = http.Response;
        // XML can carry script when a browser renders it; Chromium's PDF viewer refuses to run in a sandbox, and PDFs
        // and raster images cannot script the page anyway.
        ProtectContent(response, sandbox: document.MediaType != "application/pdf");
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline")
        {
            FileNameStar = string.IsNullOrWhiteSpace(document.FileName) ? "document" : document.FileName,
            FileName = AsciiFileName(document.FileName),
        }.ToString();

        if (!string.IsNullOrEmpty(document.ContentHash) && NotModified(http, $"\"{document.ContentHash}\""))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        var content = await files.LoadAsync(session.TenantId, id, ct);
        if (content is null)
        {
            response.Headers.Remove(HeaderNames.ContentDisposition);
            response.Headers.Remove(HeaderNames.ETag);
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document content not found",
                detail: $"The stored file of document {id} was not found.");
        }
        var mediaType = string.IsNullOrWhiteSpace(document.MediaType) ? "application/octet-stream" : document.MediaType;
        if (mediaType is "text/plain" or "application/xml") mediaType += "; charset=utf-8";
        return Results.Bytes(content, mediaType);
    }

    [WolverineGet("/api/documents/{id}/text", OperationId = "GetDocumentText")]
    [Tags("Documents")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/plain")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Text(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var document = await session.LoadAsync<ProcessedDocument>(id, ct);
        if (document is null) return NotFound(id);

        var record = await session.LoadAsync<DocumentTextRecord>(id, ct);
        if (record is null || record.Text.IsEmpty)
            return NoText(document, "No extracted text", WhyNoText(document));

        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.Text(record.Text.FullText, "text/plain; charset=utf-8");
    }

    /// <summary>Headers for stored content served to the browser: no sniffing, no caching by shared caches, and a sandbox.</summary>
    internal static void ProtectContent(HttpResponse response, bool sandbox)
    {
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (sandbox)
            response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        response.Headers[HeaderNames.CacheControl] = "private, max-age=0, must-revalidate";
    }

    /// <summary>Sets the ETag; true when the client already holds this version (answer 304).</summary>
    internal static bool NotModified(HttpContext http, string quotedTag)
    {
        var etag = new EntityTagHeaderValue(quotedTag);
        http.Response.Headers[HeaderNames.ETag] = etag.ToString();
        return http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any));
    }

    /// <summary>A 404 for a document that exists but lacks what was asked for, with the processing state that explains it.</summary>
    internal static IResult NoText(ProcessedDocument document, string title, string detail, string? source = null)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["status"] = document.Status.ToString(),
            ["reason"] = document.FailureReason,
            ["mediaType"] = document.MediaType,
        };
        if (source is not null) extensions["source"] = source;
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail, extensions: extensions);
    }

    internal static string WhyNoText(ProcessedDocument document) => document switch
    {
        { Status: DocumentStatus.Received } => "The document has not been read yet; try again shortly.",
        { FailureReason: "no-text-layer" } when document.MediaType.StartsWith("image/", StringComparison.Ordinal) =>
            "The document is an image and no OCR-capable provider is configured, so no text was read.",
        { FailureReason: "no-text-layer" } => "The PDF has no text layer (a scan) and no OCR-capable provider is configured.",
        { FailureReason: Ocr.OcrFailures.NoText } => "OCR read the document but found no text in it.",
        { FailureReason: Ocr.OcrFailures.Timeout } => "OCR did not finish within Documents:Ocr:TimeoutSeconds, so no text was read.",
        { FailureReason: Ocr.OcrFailures.ImageTooLarge or Ocr.OcrFailures.ImageUnreadable or Ocr.OcrFailures.EngineFailed } =>
            $"OCR could not read the document ({document.FailureReason}); see its events for the details.",
        { FailureReason: { } reason } => $"No text was read: {reason}.",
        _ => "No text was read from this document.",
    };

    internal static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found", detail: $"No document {id} for this customer.");

    /// <summary>The legacy <c>filename=</c> parameter: printable ASCII only, quotes and backslashes replaced.</summary>
    private static string AsciiFileName(string fileName)
    {
        var chars = (string.IsNullOrWhiteSpace(fileName) ? "document" : fileName)
            .Select(c => c is >= ' ' and < (char)127 && c != '"' && c != '\\' && c != '%' ? c : '_').ToArray();
        return $"\"{new string(chars)}\"";
    }
}
