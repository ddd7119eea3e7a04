using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Inbound;
using Monolith.Prospect.Processing;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Prospect.Features;

public sealed record BulkProspect(string? Url, string? Country);

/// <summary>Up to <c>Prospect:BulkMaxProspects</c> prospects scored against one supplier analysis.</summary>
public sealed record RequestBulkProspectAnalyses(Guid? SupplierAnalysisId, IReadOnlyList<BulkProspect?>? Prospects);

public sealed record BulkItem(Guid AnalysisId, string Url, string Country);

/// <summary>A bulk scan was accepted: its prospects' analysis ids, in request order. The stream's first event.</summary>
public sealed record ProspectBatchStarted(Guid BatchId, Guid SupplierAnalysisId, IReadOnlyList<BulkItem> Items, DateTimeOffset At);

/// <summary>The batch's own snapshot: what was asked (progress is counted from the prospect analyses themselves).</summary>
public sealed class ProspectBatch : IRevisioned
{
    public Guid Id { get; set; }
    public Guid SupplierAnalysisId { get; set; }
    public List<BulkItem> Items { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
    public int Version { get; set; }

    public static ProspectBatch Create(ProspectBatchStarted e) =>
        new() { Id = e.BatchId, SupplierAnalysisId = e.SupplierAnalysisId, Items = [.. e.Items], StartedAt = e.At };
}

public sealed record BulkAccepted(Guid BatchId, int Accepted, IReadOnlyList<BulkItem> Items, string Location);

public sealed record BatchProgress(Guid BatchId, Guid SupplierAnalysisId, int Total, int Finished, int Completed, int Partial, int Failed,
    int Running, int Queued, bool Done, decimal? ExpectedOpportunity, string? Currency, DateTimeOffset StartedAt, DateTimeOffset? LastFinishedAt);

public static class BulkProspectAnalysesEndpoints
{
    public static ProblemDetails Validate(RequestBulkProspectAnalyses command, IOptions<ProspectOptions> options, HostExemptions exemptions)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.SupplierAnalysisId is null || command.SupplierAnalysisId == Guid.Empty)
            errors["supplierAnalysisId"] = ["supplierAnalysisId is required: the id of a finished supplier analysis."];
        var max = options.Value.BulkMaxProspects;
        if (command.Prospects is not { Count: > 0 } prospects) errors["prospects"] = [$"prospects must list 1 to {max} prospects."];
        else if (prospects.Count > max) errors["prospects"] = [$"prospects lists {prospects.Count} prospects; at most {max} are allowed per request (Prospect:BulkMaxProspects)."];
        else
        {
            for (var i = 0; i < prospects.Count; i++)
            {
                if (prospects[i] is not { } p) { errors[$"prospects[{i}]"] = ["must be an object with url and country."]; continue; }
                ProspectRequestDecider.Validate(p.Url, p.Country, $"prospects[{i}].", errors, exemptions);
            }
        }
        return errors.Count == 0 ? WolverineContinue.NoProblems
            : new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "The bulk prospect request is invalid" };
    }

    /// <summary>
    /// Accepts every prospect in one transaction (all or none: a bad item is a 400 naming it) and queues them; they run
    /// with bounded parallelism (<c>Prospect:BulkConcurrency</c>). Progress at <c>GET /api/prospect-analyses/bulk/{batchId}</c>.
    /// </summary>
    [WolverinePost("/api/prospect-analyses/bulk", OperationId = "RequestBulkProspectAnalyses")]
    [Tags("Prospect")]
    [ProducesResponseType<BulkAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Post(RequestBulkProspectAnalyses command, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
        HostExemptions exemptions, TimeProvider clock, CancellationToken ct)
    {
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        var supplierId = command.SupplierAnalysisId!.Value;
        var batchId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(tenant);
        var supplier = await session.LoadAsync<SupplierReference>(supplierId, ct);
        if (ProspectRequestDecider.CheckSupplier(supplierId, supplier) is { } problem) return ProspectRequestDecider.Problem(problem);

        outbox.Enroll(session);
        var delivery = new DeliveryOptions { TenantId = tenant };
        var items = new List<BulkItem>();
        foreach (var p in command.Prospects!)
        {
            var valid = ProspectRequestDecider.Validate(p!.Url, p.Country, "", [], exemptions)!;
            var started = ProspectRequestDecider.Start(Guid.CreateVersion7(), valid, supplier!, batchId, now);
            session.Events.StartStream<ProspectAnalysis>(started.AnalysisId, started);
            items.Add(new BulkItem(started.AnalysisId, started.Url, started.Country));
            await outbox.PublishAsync(new AdvanceProspectAnalysis(started.AnalysisId), delivery);
            await outbox.PublishAsync(ProspectRequestDecider.Published(started), delivery);
        }
        session.Events.StartStream<ProspectBatch>(batchId, new ProspectBatchStarted(batchId, supplierId, items, now));
        await session.SaveChangesAsync(ct);
        var location = $"/api/prospect-analyses/bulk/{batchId}";
        return Results.Accepted(location, new BulkAccepted(batchId, items.Count, items, location));
    }

}

/// <summary>Reading a bulk scan (its own class: the POST's <c>Validate</c> applies to every endpoint of its class).</summary>
public static class BulkProspectProgressEndpoint
{
    /// <summary>Progress of a bulk scan: how many of its prospects are queued, running, finished (and how), and the expected opportunity so far.</summary>
    [WolverineGet("/api/prospect-analyses/bulk/{batchId}", OperationId = "GetBulkProspectProgress")]
    [Tags("Prospect")]
    [ProducesResponseType<BatchProgress>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Progress(Guid batchId, IQuerySession session, CancellationToken ct)
    {
        var batch = await session.LoadAsync<ProspectBatch>(batchId, ct);
        if (batch is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Batch not found", detail: $"No bulk prospect scan {batchId} for this customer.");
        var rows = (await session.Query<ProspectAnalysis>().Where(a => a.BatchId == batchId).ToListAsync(ct))
            .Select(a => new { a.Status, a.FinishedAt, Expected = a.Opportunity?.Expected, a.Opportunity?.Currency }).ToList();
        int Count(AnalysisStatus s) => rows.Count(r => r.Status == s);
        var finished = Count(AnalysisStatus.Completed) + Count(AnalysisStatus.Partial) + Count(AnalysisStatus.Failed);
        var currencies = rows.Where(r => r.Currency is not null).Select(r => r.Currency).Distinct().ToList();
        return Results.Ok(new BatchProgress(batchId, batch.SupplierAnalysisId, batch.Items.Count, finished, Count(AnalysisStatus.Completed),
            Count(AnalysisStatus.Partial), Count(AnalysisStatus.Failed), Count(AnalysisStatus.Running), Count(AnalysisStatus.Requested),
            finished == batch.Items.Count, currencies.Count == 1 ? rows.Sum(r => r.Expected ?? 0) : null, currencies.Count == 1 ? currencies[0] : null,
            batch.StartedAt, rows.Max(r => r.FinishedAt)));
    }
}
