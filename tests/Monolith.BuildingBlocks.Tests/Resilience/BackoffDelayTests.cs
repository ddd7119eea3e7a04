using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>Backoff grows exponentially, is capped, keeps jitter in [ceiling/2, ceiling], and yields to Retry-After.</summary>
public class BackoffDelayTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(4, 1600)]
    [InlineData(5, 2000)]
    [InlineData(60, 2000)]
    public void ceiling_doubles_per_attempt_and_is_capped(int attempt, int expectedCeilingMs)
    {
        var highest = BackoffDelay.Compute(attempt, Base, Max, retryAfter: null, random: () => 1.0);
        var lowest = BackoffDelay.Compute(attempt, Base, Max, retryAfter: null, random: () => 0.0);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedCeilingMs), highest);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedCeilingMs / 2.0), lowest);
    }

    [Fact]
    public void jitter_stays_within_bounds_and_varies()
    {
        var random = new Random(42);
        var delays = Enumerable.Range(0, 200)
            .Select(_ => BackoffDelay.Compute(3, Base, Max, null, random.NextDouble))
            .ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)));
        Assert.True(delays.Distinct().Count() > 100, "jitter should spread the delays");
    }

    [Fact]
    public void retry_after_wins_over_backoff()
    {
        var delay = BackoffDelay.Compute(0, Base, Max, TimeSpan.FromSeconds(1.5), () => 0.5);
        Assert.Equal(TimeSpan.FromSeconds(1.5), delay);
    }

    [Fact]
    public void retry_after_is_capped_at_max_delay()
    {
        var delay = BackoffDelay.Compute(0, Base, Max, TimeSpan.FromMinutes(10), () => 0.5);
        Assert.Equal(Max, delay);
    }

    [Fact]
    public void options_overload_uses_the_dependency_settings()
    {
        var options = new DependencyResilienceOptions { BaseDelayMilliseconds = 300, MaxDelaySeconds = 1 };
        Assert.Equal(TimeSpan.FromMilliseconds(600), BackoffDelay.Compute(1, options, null, () => 1.0));
        Assert.Equal(TimeSpan.FromSeconds(1), BackoffDelay.Compute(1, options, TimeSpan.FromSeconds(30), () => 1.0));
    }
}
