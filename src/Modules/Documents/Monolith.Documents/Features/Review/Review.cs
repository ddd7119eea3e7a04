using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;
using Monolith.Documents.Contracts;
using Monolith.Documents.Extraction;
using Monolith.Documents.Features.GetDocument;
using Wolverine.Http;

namespace Monolith.Documents.Features.Review;

public sealed record ReviewDocument(string? Action, Dictionary<string, string?>? Corrections, string? Reviewer, string? Comment);

public sealed record ReviewQueueItem(Guid Id, string FileName, string? DocumentType, string? Department, double? AutomationScore,
    IReadOnlyList<string> Reasons, DateTimeOffset ReceivedAt);

/// <summary>Pure review decision: which events a review of <paramref name="document"/> produces, or what is wrong with it.</summary>
public static class ReviewDecider
{
    public static (IReadOnlyList<object> Events, Dictionary<string, string[]> Problems) Decide(ProcessedDocument document,
        ReviewDocument review, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string[]>();
        var approve = string.Equals(review.Action, "approve", StringComparison.OrdinalIgnoreCase);
        if (!approve && !string.Equals(review.Action, "reject", StringComparison.OrdinalIgnoreCase))
            problems["action"] = ["action must be 'approve' or 'reject'."];
        foreach (var (field, value) in review.Corrections ?? [])
        {
            if (FieldValues.Problem(field, value) is { } problem) problems[$"corrections.{field}"] = [problem];
        }
        var reviewer = string.IsNullOrWhiteSpace(review.Reviewer) ? "unknown" : review.Reviewer.Trim();
        if (reviewer.Length > 200) problems["reviewer"] = ["reviewer must be at most 200 characters."];
        if (review.Comment is { Length: > 2000 }) problems["comment"] = ["comment must be at most 2000 characters."];
        if (problems.Count > 0) return ([], problems);

        var events = new List<object>();
        foreach (var (field, value) in review.Corrections ?? [])
        {
            var current = document.Fields.FirstOrDefault(f => f.Name == field);
            var old = FieldValues.Format(current);
            var normalised = FieldValues.Format(FieldValues.Corrected(field, value, null));
            if (old == normalised) continue; // confirming a value is not a correction
            events.Add(new DocumentFieldCorrected(document.Id, field, old, normalised, current?.Provider, reviewer, now));
        }
        events.Add(new DocumentReviewed(document.Id, approve, events.Count, reviewer, review.Comment, now));
        return (events, problems);
    }
}

public static class ReviewEndpoints
{
    /// <summary>Documents waiting for a person, oldest first.</summary>
    [WolverineGet("/api/documents/review-queue", OperationId = "GetReviewQueue")]
    [Tags("Documents")]
    [ProducesResponseType<Page<ReviewQueueItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Queue(IQuerySession session, string? department, string? documentType, int? page, int? pageSize,
        CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors)) return Results.ValidationProblem(errors);
        DocumentType? type = null;
        if (documentType is not null)
        {
            if (!Enum.TryParse<DocumentType>(documentType, ignoreCase: true, out var t))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["documentType"] = [$"documentType must be one of {string.Join(", ", Enum.GetNames<DocumentType>())}."] });
            type = t;
        }

        IQueryable<ProcessedDocument> query = session.Query<ProcessedDocument>()
            .Where(d => d.Status == DocumentStatus.NeedsReview || (d.Status == DocumentStatus.Decided && d.Decision == Scoring.Decision.Manual));
        if (!string.IsNullOrWhiteSpace(department)) query = query.Where(d => d.Department == department);
        if (type is { } ty) query = query.Where(d => d.DocumentType == ty);
        var items = await query.OrderBy(d => d.ReceivedAt).Stats(out QueryStatistics stats).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new Page<ReviewQueueItem>(
            items.Select(d => new ReviewQueueItem(d.Id, d.FileName, d.DocumentType?.ToString(), d.Department, d.Scores?.Automation, d.Reasons, d.ReceivedAt)).ToList(),
            paging.Page, paging.PageSize, stats.TotalResults));
    }

    /// <summary>Correct fields and approve or reject. Each correction is an event (old value, new value, provider).</summary>
    [WolverinePost("/api/documents/{id}/review", OperationId = "ReviewDocument")]
    [Tags("Documents")]
    [ProducesResponseType<DocumentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<(IResult, Wolverine.OutgoingMessages)> Review(Guid id, ReviewDocument review, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new Wolverine.OutgoingMessages();
        var stream = await session.Events.FetchForWriting<ProcessedDocument>(id, ct);
        if (stream.Aggregate is not { } document)
            return (Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found", detail: $"No document {id} for this customer."), outgoing);
        if (!document.AwaitsReview)
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Document is not waiting for review",
                detail: $"Document {id} is {document.Status}{(document.Decision is { } d ? $" ({d})" : "")}; only documents in review can be reviewed."), outgoing);

        var (events, problems) = ReviewDecider.Decide(document, review, clock.GetUtcNow());
        if (problems.Count > 0) return (Results.ValidationProblem(problems, title: "The review is invalid"), outgoing);

        stream.AppendMany(events.ToArray());
        var reviewed = (DocumentReviewed)events[^1];
        outgoing.Add(new DocumentReviewCompleted(id, reviewed.Approved, reviewed.Corrections, document.DocumentType?.ToString(),
            document.Department, reviewed.At));

        // The answer is rebuilt from the stream, so the fetched aggregate is never mutated.
        var after = await session.Events.AggregateStreamAsync<ProcessedDocument>(id, token: ct) ?? document;
        foreach (var e in events)
        {
            switch (e)
            {
                case DocumentFieldCorrected c: after.Apply(c); break;
                case DocumentReviewed r: after.Apply(r); break;
            }
        }
        return (Results.Ok(DocumentView.From(after)), outgoing);
    }
}
