using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.CompanyAnalysis.Scanning;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.Supplier.Processing;
using Wolverine;
using Wolverine.Marten;

namespace Monolith.Supplier.Features.RetrySupplierAnalysis;

public static class RetrySupplierAnalysisEndpoint
{
    /// <summary>Resumes a Failed or Partial analysis from its failed steps; the steps that succeeded are not redone. 409 otherwise.</summary>
    [Wolverine.Http.WolverinePost("/api/supplier-analyses/{id}/retry", OperationId = "RetrySupplierAnalysis")]
    [Tags("Supplier")]
    [ProducesResponseType<AnalysisRetryAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Post(Guid id, HttpContext http, IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        await using var session = store.LightweightSession(tenant);
        var stream = await session.Events.FetchForWriting<SupplierAnalysis>(id, ct);
        if (stream.Aggregate is not { } analysis)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Supplier analysis not found", detail: $"No supplier analysis {id} for this customer.");
        var (retried, problem) = RetryDecider.Decide(analysis.Status, SupplierSteps.Plan, analysis.Steps, id, clock.GetUtcNow());
        if (retried is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The analysis cannot be retried", detail: problem);
        outbox.Enroll(session);
        stream.AppendOne(retried);
        await outbox.PublishAsync(new AdvanceSupplierAnalysis(id), new DeliveryOptions { TenantId = tenant });
        await session.SaveChangesAsync(ct);
        var location = $"/api/supplier-analyses/{id}";
        return Results.Accepted(location, new AnalysisRetryAccepted(id, retried.Steps, location));
    }
}
