using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Builds, once per dependency name, the Polly pipeline every HTTP call to that dependency goes through:
/// total timeout → rate limiter → retry → circuit breaker → per-attempt timeout. One instance per name
/// means the token bucket and the circuit are shared by all clients of that dependency.
/// Timeouts, retry delays and the breaker run on the injected <see cref="TimeProvider"/> so tests can drive
/// them with a fake clock; the token bucket refills on wall-clock time (System.Threading.RateLimiting has no
/// TimeProvider hook, and its manual mode also measures elapsed real time).
/// </summary>
public sealed class ResiliencePipelineFactory(
    IOptions<ResilienceOptions> options,
    TimeProvider timeProvider,
    DependencyCircuitRegistry circuits,
    Func<double>? jitter = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Built>> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    /// <summary>Most per-host pipelines kept per dependency; beyond it they are dropped (their circuits start closed again).</summary>
    public const int MaxHostPipelines = 10_000;

    private readonly ConcurrentDictionary<(string, string), ResiliencePipeline<HttpResponseMessage>> _hostPipelines = new();

    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string dependencyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        return _pipelines.GetOrAdd(dependencyName, name => new Lazy<Built>(() => Build(name))).Value.Pipeline;
    }

    /// <summary>
    /// The pipeline for a request to <paramref name="host"/>: the dependency's own when its circuit is shared, else one per
    /// host (<see cref="DependencyResilienceOptions.CircuitPerHost"/>) that shares the dependency's rate limiter.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string dependencyName, string? host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        if (string.IsNullOrEmpty(host) || !options.Value.For(dependencyName).CircuitPerHost) return GetPipeline(dependencyName);
        var limiter = _pipelines.GetOrAdd(dependencyName, name => new Lazy<Built>(() => Build(name))).Value.Limiter;
        if (_hostPipelines.Count >= MaxHostPipelines) _hostPipelines.Clear();
        return _hostPipelines.GetOrAdd((dependencyName, host.ToLowerInvariant()),
            key => Build(key.Item1, limiter, new CircuitBreakerStateProvider()).Pipeline);
    }

    private Built Build(string name)
    {
        var settings = options.Value.For(name);
        var circuit = new CircuitBreakerStateProvider();
        var built = Build(name, CreateLimiter(settings.RateLimit), circuit);
        circuits.Register(name, circuit);
        return built;
    }

    private Built Build(string name, TokenBucketRateLimiter limiter, CircuitBreakerStateProvider circuit)
    {
        var settings = options.Value.For(name);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = name, TimeProvider = timeProvider }
            .AddTimeout(TimeSpan.FromSeconds(settings.TotalTimeoutSeconds))
            .AddRateLimiter(limiter);
        if (settings.MaxRetryAttempts > 0) builder.AddRetry(RetryOptions(settings));
        var pipeline = builder
            .AddCircuitBreaker(CircuitBreakerOptions(settings.CircuitBreaker, circuit))
            .AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds))
            .Build();
        return new Built(pipeline, limiter);
    }

    /// <summary>Refills <c>PermitsPerSecond</c> every second up to <c>Burst</c>; beyond <c>QueueLimit</c> waiting calls are rejected.</summary>
    private static TokenBucketRateLimiter CreateLimiter(RateLimitSettings rate) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = rate.Burst,
        TokensPerPeriod = rate.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = rate.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private RetryStrategyOptions<HttpResponseMessage> RetryOptions(DependencyResilienceOptions settings) => new()
    {
        MaxRetryAttempts = settings.MaxRetryAttempts,
        ShouldHandle = args => ValueTask.FromResult(TransientFailure.Is(args.Outcome)),
        DelayGenerator = args =>
        {
            var retryAfter = RetryAfter.Parse(args.Outcome.Result, timeProvider.GetUtcNow());
            return ValueTask.FromResult<TimeSpan?>(BackoffDelay.Compute(args.AttemptNumber, settings, retryAfter, _jitter));
        },
    };

    private static CircuitBreakerStrategyOptions<HttpResponseMessage> CircuitBreakerOptions(
        CircuitBreakerSettings settings, CircuitBreakerStateProvider stateProvider) => new()
    {
        FailureRatio = settings.FailureRatio,
        MinimumThroughput = settings.MinimumThroughput,
        SamplingDuration = TimeSpan.FromSeconds(settings.SamplingDurationSeconds),
        BreakDuration = TimeSpan.FromSeconds(settings.BreakDurationSeconds),
        ShouldHandle = args => ValueTask.FromResult(TransientFailure.Is(args.Outcome)),
        StateProvider = stateProvider,
    };

    public void Dispose()
    {
        foreach (var built in _pipelines.Values.Where(lazy => lazy.IsValueCreated).Select(lazy => lazy.Value))
            built.Limiter.Dispose();
        _pipelines.Clear();
    }

    private sealed record Built(ResiliencePipeline<HttpResponseMessage> Pipeline, TokenBucketRateLimiter Limiter);
}
