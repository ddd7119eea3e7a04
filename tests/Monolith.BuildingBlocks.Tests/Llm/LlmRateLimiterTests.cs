using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Llm;

namespace Monolith.BuildingBlocks.Tests.Llm;

public sealed class LlmRateLimiterTests
{
    private static LlmRateLimiter Limiter(FakeTimeProvider clock, int requestsPerMinute = 1_000, int tokensPerMinute = 100_000) =>
        new(Microsoft.Extensions.Options.Options.Create(new LlmOptions { RequestsPerMinute = requestsPerMinute, TokensPerMinute = tokensPerMinute }), clock);

    [Fact]
    public async Task requests_beyond_the_per_minute_budget_wait_until_it_refills()
    {
        var clock = new FakeTimeProvider();
        var limiter = Limiter(clock, requestsPerMinute: 2);

        await limiter.AcquireAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None);
        await limiter.AcquireAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None);
        var third = limiter.AcquireAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task tokens_beyond_the_per_minute_budget_wait_until_they_refill()
    {
        var clock = new FakeTimeProvider();
        var limiter = Limiter(clock, tokensPerMinute: 1_000);

        await limiter.AcquireAsync(900, TimeSpan.FromMinutes(5), CancellationToken.None);
        var next = limiter.AcquireAsync(400, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();

        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(17)); // 283 tokens back: 383 < 400
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task a_wait_longer_than_allowed_is_refused_at_once()
    {
        var clock = new FakeTimeProvider();
        var limiter = Limiter(clock, requestsPerMinute: 1);
        await limiter.AcquireAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<LlmRateLimitException>(() => limiter.AcquireAsync(1, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask());

        Assert.Contains("Llm:RequestsPerMinute", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_waiting_caller_can_cancel()
    {
        var clock = new FakeTimeProvider();
        var limiter = Limiter(clock, requestsPerMinute: 1);
        await limiter.AcquireAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(1, TimeSpan.FromMinutes(5), cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
