using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Llm;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Testing.OpenAI;
using static Monolith.BuildingBlocks.Tests.Llm.LlmTestHost;

namespace Monolith.BuildingBlocks.Tests.Llm;

/// <summary>The gateway end to end over real HTTP against the chat stub: cache, single flight, resilience, repair, failures.</summary>
public sealed class LlmGatewayTests : IAsyncLifetime
{
    private OpenAIChatStub _stub = null!;

    public async Task InitializeAsync()
    {
        _stub = await OpenAIChatStub.StartAsync();
        _stub.Answers["answer"] = Good;
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private static LlmGateway Gateway(ServiceProvider provider) => provider.GetRequiredService<LlmGateway>();

    [Fact]
    public async Task sends_a_strict_json_schema_request_and_returns_the_answer_with_usage()
    {
        await using var provider = Build(_stub);

        var result = await Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.Equal(new Answer("ok", 3), result.Output);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("json_schema", request.ResponseFormat);
        Assert.Equal("answer", request.SchemaName);
        Assert.True(request.SchemaIsStrict);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(("system", "You answer."), request.Messages[0]);
        var usage = result.Usage;
        Assert.Equal(("openai", "gpt-4o-mini", "v1"), (usage.Provider, usage.Model, usage.PromptVersion));
        Assert.Equal((request.PromptTokens, 42, 1, false), (usage.InputTokens, usage.OutputTokens, usage.Calls, usage.CacheHit));
        Assert.True(usage.EstimatedCostUsd > 0);
    }

    [Fact]
    public async Task the_same_input_again_is_a_cache_hit_without_a_call()
    {
        await using var provider = Build(_stub);

        var first = await Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None);
        var second = await Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.Equal(1, _stub.ChatRequestCount);
        Assert.Equal(first.Output, second.Output);
        Assert.False(first.Usage.CacheHit);
        Assert.True(second.Usage.CacheHit);
        Assert.Equal((0, 0, 0, 0m), (second.Usage.Calls, second.Usage.InputTokens, second.Usage.OutputTokens, second.Usage.EstimatedCostUsd));
    }

