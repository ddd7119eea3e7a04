using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.CompanyAnalysis.Scanning;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.Prospect.Processing;
using Wolverine;
using Wolverine.Marten;

namespace Monolith.Prospect.Features;

public static class RetryProspectAnalysisEndpoint
{
    /// <summary>Resumes a Failed or Partial analysis from its failed steps; the steps that succeeded are not redone. 409 otherwise.</summary>
    [Wolverine.Http.WolverinePost("/api/prospect-analyses/{id}/retry", OperationId = "RetryProspectAnalysis")]
    [Tags("Prospect")]
    [ProducesResponseType<AnalysisRetryAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Post(Guid id, HttpContext http, IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        await using var session = store.LightweightSession(tenant);
        var stream = await session.Events.FetchForWriting<ProspectAnalysis>(id, ct);
        if (stream.Aggregate is not { } analysis)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Prospect analysis not found", detail: $"No prospect analysis {id} for this customer.");
        var (retried, problem) = RetryDecider.Decide(analysis.Status, ProspectSteps.Plan, analysis.Steps, id, clock.GetUtcNow());
        if (retried is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The analysis cannot be retried", detail: problem);
        outbox.Enroll(session);
        stream.AppendOne(retried);
        await outbox.PublishAsync(new AdvanceProspectAnalysis(id), new DeliveryOptions { TenantId = tenant });
        await session.SaveChangesAsync(ct);
        var location = $"/api/prospect-analyses/{id}";
        return Results.Accepted(location, new AnalysisRetryAccepted(id, retried.Steps, location));
    }
}
