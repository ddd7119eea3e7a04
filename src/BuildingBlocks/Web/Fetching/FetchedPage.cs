namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// The outcome of one fetch, success or not (the fetcher never throws for remote failures).
/// <see cref="Status"/> is the final HTTP status, 0 when no response arrived; <see cref="Error"/> is a stable code
/// with detail (<c>blocked-address: …</c>, <c>too-many-redirects</c>, <c>unsupported-scheme</c>, <c>timeout</c>,
/// <c>circuit-open</c>, <c>rate-limited</c>, <c>connection-failed: …</c>, <c>invalid-redirect</c>) or null when an HTTP
/// response was read. <see cref="Text"/> is the decoded body of textual content types (empty otherwise);
/// <see cref="Bytes"/> and <see cref="ContentHash"/> (SHA-256 hex) cover the body bytes kept, at most
/// <c>WebFetch:MaxResponseBytes</c>; <see cref="Truncated"/> says the body was longer.
/// </summary>
public sealed record FetchedPage(
    Uri RequestedUrl,
    Uri FinalUrl,
    int Status,
    string? ContentType,
    string? Charset,
    string Text,
    long Bytes,
    string ContentHash,
    DateTimeOffset FetchedAt,
    TimeSpan Duration,
    string? Error,
    bool Truncated = false,
    int Redirects = 0)
{
    /// <summary>A 2xx response was read.</summary>
    public bool IsSuccess => Error is null && Status is >= 200 and < 300;
}