    [Fact]
    public async Task ten_concurrent_identical_calls_send_one_request()
    {
        _stub.Latency = TimeSpan.FromMilliseconds(300);
        await using var provider = Build(_stub);
        var gateway = Gateway(provider);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => gateway.CompleteJsonAsync(Request(), CancellationToken.None))));

        Assert.Equal(1, _stub.ChatRequestCount);
        Assert.All(results, r => Assert.Equal(new Answer("ok", 3), r.Output));
        Assert.Single(results, r => !r.Usage.CacheHit);
        Assert.Equal(1, results.Sum(r => r.Usage.Calls));
    }

    [Fact]
    public async Task another_prompt_version_or_model_is_a_miss()
    {
        await using var provider = Build(_stub);
        var gateway = Gateway(provider);

        await gateway.CompleteJsonAsync(Request(version: "v1"), CancellationToken.None);
        var otherVersion = await gateway.CompleteJsonAsync(Request(version: "v2"), CancellationToken.None);
        var otherModel = await gateway.CompleteJsonAsync(Request(version: "v1") with { Model = "gpt-4o" }, CancellationToken.None);

        Assert.Equal(3, _stub.ChatRequestCount);
        Assert.False(otherVersion.Usage.CacheHit);
        Assert.False(otherModel.Usage.CacheHit);
        Assert.Equal("gpt-4o", otherModel.Usage.Model);
        Assert.Equal("gpt-4o", _stub.Requests.Last().Model);
    }

    [Fact]
    public async Task failures_are_not_cached()
    {
        await using var provider = Build(_stub);
        _stub.Faults.Enqueue(new ChatFault.Status(400, Type: "invalid_request_error", Message: "Bad schema."));

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));
        var retried = await Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.Contains("HTTP 400", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("Bad schema.", failure.Reason, StringComparison.Ordinal);
        Assert.False(retried.Usage.CacheHit);
        Assert.Equal(2, _stub.ChatRequestCount);
    }

    [Fact]
    public async Task a_429_is_retried_after_retry_after_capped_by_the_options()
    {
        // Retry-After asks for 30 s; Resilience:Dependencies:Llm:MaxDelaySeconds = 1 caps the wait.
        await using var provider = Build(_stub);
        _stub.Faults.Enqueue(new ChatFault.Status(429, RetryAfter: "30", Type: "requests", ErrorCode: "rate_limit_exceeded"));

        var stopwatch = Stopwatch.StartNew();
        var result = await Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.Equal(new Answer("ok", 3), result.Output);
        Assert.Equal([429, 200], _stub.Requests.Select(r => r.StatusCode));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(15));
        Assert.Equal(1, result.Usage.Calls);
    }

    [Fact]
    public async Task a_5xx_storm_opens_the_circuit_and_the_next_step_fails_fast_with_the_reason()
    {
        await using var provider = Build(_stub, new()
        {
            ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "1",
            ["Resilience:Dependencies:Llm:CircuitBreaker:MinimumThroughput"] = "2",
            ["Resilience:Dependencies:Llm:CircuitBreaker:FailureRatio"] = "0.5",
        });
        _stub.Always = new ChatFault.Status(503, Message: "The server is overloaded.");

        var first = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request("a"), CancellationToken.None));
        var sent = _stub.ChatRequestCount;
        var stopwatch = Stopwatch.StartNew();
        var second = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request("b"), CancellationToken.None));

        Assert.Contains("HTTP 503", first.Reason, StringComparison.Ordinal);
        Assert.Contains("after retries", first.Reason, StringComparison.Ordinal);
        Assert.Equal(2, sent);
        Assert.Contains("circuit is open", second.Reason, StringComparison.Ordinal);
        Assert.Equal(sent, _stub.ChatRequestCount);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task a_slow_provider_times_out_with_the_reason()
    {
        await using var provider = Build(_stub, new()
        {
            ["Resilience:Dependencies:Llm:TimeoutSeconds"] = "1",
            ["Resilience:Dependencies:Llm:TotalTimeoutSeconds"] = "2",
            ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "0",
        });
        _stub.Always = new ChatFault.Slow(TimeSpan.FromSeconds(20));

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));

        Assert.Contains("timed out", failure.Reason, StringComparison.Ordinal);
        Assert.StartsWith("test-step:", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task invalid_json_gets_one_repair_attempt_that_succeeds()
    {
        await using var provider = Build(_stub);
        _stub.Faults.Enqueue(new ChatFault.InvalidJsonContent());

        var result = await Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.Equal(new Answer("ok", 3), result.Output);
        Assert.Equal(2, result.Usage.Calls);
        var repair = _stub.Requests.Last().Messages;
        Assert.Equal(["system", "user", "assistant", "user"], repair.Select(m => m.Role));
        Assert.Contains("Here is the JSON", repair[2].Content, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", repair[3].Content, StringComparison.Ordinal);
        Assert.Equal(_stub.Requests.Sum(r => r.PromptTokens), result.Usage.InputTokens);
        Assert.Equal(84, result.Usage.OutputTokens);
    }

    [Fact]
    public async Task invalid_json_twice_fails_naming_the_problem()
    {
        await using var provider = Build(_stub);
        _stub.Always = new ChatFault.InvalidJsonContent();

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));

        Assert.Equal(2, _stub.ChatRequestCount);
        Assert.Contains("invalid JSON", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("after one repair attempt", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_answer_failing_the_validator_or_the_shape_is_repaired()
    {
        await using var provider = Build(_stub);
        _stub.Faults.Enqueue(new ChatFault.OtherContent("""{"name":"ok","count":12}"""));
        _stub.Faults.Enqueue(new ChatFault.OtherContent("""{"name":"ok"}"""));

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));
        var requests = _stub.Requests.ToArray();

        Assert.Contains("schema violation", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("count", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("count is 12; it must be 0 to 10", requests[1].Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_wrong_api_key_fails_with_401_and_the_key_never_appears()
    {
        const string wrongKey = "sk-wrong-TOPSECRET-1234567890";
        await using var provider = Build(_stub, new() { ["Llm:ApiKey"] = wrongKey });

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));

        Assert.Contains("HTTP 401 invalid_api_key", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("Llm:ApiKey", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_key_of_a_configured_gateway_never_appears_in_failures()
    {
        await using var provider = Build(_stub);
        _stub.Always = new ChatFault.Status(500, Message: $"Internal error for key {OpenAIChatStub.Key}.");

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));

        Assert.Contains("HTTP 500", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIChatStub.Key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_requests_per_minute_budget_makes_the_next_call_wait_for_the_clock()
    {
        var clock = new FakeTimeProvider();
        await using var provider = Build(_stub, new() { ["Llm:RequestsPerMinute"] = "1" }, services =>
            services.AddSingleton(sp => new LlmRateLimiter(sp.GetRequiredService<IOptions<LlmOptions>>(), clock)));
        var gateway = Gateway(provider);

        await gateway.CompleteJsonAsync(Request("first"), CancellationToken.None);
        var second = gateway.CompleteJsonAsync(Request("second"), CancellationToken.None);
        await Task.Delay(200);

        Assert.False(second.IsCompleted);
        Assert.Equal(1, _stub.ChatRequestCount);
        clock.Advance(TimeSpan.FromSeconds(61));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _stub.ChatRequestCount);
    }

    [Fact]
    public async Task a_budget_wait_longer_than_the_request_timeout_fails_at_once()
    {
        var clock = new FakeTimeProvider();
        await using var provider = Build(_stub, new() { ["Llm:RequestsPerMinute"] = "1" }, services =>
            services.AddSingleton(sp => new LlmRateLimiter(sp.GetRequiredService<IOptions<LlmOptions>>(), clock)));
        var gateway = Gateway(provider);

        await gateway.CompleteJsonAsync(Request("first"), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<LlmException>(() =>
            gateway.CompleteJsonAsync(Request("second") with { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None));

        Assert.Contains("Llm:RequestsPerMinute", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _stub.ChatRequestCount);
    }

    [Fact]
    public async Task a_body_that_is_no_chat_completion_fails_with_the_reason()
    {
        await using var provider = Build(_stub);
        _stub.Always = new ChatFault.MalformedCompletion();

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));

        Assert.Contains("not a valid chat completion", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_refusal_fails_with_the_models_words()
    {
        await using var provider = Build(_stub);
        _stub.Choices = _ => new System.Text.Json.Nodes.JsonArray
        {
            new System.Text.Json.Nodes.JsonObject
            {
                ["index"] = 0,
                ["message"] = new System.Text.Json.Nodes.JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = "I cannot help with that." },
                ["finish_reason"] = "stop",
            },
        };

        var failure = await Assert.ThrowsAsync<LlmException>(() => Gateway(provider).CompleteJsonAsync(Request(), CancellationToken.None));

        Assert.Equal("test-step: the model refused: I cannot help with that.", failure.Reason);
        Assert.Equal(1, _stub.ChatRequestCount);
    }

    [Fact]
    public async Task caller_cancellation_stays_a_cancellation()
    {
        await using var provider = Build(_stub);
        _stub.Always = new ChatFault.Slow(TimeSpan.FromSeconds(20));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Gateway(provider).CompleteJsonAsync(Request(), cts.Token));
    }
}
