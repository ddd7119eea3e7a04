using Monolith.Analytics.Features.AutomationMetrics;

namespace Monolith.Analytics.Features.ProviderUsage;

/// <summary>
/// Log-scale latency histogram (HDR-histogram-like), stored sparsely as bucket index → count. Bucket <c>i ≥ 1</c> covers
/// <c>[Min·g^(i−1), Min·g^i)</c> ms with <c>g = 1 + <see cref="RelativeWidth"/></c> and is reported at its midpoint, so
/// every value — 0.2 ms or 40 s — comes back within ±1 %. Bucket 0 holds what is below <see cref="MinimumMs"/>
/// (reported as 0). A step whose calls take 5–30 ms fills about 90 buckets, so a day row stays small. Percentiles over
/// any window come from the summed counts (<see cref="AddInto"/>), never from averaged per-day percentiles.
/// </summary>
public static class LatencyHistogram
{
    public const double RelativeWidth = 0.02;
    public const double MinimumMs = 0.001;

    /// <summary>Longer values (a stuck call) are counted as this: a week.</summary>
    public const double MaximumMs = 7 * 24 * 3_600_000d;

    private static readonly double LogGrowth = Math.Log(1 + RelativeWidth);

    public static int IndexOf(double ms)
    {
        if (double.IsNaN(ms) || ms < MinimumMs) return 0;
        return 1 + (int)Math.Floor(Math.Log(Math.Min(ms, MaximumMs) / MinimumMs) / LogGrowth);
    }

    /// <summary>The value a bucket stands for: the midpoint of its range (0 for bucket 0).</summary>
    public static double ValueOf(int index) =>
        index <= 0 ? 0 : MinimumMs * Math.Pow(1 + RelativeWidth, index - 1) * (1 + RelativeWidth / 2);

    public static void Record(Dictionary<int, long> histogram, double ms, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (count <= 0) return;
        var index = IndexOf(ms);
        histogram[index] = histogram.GetValueOrDefault(index) + count;
    }

    public static void AddInto(Dictionary<int, long> into, IReadOnlyDictionary<int, long> counts)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var (index, count) in counts) into[index] = into.GetValueOrDefault(index) + count;
    }

    /// <summary>The <paramref name="quantile"/> (0..1] by nearest rank: the value of the bucket holding the
    /// ⌈quantile·n⌉-th smallest latency, in ms. Null when the histogram is empty.</summary>
    public static double? Percentile(IReadOnlyDictionary<int, long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var total = counts.Values.Where(c => c > 0).Sum();
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total - 1e-9));
        long seen = 0;
        foreach (var (index, count) in counts.Where(c => c.Value > 0).OrderBy(c => c.Key))
        {
            seen += count;
            if (seen >= rank) return ValueOf(index);
        }
        return ValueOf(counts.Keys.Max());
    }

    /// <summary>
    /// A row written before this histogram held <see cref="LatencyBuckets"/> counts (0.5 s, 1 s, 2 s … slots). Each
    /// slot's calls are counted at the slot's midpoint, so old rows keep roughly the figures they had until the
    /// projection is rebuilt from the events (which gives exact ones).
    /// </summary>
    public static Dictionary<int, long> FromLegacy(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var histogram = new Dictionary<int, long>();
        var bounds = LatencyBuckets.UpperBoundsSeconds;
        for (var i = 0; i < counts.Count; i++)
        {
            var lower = i == 0 ? 0 : bounds[Math.Min(i, bounds.Count) - 1];
            var upper = i < bounds.Count ? bounds[i] : lower;
            Record(histogram, (lower + upper) / 2 * 1000, counts[i]);
        }
        return histogram;
    }
}
