using Monolith.Documents.Extraction;
using Monolith.BuildingBlocks.Access;
using System.Globalization;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.Documents.Contracts;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;
using Wolverine;
using Wolverine.Http;

namespace Monolith.Documents.Features.Rescore;

public sealed record RescoreDocuments(string? From, string? To, string? Department);

/// <summary>One batch of a re-score run; handled on a sequential durable queue, one transaction per batch.</summary>
public sealed record RescoreBatch(Guid RescoreId, int BatchNumber, IReadOnlyList<Guid> DocumentIds);

// The run's own stream: what was asked and how far it got.
public sealed record RescoreStarted(Guid RescoreId, DateTimeOffset From, DateTimeOffset To, string? Department, int Documents,
    int Batches, DateTimeOffset At);
public sealed record RescoreBatchCompleted(Guid RescoreId, int BatchNumber, int Examined, int Changed, DateTimeOffset At);

public sealed class RescoreRun : IRevisioned
{
    public Guid Id { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public string? Department { get; set; }
    public int Documents { get; set; }
    public int Batches { get; set; }
    public List<int> CompletedBatches { get; set; } = [];
    public int Examined { get; set; }
    public int Changed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Version { get; set; }

    public string Status => CompletedBatches.Count >= Batches ? "Completed" : "Running";

    public static RescoreRun Create(RescoreStarted e) => new()
    {
        Id = e.RescoreId, From = e.From, To = e.To, Department = e.Department, Documents = e.Documents, Batches = e.Batches,
        StartedAt = e.At, CompletedAt = e.Batches == 0 ? e.At : null,
    };

    public void Apply(RescoreBatchCompleted e)
    {
        CompletedBatches.Add(e.BatchNumber);
        Examined += e.Examined;
        Changed += e.Changed;
        if (CompletedBatches.Count >= Batches) CompletedAt = e.At;
    }
}

public sealed record RescoreStatus(Guid RescoreId, string Status, DateTimeOffset From, DateTimeOffset To, string? Department,
    int Documents, int Examined, int Changed, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt)
{
    public static RescoreStatus Of(RescoreRun run) => new(run.Id, run.Status, run.From, run.To, run.Department, run.Documents,
        run.Examined, run.Changed, run.StartedAt, run.CompletedAt);
}

/// <summary>Pure re-score decision: the current settings applied to the document's recorded fields and validation.
/// Null when the decision stays the same (nothing to record) or the document cannot be re-scored.</summary>
public static class RescoreDecider
{
    public static DocumentRescored? Decide(ProcessedDocument document, Scoring.AutomationSettings settings, Guid rescoreId, DateTimeOffset now) =>
        Decide(document, document?.Fields ?? [], document?.Validation ?? [], settings, rescoreId, now);

    /// <summary>The decision for <paramref name="fields"/> and <paramref name="rules"/> (the document's own, or what vendor memory made of them now).</summary>
    public static DocumentRescored? Decide(ProcessedDocument document, IReadOnlyList<ExtractedField> fields, IReadOnlyList<RuleResult> rules,
        Scoring.AutomationSettings settings, Guid rescoreId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!Rescorable(document) || document.DocumentType is not { } type || document.Decision is not { } previous) return null;
        var outcome = AutomationScoring.Score(type, fields, new ValidationReport([.. rules]), settings);
        return outcome.Decision == previous ? null
            : new DocumentRescored(document.Id, outcome.Scores, previous, outcome.Decision, outcome.Reasons, outcome.SettingsVersion,
                rescoreId, now);
    }

    /// <summary>Scored and not yet reviewed: a person's review is final, and a stopped document has nothing to score.</summary>
    public static bool Rescorable(ProcessedDocument d) =>
        d.Scores is not null && d.Status is DocumentStatus.Decided or DocumentStatus.NeedsReview;
}

/// <summary>
/// Applies the current automation settings to the documents processed (completed) in a period. Asynchronous: the
/// endpoint records the run and queues batches of <see cref="BatchSize"/> documents (durable, one transaction per
/// batch, sequential so the run's progress stream is appended in order); <c>GET /api/documents/rescore/{id}</c>
/// reports progress. A changed decision is a <see cref="DocumentRescored"/> event on the document's stream and a
/// <see cref="DocumentDecisionRevised"/> message for Analytics.
/// </summary>
/// <remarks>Starting a re-score is admin-only (<c>[RequiresRole(AccessRole.Admin)]</c>); its progress is readable by viewers.</remarks>
public static class RescoreEndpoints
{
    public const int BatchSize = 50;
    public const int MaxDays = 366;

    public static Guid StreamIdFor(Guid rescoreId) => rescoreId;

