using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Timeouts, retry, circuit breaker, rate limit and connection pooling for one outbound dependency
/// (<c>Resilience:Dependencies:{name}</c>). Property initialisers are the generic defaults;
/// <see cref="DefaultsFor"/> holds the tuned defaults of the well-known dependencies.
/// </summary>
public sealed class DependencyResilienceOptions : IValidatableObject
{
    /// <summary>Timeout of a single attempt.</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Timeout of the whole call including retries and their delays.</summary>
    [Range(1, 3_600)] public int TotalTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    [Range(0, 10)] public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Backoff of the first retry; it doubles each retry (with jitter).</summary>
    [Range(1, 60_000)] public int BaseDelayMilliseconds { get; set; } = 200;

    /// <summary>Cap for both the computed backoff and a server's Retry-After.</summary>
    [Range(1, 600)] public int MaxDelaySeconds { get; set; } = 10;

    /// <summary>How long a pooled connection lives before it is replaced (picks up DNS changes).</summary>
    [Range(1, 1_440)] public int PooledConnectionLifetimeMinutes { get; set; } = 5;

    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    /// <summary>
    /// One circuit (and retry budget) per remote host instead of one for the whole dependency: for dependencies that are
    /// many independent servers (company websites), so one dead site does not block the others. The rate limit stays
    /// shared; per-host circuits are not part of readiness (a website being down is not the service being down).
    /// </summary>
    public bool CircuitPerHost { get; set; }

    /// <summary>
    /// Read the whole response body inside the attempt, so the attempt timeout also cuts a server that sends headers and then
    /// trickles the body (slow drip), and such an attempt is retried. Off for dependencies whose callers stream the body with
    /// their own size limit (company websites).
    /// </summary>
    public bool BufferResponseWithinAttempt { get; set; } = true;

    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary>Tuned defaults for a well-known dependency, generic defaults for any other name.</summary>
    public static DependencyResilienceOptions DefaultsFor(string dependencyName) => dependencyName switch
    {
        Dependencies.WebFetch => new()
        {
            TimeoutSeconds = 10, TotalTimeoutSeconds = 30, MaxRetryAttempts = 2, BaseDelayMilliseconds = 200, MaxDelaySeconds = 10,
            CircuitPerHost = true,
            BufferResponseWithinAttempt = false,
            CircuitBreaker = new() { FailureRatio = 0.5, MinimumThroughput = 10, SamplingDurationSeconds = 30, BreakDurationSeconds = 30 },
            RateLimit = new() { PermitsPerSecond = 20, Burst = 40, QueueLimit = 20 },
        },
        // LLM completions are slow and providers answer 429 with long Retry-After values.
        Dependencies.Llm => new()
        {
            TimeoutSeconds = 120, TotalTimeoutSeconds = 300, MaxRetryAttempts = 3, BaseDelayMilliseconds = 1_000, MaxDelaySeconds = 60,
            CircuitBreaker = new() { FailureRatio = 0.5, MinimumThroughput = 5, SamplingDurationSeconds = 60, BreakDurationSeconds = 30 },
            RateLimit = new() { PermitsPerSecond = 5, Burst = 10, QueueLimit = 50 },
        },
        // Azure Document Intelligence allows 15 transactions per second by default.
        Dependencies.DocumentIntelligence => new()
        {
            TimeoutSeconds = 60, TotalTimeoutSeconds = 180, MaxRetryAttempts = 3, BaseDelayMilliseconds = 500, MaxDelaySeconds = 30,
            CircuitBreaker = new() { FailureRatio = 0.5, MinimumThroughput = 5, SamplingDurationSeconds = 60, BreakDurationSeconds = 30 },
            RateLimit = new() { PermitsPerSecond = 15, Burst = 30, QueueLimit = 30 },
        },
        _ => new(),
    };

    /// <summary>Cross-field rule: the total budget must at least fit one attempt.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeoutSeconds < TimeoutSeconds)
            yield return new ValidationResult(
                $"must be at least TimeoutSeconds ({TimeoutSeconds}).", [nameof(TotalTimeoutSeconds)]);
    }
}
