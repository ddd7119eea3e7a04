using System.Net.Http.Headers;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Reads a server's <c>Retry-After</c> header (RFC 9110 §10.2.3) in either form: delta-seconds
/// (<c>Retry-After: 120</c>) or an HTTP-date. Pure (the clock is a parameter) so it is unit-testable.
/// </summary>
public static class RetryAfter
{
    /// <summary>The wait the server asked for; <see cref="TimeSpan.Zero"/> for a date already past; null when absent or malformed.</summary>
    public static TimeSpan? Parse(HttpResponseMessage? response, DateTimeOffset now) =>
        response is null ? null : Parse(response.Headers, now);

    /// <inheritdoc cref="Parse(HttpResponseMessage?, DateTimeOffset)"/>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (value?.Date is { } date) return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }
}
