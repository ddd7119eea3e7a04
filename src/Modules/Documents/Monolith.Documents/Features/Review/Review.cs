using System.Globalization;
using System.Text.Json;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;
using Monolith.Documents.Contracts;
using Monolith.Documents.Extraction;
using Monolith.Documents.Features.GetDocument;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Monolith.Documents.Features.Review;

/// <summary>
/// A person's review. <see cref="Corrections"/> sets fields (also ones the extractor missed; null removes one);
/// <see cref="LineItems"/>, when given, replaces the extracted line items.
/// </summary>
public sealed record ReviewDocument(string? Action, Dictionary<string, string?>? Corrections, string? Reviewer, string? Comment,
    List<ReviewLineItem?>? LineItems = null, string? DocumentType = null);

/// <summary>One corrected line item; the amounts are JSON numbers or numeric strings (invariant culture).</summary>
public sealed record ReviewLineItem(string? Description, JsonElement? Quantity, JsonElement? UnitPrice, JsonElement? Amount);

public sealed record ReviewQueueItem(Guid Id, string FileName, string? DocumentType, string? Department, double? AutomationScore,
    IReadOnlyList<string> Reasons, DateTimeOffset ReceivedAt);

/// <summary>
/// Pure review decision: which events a review of <paramref name="document"/> produces, or what is wrong with it.
/// Corrections (fields, line items) are followed by a <see cref="DocumentRevalidated"/> with validation and scores
/// recomputed from the corrected values, then the <see cref="DocumentReviewed"/> verdict.
/// </summary>
public static class ReviewDecider
{
    public const int MaxLineItems = 500;
    public const int MaxDescriptionLength = 500;

    /// <param name="settings">The effective automation settings of the document's customer and department.</param>
    /// <param name="duplicate">An earlier document with the duplicate key of the corrected fields (<see cref="DuplicateKeyAfter"/>).</param>
    public static (IReadOnlyList<object> Events, Dictionary<string, string[]> Problems) Decide(ProcessedDocument document,
        ReviewDocument review, Scoring.AutomationSettings settings, DuplicateCandidate? duplicate, DateTimeOffset now)
    {
        var problems = Problems(review, out var approve, out var reviewer, out var lineItems, out var requestedType);
        if (problems.Count > 0) return ([], problems);

        var events = new List<object>();
        var fields = document.Fields.ToList();
        var documentType = document.DocumentType;
        // A corrected type comes first: the field corrections that follow use the new type's names.
        if (requestedType is { } newType && newType != documentType)
        {
            events.Add(new DocumentTypeCorrected(document.Id, documentType, newType, reviewer, now));
            fields = ProcessedDocument.FieldsForType(fields, newType);
            documentType = newType;
        }
        foreach (var (field, value) in review.Corrections ?? [])
        {
            var current = fields.FirstOrDefault(f => f.Name == field);
            var replacement = FieldValues.Corrected(field, value, null);
            // Confirming a value is not a correction (120 confirms 120.00).
            if (Equals(current?.Value, replacement?.Value)) continue;
            var corrected = new DocumentFieldCorrected(document.Id, field, FieldValues.Format(current), FieldValues.Format(replacement),
                current?.Provider, reviewer, now);
            events.Add(corrected);
            fields = ProcessedDocument.FieldsAfter(fields, corrected);
        }
        var items = document.LineItems;
        if (lineItems is not null && !SameItems(document.LineItems, lineItems))
        {
            events.Add(new DocumentLineItemsCorrected(document.Id, [.. document.LineItems], lineItems, reviewer, now));
            items = lineItems;
        }
        var corrections = events.Count;
        if (corrections > 0 && documentType is { } type)
        {
            var report = ValidationRules.Validate(type, fields, items, settings.AmountTolerance, duplicate);
            var outcome = AutomationScoring.Score(type, fields, report, settings);
            events.Add(new DocumentRevalidated(document.Id, report.Rules, Math.Round(report.Score, 4), outcome.Scores, outcome.Reasons,
                outcome.SettingsVersion, now));
        }
        events.Add(new DocumentReviewed(document.Id, approve, corrections, reviewer, review.Comment, now));
        return (events, problems);
    }

