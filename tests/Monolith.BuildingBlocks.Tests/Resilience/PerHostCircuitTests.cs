using System.Net;
using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Resilience;
using Polly.CircuitBreaker;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>Company websites are many independent servers: one dead site must not open the circuit for the others.</summary>
public sealed class PerHostCircuitTests : IDisposable
{
    private readonly ResiliencePipelineFactory _factory;

    public PerHostCircuitTests()
    {
        var options = new ResilienceOptions();
        options.Dependencies["Sites"] = new DependencyResilienceOptions
        {
            TimeoutSeconds = 5, TotalTimeoutSeconds = 10, MaxRetryAttempts = 0, CircuitPerHost = true,
            CircuitBreaker = new() { FailureRatio = 0.5, MinimumThroughput = 2, SamplingDurationSeconds = 30, BreakDurationSeconds = 30 },
            RateLimit = new() { PermitsPerSecond = 100, Burst = 100, QueueLimit = 0 },
        };
        options.Dependencies["Shared"] = new DependencyResilienceOptions { MaxRetryAttempts = 0 };
        _factory = new ResiliencePipelineFactory(MsOptions.Create(options), new FakeTimeProvider(), new DependencyCircuitRegistry());
    }

    [Fact]
    public void each_host_gets_its_own_pipeline_only_when_configured()
    {
        Assert.Same(_factory.GetPipeline("Sites", "a.example"), _factory.GetPipeline("Sites", "A.example"));
        Assert.NotSame(_factory.GetPipeline("Sites", "a.example"), _factory.GetPipeline("Sites", "b.example"));
        Assert.Same(_factory.GetPipeline("Shared"), _factory.GetPipeline("Shared", "a.example"));
    }

    [Fact]
    public async Task a_failing_host_opens_its_own_circuit_and_not_the_others()
    {
        var dead = _factory.GetPipeline("Sites", "dead.example");
        for (var i = 0; i < 3; i++)
        {
            try { using var _ = await dead.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable))); }
            catch (BrokenCircuitException) { }
        }
        await Assert.ThrowsAsync<BrokenCircuitException>(async () =>
            await dead.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK))));

        using var alive = await _factory.GetPipeline("Sites", "alive.example").ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
