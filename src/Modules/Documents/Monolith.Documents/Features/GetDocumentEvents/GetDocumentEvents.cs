using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Monolith.Documents.Features.GetDocumentEvents;

public sealed record DocumentEventView(long Version, DateTimeOffset Time, string Type, object Data);

public static class GetDocumentEventsEndpoint
{
    /// <summary>The audit trail: every event of the document's stream, oldest first.</summary>
    [WolverineGet("/api/documents/{id}/events", OperationId = "GetDocumentEvents")]
    [Tags("Documents")]
    [ProducesResponseType<IReadOnlyList<DocumentEventView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return events.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found", detail: $"No document {id} for this customer.")
            : Results.Ok(events.Select(e => new DocumentEventView(e.Version, e.Timestamp, e.EventTypeName, e.Data)).ToList());
    }
}