    /// <summary>The duplicate key of the fields as the review leaves them (null when there is none or the review is invalid).</summary>
    public static string? DuplicateKeyAfter(ProcessedDocument document, ReviewDocument review)
    {
        if (Problems(review, out _, out _, out _, out var requestedType).Count > 0) return null;
        var fields = requestedType is { } t ? ProcessedDocument.FieldsForType(document.Fields, t) : document.Fields.ToList();
        foreach (var (field, value) in review.Corrections ?? [])
            fields = ProcessedDocument.FieldsAfter(fields, new DocumentFieldCorrected(document.Id, field, null, value, null, "", default));
        return ProcessedDocument.DuplicateKeyOf(fields);
    }

    private static Dictionary<string, string[]> Problems(ReviewDocument review, out bool approve, out string reviewer,
        out List<LineItem>? lineItems, out DocumentType? documentType)
    {
        var problems = new Dictionary<string, string[]>();
        documentType = null;
        if (review.DocumentType is { } requested)
        {
            if (Enum.TryParse<DocumentType>(requested, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(requested, out _)) documentType = parsed;
            else problems["documentType"] = [$"documentType must be one of {string.Join(", ", Enum.GetNames<DocumentType>())}."];
        }
        approve = string.Equals(review.Action, "approve", StringComparison.OrdinalIgnoreCase);
        if (!approve && !string.Equals(review.Action, "reject", StringComparison.OrdinalIgnoreCase))
            problems["action"] = ["action must be 'approve' or 'reject'."];
        foreach (var (field, value) in review.Corrections ?? [])
        {
            if (FieldValues.Problem(field, value) is { } problem) problems[$"corrections.{field}"] = [problem];
        }
        lineItems = LineItems(review.LineItems, problems);
        reviewer = string.IsNullOrWhiteSpace(review.Reviewer) ? "unknown" : review.Reviewer.Trim();
        if (reviewer.Length > 200) problems["reviewer"] = ["reviewer must be at most 200 characters."];
        if (review.Comment is { Length: > 2000 }) problems["comment"] = ["comment must be at most 2000 characters."];
        return problems;
    }

    /// <summary>The reviewer's line items (confidence 1), null when none were given; problems are keyed <c>lineItems[i].name</c>.</summary>
    private static List<LineItem>? LineItems(List<ReviewLineItem?>? input, Dictionary<string, string[]> problems)
    {
        if (input is null) return null;
        if (input.Count > MaxLineItems)
        {
            problems["lineItems"] = [$"lineItems may hold at most {MaxLineItems} items."];
            return null;
        }
        var items = new List<LineItem>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var key = $"lineItems[{i}]";
            if (input[i] is not { } item)
            {
                problems[key] = ["a line item must be an object."];
                continue;
            }
            var description = string.IsNullOrWhiteSpace(item.Description) ? null : item.Description.Trim();
            if (description is { Length: > MaxDescriptionLength })
                problems[$"{key}.description"] = [$"description must be at most {MaxDescriptionLength} characters."];
            var quantity = Number(item.Quantity, $"{key}.quantity", problems);
            var unitPrice = Number(item.UnitPrice, $"{key}.unitPrice", problems);
            var amount = Number(item.Amount, $"{key}.amount", problems);
            if (description is null && quantity is null && unitPrice is null && amount is null)
                problems[key] = ["a line item needs a description or an amount."];
            items.Add(new LineItem(description, quantity, unitPrice, amount, 1.0));
        }
        return items;
    }

