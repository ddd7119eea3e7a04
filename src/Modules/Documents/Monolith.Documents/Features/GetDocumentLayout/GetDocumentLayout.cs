using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Monolith.Documents.Extraction;
using Monolith.Documents.Features.GetDocumentContent;
using Monolith.Documents.Storage;
using Wolverine.Http;

namespace Monolith.Documents.Features.GetDocumentLayout;

/// <summary>A rectangle with origin top-left, in the page's units (points for PDFs, pixels for images).</summary>
public sealed record LayoutBox(double X, double Y, double Width, double Height);

public sealed record PageWord(string Text, double X, double Y, double Width, double Height, double? Confidence);

/// <summary>
/// One page: its size in its own units, how far it was turned before it was read, where its image is, and its words.
/// An SVG with <c>viewBox="0 0 width height"</c> over the image places every box without conversion.
/// </summary>
public sealed record LayoutPage(int Number, double Width, double Height, int Rotation, string ImageUrl, IReadOnlyList<PageWord> Words);

/// <summary>An extracted field and where its value is printed (no boxes when it was not found on the page).</summary>
public sealed record LayoutField(string Name, int? Page, object? Value, IReadOnlyList<LayoutBox> Boxes);

public sealed record DocumentLayout(string Source, IReadOnlyList<LayoutPage> Pages, IReadOnlyList<LayoutField> Fields)
{
    public static DocumentLayout From(Guid id, DocumentText text, IEnumerable<ExtractedField> fields)
    {
        var sizes = text.Pages.ToDictionary(p => p.Number, Size);
        var pages = text.Pages.Select(p =>
        {
            var size = sizes[p.Number];
            return new LayoutPage(p.Number, size.Width, size.Height, p.Rotation, PageImageUrl(id, p.Number),
                p.Words.Select(w => { var b = TopLeft(w, size.Height); return new PageWord(w.Text, b.X, b.Y, b.Width, b.Height, w.Confidence); }).ToList());
        }).ToList();
        var located = fields.DistinctBy(f => f.Name).Select(f =>
        {
            var where = FieldLocator.Locate(f, text.Pages);
            var boxes = where is null ? [] : where.Lines.Select(line => TopLeft(Union(line), sizes[where.Page].Height)).ToList();
            return new LayoutField(f.Name, where?.Page ?? f.Page, f.Value, boxes);
        }).ToList();
        return new DocumentLayout(text.Source, pages, located);
    }

    public static string PageImageUrl(Guid id, int page) => $"/api/documents/{id}/pages/{page}/image";

    /// <summary>The page's size; a source that recorded none gets the extent of its words.</summary>
    private static (double Width, double Height) Size(TextPage p) => p.Width > 0 && p.Height > 0 || p.Words.Count == 0
        ? (p.Width, p.Height)
        : (p.Words.Max(w => w.X + w.Width), p.Words.Max(w => w.Y + w.Height));

    private static TextWord Union(IReadOnlyList<TextWord> words)
    {
        double left = words.Min(w => w.X), bottom = words.Min(w => w.Y);
        return new TextWord("", left, bottom, words.Max(w => w.X + w.Width) - left, words.Max(w => w.Y + w.Height) - bottom);
    }

    /// <summary>From the text layer's bottom-left origin to the browser's top-left one.</summary>
    private static LayoutBox TopLeft(TextWord w, double pageHeight) =>
        new(Round(w.X), Round(pageHeight - w.Y - w.Height), Round(w.Width), Round(w.Height));

    private static double Round(double v) => Math.Round(v, 2);
}

/// <summary>
/// The words of each page with their boxes and where each extracted field was found, for the review screen's overlay.
/// Tenant-scoped like <c>/content</c>; a document whose text has no positions (a text file, an image not read) is a 404
/// that says why.
/// </summary>
public static class GetDocumentLayoutEndpoint
{
    [WolverineGet("/api/documents/{id}/layout", OperationId = "GetDocumentLayout")]
    [Tags("Documents")]
    [ProducesResponseType<DocumentLayout>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var document = await session.LoadAsync<ProcessedDocument>(id, ct);
        if (document is null) return GetDocumentContentEndpoint.NotFound(id);

        var record = await session.LoadAsync<DocumentTextRecord>(id, ct);
        if (record is null || record.Text.Pages.All(p => p.Words.Count == 0))
            return GetDocumentContentEndpoint.NoText(document, "No layout",
                record is null || record.Text.IsEmpty
                    ? GetDocumentContentEndpoint.WhyNoText(document)
                    : $"The text (source: {record.Text.Source}) has no word positions, so there is no page layout to show.",
                record?.Text.Source);

        http.Response.Headers[HeaderNames.CacheControl] = "private, no-cache";
        return Results.Ok(DocumentLayout.From(id, record.Text, document.Fields));
    }
}
