using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Llm;

/// <summary>
/// The provider's per-minute budgets, enforced before a request is sent: two token buckets (requests and tokens) that
/// start full and refill continuously at <c>Llm:RequestsPerMinute</c> / <c>Llm:TokensPerMinute</c> per minute. A caller
/// waits (on <see cref="TimeProvider"/>, so tests can use a fake clock) until both have room; if that would take longer
/// than its own bound it is refused at once rather than after the wait.
/// </summary>
public sealed class LlmRateLimiter
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly double _requestCapacity;
    private readonly double _tokenCapacity;
    private double _requests;
    private double _tokens;
    private long _refilledAt;

    public LlmRateLimiter(IOptions<LlmOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _requestCapacity = _requests = options.Value.RequestsPerMinute;
        _tokenCapacity = _tokens = options.Value.TokensPerMinute;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>Takes one request and <paramref name="estimatedTokens"/> tokens (capped at the bucket size), waiting up to <paramref name="maxWait"/>.</summary>
    /// <exception cref="LlmRateLimitException">The budgets would not have room within <paramref name="maxWait"/>.</exception>
    public async ValueTask AcquireAsync(int estimatedTokens, TimeSpan maxWait, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var tokens = Math.Clamp(estimatedTokens, 0, _tokenCapacity);
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                Refill();
                if (_requests >= 1 && _tokens >= tokens)
                {
                    _requests -= 1;
                    _tokens -= tokens;
                    return;
                }
                var requestWait = _requests >= 1 ? 0 : (1 - _requests) * 60 / _requestCapacity;
                var tokenWait = _tokens >= tokens ? 0 : (tokens - _tokens) * 60 / _tokenCapacity;
                wait = TimeSpan.FromSeconds(Math.Max(requestWait, tokenWait)) + TimeSpan.FromMilliseconds(1);
            }
            if (_time.GetElapsedTime(started) + wait > maxWait)
                throw new LlmRateLimitException(
                    $"the per-minute request/token budget (Llm:RequestsPerMinute, Llm:TokensPerMinute) has no room within {maxWait.TotalSeconds:0.#} s");
            await Task.Delay(wait, _time, ct).ConfigureAwait(false);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var minutes = _time.GetElapsedTime(_refilledAt, now).TotalMinutes;
        _refilledAt = now;
        _requests = Math.Min(_requestCapacity, _requests + minutes * _requestCapacity);
        _tokens = Math.Min(_tokenCapacity, _tokens + minutes * _tokenCapacity);
    }
}

/// <summary>The local per-minute budget could not be met in time.</summary>
public sealed class LlmRateLimitException(string message) : Exception(message);
