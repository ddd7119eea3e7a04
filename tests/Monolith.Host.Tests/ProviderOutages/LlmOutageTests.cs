using Monolith.Testing.OpenAI;
using Xunit.Abstractions;

namespace Monolith.Host.Tests.ProviderOutages;

/// <summary>3 attempts per call; the circuit opens after 6 failed attempts (ratio 0.5) and stays open 2 s.</summary>
public sealed class LlmStormFixture : OutageFixture
{
    public override OutageSettings LlmSettings => new(Retries: 2, TimeoutSeconds: 2, MinimumThroughput: 6, BreakSeconds: 2);
}

public class when_the_llm_provider_answers_a_5xx_storm(LlmStormFixture app, ITestOutputHelper output) : IClassFixture<LlmStormFixture>
{
    [Fact]
    public async Task calls_are_retried_as_configured_the_circuit_opens_and_everything_recovers_when_the_provider_does()
    {
        var settings = app.LlmSettings;
        app.Llm.Always = new ChatFault.Status(503, Type: "server_error", Message: "The server is overloaded.");

        // Each analysis makes one LLM call (the profile; its dependents are skipped): attempts = retries + 1 until the circuit opens.
        var first = await app.AnalyseAsync();
        Assert.Equal(settings.Attempts, app.Llm.ChatRequestCount);
        Assert.Equal("Failed", first.GetProperty("status").GetString());
        var reason = OutageFixture.Step(first, "profile").GetProperty("error").GetString();
        Assert.Contains("HTTP 503", reason, StringComparison.Ordinal);
        Assert.Contains("after retries", reason, StringComparison.Ordinal);
        Assert.Contains("analysis_step_failed", await app.EventTypesAsync(first.GetProperty("id").GetGuid()));

        var second = await app.AnalyseAsync();
        Assert.Equal(settings.MinimumThroughput, app.Llm.ChatRequestCount);   // the 6th failed attempt opened the circuit
        Assert.Equal("Failed", second.GetProperty("status").GetString());
        var health = await app.ReadinessAsync();
        Assert.Equal(200, health.Status);                                      // degraded, not unready
        Assert.Equal("Degraded", health.Overall);
        Assert.Equal("Open", health.Circuits["Llm"]);

        // While open, calls fail fast without reaching the provider, with a reason saying so.
        var opened = DateTimeOffset.UtcNow;
        var third = await app.AnalyseAsync();
        Assert.Equal(settings.MinimumThroughput, app.Llm.ChatRequestCount);
        Assert.Contains("circuit is open", OutageFixture.Step(third, "profile").GetProperty("error").GetString(), StringComparison.Ordinal);

        // The provider recovers; after the break duration a trial call closes the circuit.
        app.Llm.Always = null;
        await Task.Delay(TimeSpan.FromSeconds(settings.BreakSeconds) - (DateTimeOffset.UtcNow - opened) + TimeSpan.FromMilliseconds(200));
        var fresh = await app.AnalyseAsync();
        Assert.Equal("Completed", fresh.GetProperty("status").GetString());
        Assert.Equal("Closed", (await app.ReadinessAsync()).Circuits["Llm"]);

        // Failed items are retried to completion.
        foreach (var failed in new[] { first, second, third })
        {
            var id = failed.GetProperty("id").GetGuid();
            await app.RetryAsync(id);
            var done = await app.FinishedAsync(id, retries: 1);
            Assert.Equal("Completed", done.GetProperty("status").GetString());
        }
        output.WriteLine($"attempts: storm {settings.Attempts} + {settings.MinimumThroughput - settings.Attempts}, open 0; " +
                         $"recovered {(DateTimeOffset.UtcNow - opened).TotalSeconds:0.0} s after the circuit opened");
    }
}

/// <summary>3 attempts per call of at most 1 s each; Retry-After capped at 2 s; the circuit never opens (throughput 100).</summary>
public sealed class LlmSlowFixture : OutageFixture
{
    public override OutageSettings LlmSettings => new(Retries: 2, TimeoutSeconds: 1, MinimumThroughput: 100, BreakSeconds: 2, MaxDelaySeconds: 2);
}

