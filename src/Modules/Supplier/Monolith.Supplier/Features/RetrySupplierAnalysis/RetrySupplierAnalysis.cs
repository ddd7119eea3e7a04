using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Events;
using Monolith.Companies.Contracts;
using Monolith.Supplier.Processing;
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
    public static Task<IResult> Post(Guid id, HttpContext http, IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, CancellationToken ct) =>
        StreamCommands.AppendAndSendAsync<SupplierAnalysis>(http, store, outbox, id,
            a => RetryDecider.ForEndpoint(a, SupplierSteps.Plan, clock.GetUtcNow(), $"/api/supplier-analyses/{id}"),
            new AdvanceSupplierAnalysis(id), "Supplier analysis", RetryDecider.RefusedTitle, $"/api/supplier-analyses/{id}", ct);
}