    [RequiresRole(AccessRole.Admin)]
    [WolverinePost("/api/documents/rescore", OperationId = "RescoreDocuments")]
    [Tags("Documents")]
    [ProducesResponseType<RescoreStatus>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<(IResult, OutgoingMessages)> Post(RescoreDocuments request, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var from = Parse(request.From, "from", errors);
        var to = Parse(request.To, "to", errors) ?? (errors.ContainsKey("to") ? null : now);
        if (from is null && !errors.ContainsKey("from")) errors["from"] = ["from is required (ISO 8601, e.g. 2026-11-01T00:00:00Z)."];
        if (errors.Count == 0 && from >= to) errors["from"] = ["from must be before to."];
        if (errors.Count == 0 && to - from > TimeSpan.FromDays(MaxDays)) errors["from"] = [$"The period may span at most {MaxDays} days."];
        if (errors.Count > 0) return (Results.ValidationProblem(errors), outgoing);

        var department = string.IsNullOrWhiteSpace(request.Department) ? null : request.Department.Trim();
        IQueryable<ProcessedDocument> query = session.Query<ProcessedDocument>()
            .Where(d => d.CompletedAt >= from && d.CompletedAt < to && d.Scores != null
                && (d.Status == DocumentStatus.Decided || d.Status == DocumentStatus.NeedsReview));
        if (department is not null) query = query.Where(d => d.Department == department);
        var ids = await query.OrderBy(d => d.CompletedAt).Select(d => d.Id).ToListAsync(ct);

        var rescoreId = Guid.CreateVersion7();
        var batches = ids.Chunk(BatchSize).ToList();
        var started = new RescoreStarted(rescoreId, from!.Value, to!.Value, department, ids.Count, batches.Count, now);
        session.Events.StartStream<RescoreRun>(StreamIdFor(rescoreId), started);
        for (var i = 0; i < batches.Count; i++) outgoing.Add(new RescoreBatch(rescoreId, i, batches[i]));
        return (Results.Accepted($"/api/documents/rescore/{rescoreId}", RescoreStatus.Of(RescoreRun.Create(started))), outgoing);
    }

    [WolverineGet("/api/documents/rescore/{id}", OperationId = "GetRescore")]
    [Tags("Documents")]
    [ProducesResponseType<RescoreStatus>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var run = await session.LoadAsync<RescoreRun>(StreamIdFor(id), ct);
        return run is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Re-score not found", detail: $"No re-score {id} for this customer.")
            : Results.Ok(RescoreStatus.Of(run));
    }

    private static DateTimeOffset? Parse(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)) return parsed;
        errors[name] = [$"{name} must be an ISO 8601 date or date-time, e.g. 2026-11-23T10:00:00Z."];
        return null;
    }
}

public static class RescoreBatchHandler
{
    public static async Task<OutgoingMessages> Handle(RescoreBatch batch, IDocumentSession session, IOptions<Scoring.AutomationSettings> configured,
        TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var run = await session.Events.FetchForWriting<RescoreRun>(RescoreEndpoints.StreamIdFor(batch.RescoreId), ct);
        // A redelivered batch that already committed changes nothing.
        if (run.Aggregate is null || run.Aggregate.CompletedBatches.Contains(batch.BatchNumber)) return outgoing;

        var now = clock.GetUtcNow();
        var profile = await session.LoadAsync<AutomationSettingsProfile>(AutomationSettingsProfile.StreamId, ct);
        var examined = 0;
        var changed = 0;
        var vendors = await session.Query<Learning.VendorProfile>().ToListAsync(ct);
        var calibration = (await session.LoadAsync<Learning.CustomerModel>(Learning.CustomerModel.StreamId, ct))?.Calibration()
            ?? Scoring.ConfidenceCalibration.Default;
        foreach (var id in batch.DocumentIds)
        {
            var stream = await session.Events.FetchForWriting<ProcessedDocument>(id, ct);
            if (stream.Aggregate is not { } document) continue;
            examined++;
            var settings = AutomationSettingsProfile.Effective(configured.Value, profile, document.Department);
            // Vendor memory as of now: what reviewers taught since the document was processed.
            var (fields, rules) = ((IReadOnlyList<ExtractedField>)document.Fields, (IReadOnlyList<RuleResult>)document.Validation);
            if (vendors.Count > 0 && RescoreDecider.Rescorable(document) && document.DocumentType is { } type
                && await session.LoadAsync<Storage.DocumentTextRecord>(id, ct) is { Text.IsEmpty: false } text
                && Learning.VendorMemory.Recognise(Learning.VendorMemory.Fingerprint(text.Text), vendors) is { } match)
            {
                var remembered = Learning.VendorMemory.Apply(text.Text, type, document.Fields, match, calibration);
                if (!remembered.Select(f => (f.Name, f.Value?.ToString())).ToHashSet().SetEquals(document.Fields.Select(f => (f.Name, f.Value?.ToString()))))
                {
                    var key = ProcessedDocument.DuplicateKeyOf(remembered);
                    var earlier = key is null ? Guid.Empty : await session.Query<ProcessedDocument>()
                        .Where(d => d.DuplicateKey == key && d.Id != id && d.ReceivedAt <= document.ReceivedAt)
                        .OrderBy(d => d.ReceivedAt).Select(d => d.Id).FirstOrDefaultAsync(ct);
                    var report = ValidationRules.Validate(type, remembered, document.LineItems, settings.AmountTolerance,
                        earlier == Guid.Empty ? null : new DuplicateCandidate(earlier));
                    (fields, rules) = (remembered, report.Rules);
                    stream.AppendOne(new DocumentFieldsRemembered(id, match.Profile.Id, match.MatchedBy, remembered, report.Rules, now));
                }
            }
            if (RescoreDecider.Decide(document, fields, rules, settings, batch.RescoreId, now) is not { } rescored) continue;
            changed++;
            stream.AppendOne(rescored);
            outgoing.Add(new DocumentDecisionRevised(id, rescored.PreviousDecision.ToString(), rescored.Decision.ToString(),
                rescored.Decision == Decision.NeedsReview ? nameof(DocumentStatus.NeedsReview) : nameof(DocumentStatus.Decided),
                rescored.Scores.Automation, rescored.SettingsVersion, batch.RescoreId, now));
        }
        run.AppendOne(new RescoreBatchCompleted(batch.RescoreId, batch.BatchNumber, examined, changed, now));
        return outgoing;
    }
}
