using System.Net;
using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>The per-dependency pipeline against a fake clock: retry, Retry-After, circuit, token bucket, attempt timeout.</summary>
public sealed class ResiliencePipelineTests : IDisposable
{
    private const string Name = "Test";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DependencyCircuitRegistry _registry = new();
    private ResiliencePipelineFactory? _factory;

    private static DependencyResilienceOptions Settings() => new()
    {
        TimeoutSeconds = 1, TotalTimeoutSeconds = 60, MaxRetryAttempts = 2, BaseDelayMilliseconds = 100, MaxDelaySeconds = 10,
        CircuitBreaker = new() { FailureRatio = 0.5, MinimumThroughput = 100, SamplingDurationSeconds = 30, BreakDurationSeconds = 30 },
        RateLimit = new() { PermitsPerSecond = 100, Burst = 100, QueueLimit = 0 },
    };

    private ResiliencePipeline<HttpResponseMessage> Pipeline(DependencyResilienceOptions settings)
    {
        var options = new ResilienceOptions();
        options.Dependencies[Name] = settings;
        _factory = new ResiliencePipelineFactory(MsOptions.Create(options), _time, _registry, jitter: () => 0.0);
        return _factory.GetPipeline(Name);
    }

    private static HttpResponseMessage Status(HttpStatusCode status, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    [Fact]
    public async Task a_503_is_retried_then_succeeds()
    {
        var pipeline = Pipeline(Settings());
        var attempts = 0;
        var call = pipeline.ExecuteAsync(_ => ValueTask.FromResult(
            ++attempts == 1 ? Status(HttpStatusCode.ServiceUnavailable) : Status(HttpStatusCode.OK))).AsTask();

        using var response = await _time.AdvanceUntilDone(call, Step, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task a_non_transient_status_is_not_retried()
    {
        var pipeline = Pipeline(Settings());
        var attempts = 0;
        using var response = await pipeline.ExecuteAsync(_ => { attempts++; return ValueTask.FromResult(Status(HttpStatusCode.NotFound)); });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task retry_waits_for_the_servers_retry_after()
    {
        var pipeline = Pipeline(Settings());
        var attemptTimes = new List<DateTimeOffset>();
        var call = pipeline.ExecuteAsync(_ =>
        {
            attemptTimes.Add(_time.GetUtcNow());
            return ValueTask.FromResult(attemptTimes.Count == 1
                ? Status(HttpStatusCode.TooManyRequests, retryAfter: "5")
                : Status(HttpStatusCode.OK));
        }).AsTask();

        using var response = await _time.AdvanceUntilDone(call, Step, TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var waited = attemptTimes[1] - attemptTimes[0];
        Assert.InRange(waited, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) + 3 * Step);
    }

    [Fact]
    public async Task circuit_opens_after_the_configured_failures_and_the_registry_reports_it()
    {
        var settings = Settings();
        settings.MaxRetryAttempts = 0;
        settings.CircuitBreaker.MinimumThroughput = 2;
        var pipeline = Pipeline(settings);
        Assert.Equal("Closed", _registry.Snapshot()[Name]);

        var calls = 0;
        for (var i = 0; i < 2; i++)
        {
            using var failed = await pipeline.ExecuteAsync(_ => { calls++; return ValueTask.FromResult(Status(HttpStatusCode.InternalServerError)); });
        }

        Assert.Equal("Open", _registry.Snapshot()[Name]);
        await Assert.ThrowsAsync<BrokenCircuitException>(async () =>
            await pipeline.ExecuteAsync(_ => { calls++; return ValueTask.FromResult(Status(HttpStatusCode.OK)); }));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task token_bucket_rejects_beyond_burst_when_nothing_may_queue()
    {
        var settings = Settings();
        settings.RateLimit = new() { PermitsPerSecond = 1, Burst = 2, QueueLimit = 0 };
        var pipeline = Pipeline(settings);
        var calls = 0;
        ValueTask<HttpResponseMessage> Ok(CancellationToken _) { calls++; return ValueTask.FromResult(Status(HttpStatusCode.OK)); }

        (await pipeline.ExecuteAsync(Ok)).Dispose();
        (await pipeline.ExecuteAsync(Ok)).Dispose();
        var rejected = await Assert.ThrowsAsync<RateLimiterRejectedException>(async () => await pipeline.ExecuteAsync(Ok));
        Assert.Equal(2, calls);
        Assert.NotNull(rejected.RetryAfter);
    }

    [Fact]
    public async Task a_per_attempt_timeout_triggers_a_retry()
    {
        var pipeline = Pipeline(Settings());
        var attempts = 0;
        var firstAttemptCancelled = false;
        var call = pipeline.ExecuteAsync(async token =>
        {
            if (++attempts == 1)
            {
                try { await Task.Delay(Timeout.Infinite, token); }
                catch (OperationCanceledException) { firstAttemptCancelled = true; throw; }
            }
            return Status(HttpStatusCode.OK);
        }).AsTask();

        using var response = await _time.AdvanceUntilDone(call, Step, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts);
        Assert.True(firstAttemptCancelled);
    }

    [Fact]
    public async Task total_timeout_stops_retrying()
    {
        var settings = Settings();
        settings.TotalTimeoutSeconds = 3;
        settings.MaxRetryAttempts = 10;
        var pipeline = Pipeline(settings);
        var call = pipeline.ExecuteAsync(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Status(HttpStatusCode.OK);
        }).AsTask();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => _time.AdvanceUntilDone(call, Step, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void pipelines_are_shared_per_dependency_name()
    {
        var pipeline = Pipeline(Settings());
        Assert.Same(pipeline, _factory!.GetPipeline(Name.ToUpperInvariant()));
    }

    public void Dispose() => _factory?.Dispose();
}