public class when_the_llm_provider_is_rate_limited_or_slow(LlmSlowFixture app, ITestOutputHelper output) : IClassFixture<LlmSlowFixture>
{
    // One site per test: answers are cached once they succeed, failures never are.
    private const string Site429 = "nordlicht-logistik.test";

    private async Task<(FinishedAnalysis Result, IReadOnlyList<ChatStubRequest> Calls)> AnalyseDuring(string site, ChatFault fault)
    {
        var before = app.Llm.Requests.Count;
        app.Llm.Always = fault;
        try
        {
            var analysis = await app.AnalyseAsync(site);
            return (new FinishedAnalysis(analysis), app.Llm.Requests.Skip(before).ToList());
        }
        finally
        {
            app.Llm.Always = null;
        }
    }

    [Fact]
    public async Task a_429_storm_is_retried_after_the_retry_after_the_provider_asked_for_capped_as_configured()
    {
        var (asked, result) = await AnalyseDuring(Site429, new ChatFault.Status(429, RetryAfter: "1", Type: "requests", ErrorCode: "rate_limit_exceeded"));
        Assert.Equal(app.LlmSettings.Attempts, result.Count);
        var gaps = OutageFixture.Gaps(result.Select(r => r.At).ToList());
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retried after {gap.TotalMilliseconds:0} ms, Retry-After 1 s"));
        Assert.Contains("rate limited by the provider", OutageFixture.Step(asked.Analysis, "profile").GetProperty("error").GetString(), StringComparison.Ordinal);

        // A Retry-After beyond MaxDelaySeconds waits only the cap.
        var (_, capped) = await AnalyseDuring(Site429, new ChatFault.Status(429, RetryAfter: "30", Type: "requests", ErrorCode: "rate_limit_exceeded"));
        var cappedGaps = OutageFixture.Gaps(capped.Select(r => r.At).ToList());
        Assert.All(cappedGaps, gap => Assert.InRange(gap.TotalSeconds, app.LlmSettings.MaxDelaySeconds - 0.05, app.LlmSettings.MaxDelaySeconds + 1.5));
        output.WriteLine($"Retry-After 1 s: gaps {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}; " +
                         $"Retry-After 30 s (cap {app.LlmSettings.MaxDelaySeconds} s): gaps {string.Join(", ", cappedGaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}");

        var recovered = await app.AnalyseAsync(Site429);
        Assert.Equal("Completed", recovered.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("hang", "bakkerij-devries.test")]
    [InlineData("slow drip", "villa-serena-hotels.test")]
    public async Task a_hung_or_dripping_provider_is_cut_at_the_attempt_timeout_and_retried(string fault, string site)
    {
        var started = DateTimeOffset.UtcNow;
        var (failed, calls) = await AnalyseDuring(site, fault == "hang"
            ? new ChatFault.Slow(TimeSpan.FromMinutes(2))
            : new ChatFault.Drip(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100)));
        Assert.Equal(app.LlmSettings.Attempts, calls.Count);
        var gaps = OutageFixture.Gaps(calls.Select(r => r.At).ToList());
        Assert.All(gaps, gap => Assert.InRange(gap.TotalSeconds, app.LlmSettings.TimeoutSeconds - 0.05, app.LlmSettings.TimeoutSeconds + 1.5));
        Assert.Contains("timed out", OutageFixture.Step(failed.Analysis, "profile").GetProperty("error").GetString(), StringComparison.Ordinal);
        output.WriteLine($"{fault}: {calls.Count} attempts, gaps {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}, " +
                         $"analysis failed after {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");

        await app.RetryAsync(failed.Id);
        Assert.Equal("Completed", (await app.FinishedAsync(failed.Id, retries: 1)).GetProperty("status").GetString());
    }
}

/// <summary>A finished analysis and its id.</summary>
public sealed record FinishedAnalysis(System.Text.Json.JsonElement Analysis)
{
    public Guid Id => Analysis.GetProperty("id").GetGuid();
}
