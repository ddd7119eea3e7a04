namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>
/// A small fixed latency histogram (upper bounds in seconds, plus one overflow slot), kept per bucket document so
/// percentiles over any window come from the summed counts. Changing the bounds requires a projection rebuild.
/// </summary>
public static class LatencyBuckets
{
    public static readonly IReadOnlyList<double> UpperBoundsSeconds =
        [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 14_400, 86_400];

    /// <summary>Slots per histogram: one per bound and an overflow slot for anything slower.</summary>
    public static int Count => UpperBoundsSeconds.Count + 1;

    public static int IndexOf(TimeSpan latency)
    {
        var seconds = Math.Max(0, latency.TotalSeconds);
        for (var i = 0; i < UpperBoundsSeconds.Count; i++)
            if (seconds <= UpperBoundsSeconds[i]) return i;
        return UpperBoundsSeconds.Count;
    }

    public static long[] Empty() => new long[Count];

    /// <summary>Adds <paramref name="counts"/> into <paramref name="into"/> (slots beyond the shorter one are ignored).</summary>
    public static void AddInto(long[] into, IReadOnlyList<long> counts)
    {
        for (var i = 0; i < Math.Min(into.Length, counts.Count); i++) into[i] += counts[i];
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0..1] of the histogram, interpolated linearly inside the slot that holds it;
    /// a value in the overflow slot is reported as the largest bound. Null when the histogram is empty.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var total = counts.Sum();
        if (total == 0) return null;

        var rank = quantile * total;
        long before = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0) continue;
            if (before + counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : UpperBoundsSeconds[Math.Min(i, UpperBoundsSeconds.Count) - 1];
                if (i >= UpperBoundsSeconds.Count) return lower;
                var upper = UpperBoundsSeconds[i];
                return lower + (upper - lower) * ((rank - before) / counts[i]);
            }
            before += counts[i];
        }
        return UpperBoundsSeconds[^1];
    }
}
