using Marten;

namespace Monolith.BuildingBlocks.Events;

/// <summary>The bounded wait behind <c>?wait=true</c>: polls the read model (25 ms doubling to 250 ms) until it is finished or the time is up.</summary>
public static class ReadModelWait
{
    public static async Task<T?> ForAsync<T>(IDocumentStore store, string tenant, Guid id, Func<T, bool> finished, TimeSpan timeout, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(finished);
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            await using (var query = store.QuerySession(tenant))
            {
                var current = await query.LoadAsync<T>(id, ct).ConfigureAwait(false);
                if (current is null || finished(current) || DateTime.UtcNow >= deadline) return current;
            }
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}

/// <summary>One event of a stream's audit trail as the API shows it.</summary>
public sealed record StreamEventView(long Version, DateTimeOffset Time, string Type, object Data);

/// <summary>The <c>/events</c> endpoints of streams (analyses, documents): every event of the stream, oldest first; 404 (for this customer) when there is none.</summary>
public static class StreamEvents
{
    public static async Task<Microsoft.AspNetCore.Http.IResult> ReadAsync(IQuerySession session, Guid id, string kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(id, token: ct).ConfigureAwait(false);
        return events.Count == 0
            ? Microsoft.AspNetCore.Http.Results.Problem(statusCode: 404, title: $"{kind} not found", detail: $"No {kind.ToLowerInvariant()} {id} for this customer.")
            : Microsoft.AspNetCore.Http.Results.Ok(events.Select(e => new StreamEventView(e.Version, e.Timestamp, e.EventTypeName, e.Data)).ToList());
    }
}
