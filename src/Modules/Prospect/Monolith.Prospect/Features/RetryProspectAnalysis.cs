using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Events;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Processing;
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
    public static Task<IResult> Post(Guid id, HttpContext http, IDocumentStore store, IMartenOutbox outbox, TimeProvider clock, CancellationToken ct) =>
        StreamCommands.AppendAndSendAsync<ProspectAnalysis>(http, store, outbox, id,
            a => RetryDecider.ForEndpoint(a, ProspectSteps.Plan, clock.GetUtcNow(), $"/api/prospect-analyses/{id}"),
            new AdvanceProspectAnalysis(id), "Prospect analysis", RetryDecider.RefusedTitle, $"/api/prospect-analyses/{id}", ct);
}
