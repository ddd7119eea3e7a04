using Marten;
using Microsoft.AspNetCore.Http;
using Monolith.BuildingBlocks.Tenancy;
using Wolverine;
using Wolverine.Marten;

namespace Monolith.BuildingBlocks.CompanyAnalysis.Scanning;

/// <summary>What the retry of a step-planned analysis needs from its read model.</summary>
public interface IStepAnalysis
{
    AnalysisStatus Status { get; }
    Dictionary<string, StepState> Steps { get; }
}

/// <summary>
/// The <c>POST …/{id}/retry</c> endpoints: 404 for another customer's or an unknown id, 409 unless the analysis is Failed
/// or Partial, else <see cref="AnalysisRetried"/> appended and <paramref name="advance"/> sent in one transaction (202).
/// </summary>
public static class AnalysisRetry
{
    public static async Task<IResult> RetryAsync<T>(HttpContext http, IDocumentStore store, IMartenOutbox outbox, TimeProvider clock,
        Guid id, IReadOnlyList<StepDefinition> plan, object advance, string kind, string location, CancellationToken ct)
        where T : class, IStepAnalysis
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(advance);
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        await using var session = store.LightweightSession(tenant);
        var stream = await session.Events.FetchForWriting<T>(id, ct).ConfigureAwait(false);
        if (stream.Aggregate is not { } analysis)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{kind} not found", detail: $"No {kind.ToLowerInvariant()} {id} for this customer.");
        var (retried, problem) = RetryDecider.Decide(analysis.Status, plan, analysis.Steps, id, clock.GetUtcNow());
        if (retried is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The analysis cannot be retried", detail: problem);
        outbox.Enroll(session);
        stream.AppendOne(retried);
        await outbox.PublishAsync(advance, new DeliveryOptions { TenantId = tenant }).ConfigureAwait(false);
        await session.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Accepted(location, new AnalysisRetryAccepted(id, retried.Steps, location));
    }
}
