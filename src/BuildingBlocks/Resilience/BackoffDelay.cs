namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Delay before retry number <c>attempt</c> (0 = first retry). Exponential backoff with "equal jitter":
/// the ceiling is <c>min(max, base * 2^attempt)</c> and the delay is uniformly in [ceiling/2, ceiling], so
/// retries spread out yet still grow. A server's Retry-After wins over the backoff, capped at <c>max</c>.
/// Randomness is injected so tests are deterministic.
/// </summary>
public static class BackoffDelay
{
    /// <param name="random">Returns a value in [0, 1), e.g. <see cref="Random.NextDouble"/>.</param>
    public static TimeSpan Compute(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter, Func<double> random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentNullException.ThrowIfNull(random);

        if (retryAfter is { } serverAsked)
            return serverAsked < TimeSpan.Zero ? TimeSpan.Zero : Min(serverAsked, maxDelay);

        var ceilingMs = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        var jitter = Math.Clamp(random(), 0.0, 1.0);
        return TimeSpan.FromMilliseconds(ceilingMs / 2 + jitter * ceilingMs / 2);
    }

    /// <summary>Same as above with the settings of one dependency.</summary>
    public static TimeSpan Compute(int attempt, DependencyResilienceOptions options, TimeSpan? retryAfter, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Compute(attempt, TimeSpan.FromMilliseconds(options.BaseDelayMilliseconds),
            TimeSpan.FromSeconds(options.MaxDelaySeconds), retryAfter, random);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
