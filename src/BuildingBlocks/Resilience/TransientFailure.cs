using System.Net;
using Polly;
using Polly.Timeout;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// The one definition of "worth retrying / counts against the circuit": 408, 429, any 5xx,
/// <see cref="HttpRequestException"/> (connection failures) and a per-attempt <see cref="TimeoutRejectedException"/>.
/// Retry and circuit breaker share it so they never disagree. A connection refused by the fetcher's address policy
/// (<see cref="Web.Fetching.BlockedAddressException"/>) is not transient: it is our decision, not the remote's failure.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException { InnerException: Web.Fetching.BlockedAddressException } => false,
        HttpRequestException or TimeoutRejectedException => true,
        null => outcome.Result is { } response && Is(response.StatusCode),
        _ => false,
    };

    public static bool Is(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