    // No thousands separators: "1,5" is ambiguous (1.5 or 15), so it is refused rather than guessed.
    private const NumberStyles PlainDecimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    private static decimal? Number(JsonElement? value, string key, Dictionary<string, string[]> problems)
    {
        switch (value)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d):
                return d;
            case { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString(), PlainDecimal,
                CultureInfo.InvariantCulture, out var d):
                return d;
            default:
                problems[key] = [$"{key[(key.LastIndexOf('.') + 1)..]} must be a decimal number such as 12.50."];
                return null;
        }
    }

    /// <summary>Equal values (confidence aside): re-sending the extracted items is not a correction.</summary>
    private static bool SameItems(IReadOnlyList<LineItem> before, IReadOnlyList<LineItem> after) =>
        before.Count == after.Count && before.Zip(after).All(p => p.First.Description == p.Second.Description
            && p.First.Quantity == p.Second.Quantity && p.First.UnitPrice == p.Second.UnitPrice && p.First.Amount == p.Second.Amount);
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

    /// <summary>
    /// Correct fields (adding ones the extractor missed) and line items, then approve or reject. Each correction is an
    /// event (old value, new value, provider); after corrections, validation and scores are recomputed and recorded.
    /// </summary>
    [WolverinePost("/api/documents/{id}/review", OperationId = "ReviewDocument")]
    [Tags("Documents")]
    [ProducesResponseType<DocumentView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<(IResult, Wolverine.OutgoingMessages)> Review(Guid id, ReviewDocument review, IDocumentSession session,
        IOptions<Scoring.AutomationSettings> configured, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new Wolverine.OutgoingMessages();
        var stream = await session.Events.FetchForWriting<ProcessedDocument>(id, ct);
        if (stream.Aggregate is not { } document)
            return (Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found", detail: $"No document {id} for this customer."), outgoing);
        if (!document.AwaitsReview)
            return (Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Document is not waiting for review",
                detail: $"Document {id} is {document.Status}{(document.Decision is { } d ? $" ({d})" : "")}; only documents in review can be reviewed."), outgoing);

        var profile = await session.LoadAsync<AutomationSettingsProfile>(AutomationSettingsProfile.StreamId, ct);
        var settings = AutomationSettingsProfile.Effective(configured.Value, profile, document.Department);
        DuplicateCandidate? duplicate = null;
        if (ReviewDecider.DuplicateKeyAfter(document, review) is { } key)
        {
            var earlier = await session.Query<ProcessedDocument>()
                .Where(x => x.DuplicateKey == key && x.Id != id && x.ReceivedAt <= document.ReceivedAt)
                .OrderBy(x => x.ReceivedAt).Select(x => x.Id).FirstOrDefaultAsync(ct);
            if (earlier != Guid.Empty) duplicate = new DuplicateCandidate(earlier);
        }

        var (events, problems) = ReviewDecider.Decide(document, review, settings, duplicate, clock.GetUtcNow());
        if (problems.Count > 0) return (Results.ValidationProblem(problems, title: "The review is invalid"), outgoing);

        stream.AppendMany(events.ToArray());
        var reviewed = (DocumentReviewed)events[^1];
        outgoing.Add(new DocumentReviewCompleted(id, reviewed.Approved, reviewed.Corrections, document.DocumentType?.ToString(),
            document.Department, reviewed.At));
        // What the reviewer confirmed teaches the vendor's profile (vendor memory), after this transaction commits.
        if (reviewed.Approved) outgoing.Add(new Learning.LearnFromReview(id));

        // The answer is rebuilt from the stream, so the fetched aggregate is never mutated.
        var after = await session.Events.AggregateStreamAsync<ProcessedDocument>(id, token: ct) ?? document;
        foreach (var e in events)
        {
            switch (e)
            {
                case DocumentTypeCorrected t: after.Apply(t); break;
                case DocumentFieldCorrected c: after.Apply(c); break;
                case DocumentLineItemsCorrected l: after.Apply(l); break;
                case DocumentRevalidated v: after.Apply(v); break;
                case DocumentReviewed r: after.Apply(r); break;
            }
        }
        return (Results.Ok(DocumentView.From(after)), outgoing);
    }
}
