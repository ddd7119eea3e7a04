using Marten;

namespace Monolith.BuildingBlocks.CompanyAnalysis.Scanning;

/// <summary>The bounded wait behind <c>?wait=true</c>: polls the read model (25 ms doubling to 250 ms) until it is finished or the time is up.</summary>
public static class AnalysisWait
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

/// <summary>The domain filter of analysis lists: accepts a domain or a URL, compares with the canonical domain (lower case, punycode, no <c>www.</c>).</summary>
public static class AnalysisDomain
{
    public static string? Normalise(string? domainOrUrl) =>
        string.IsNullOrWhiteSpace(domainOrUrl) ? null
        : Web.CompanyUrl.TryParse(domainOrUrl, out var url, out _) ? url!.Domain
        : domainOrUrl.Trim().ToLowerInvariant();
}

/// <summary>One event of an analysis' audit trail as the API shows it.</summary>
public sealed record AnalysisEventView(long Version, DateTimeOffset Time, string Type, object Data);

/// <summary>The <c>/events</c> endpoints of analyses: every event of the stream, oldest first; 404 (for this customer) when there is none.</summary>
public static class AnalysisEvents
{
    public static async Task<Microsoft.AspNetCore.Http.IResult> ReadAsync(IQuerySession session, Guid id, string kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(id, token: ct).ConfigureAwait(false);
        return events.Count == 0
            ? Microsoft.AspNetCore.Http.Results.Problem(statusCode: 404, title: $"{kind} not found", detail: $"No {kind.ToLowerInvariant()} {id} for this customer.")
            : Microsoft.AspNetCore.Http.Results.Ok(events.Select(e => new AnalysisEventView(e.Version, e.Timestamp, e.EventTypeName, e.Data)).ToList());
    }
}

/// <summary>The <c>status</c> filter of analysis lists: empty = any; a name of <see cref="AnalysisStatus"/> (any case); anything else is a 400 naming <c>status</c>.</summary>
public static class AnalysisStatusFilter
{
    public static bool TryParse(string? status, out AnalysisStatus? wanted, out Dictionary<string, string[]> errors)
    {
        wanted = null;
        errors = [];
        if (string.IsNullOrWhiteSpace(status)) return true;
        if (Enum.TryParse<AnalysisStatus>(status, true, out var parsed) && !int.TryParse(status, out _))
        {
            wanted = parsed;
            return true;
        }
        errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<AnalysisStatus>())}."];
        return false;
    }
}
