using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.ProviderUsage;

namespace Monolith.Analytics.Tests;

public class LatencyHistogramTests
{
    private static double Exact(IReadOnlyList<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(quantile * sorted.Count) - 1];
    }

    private static Dictionary<int, long> Of(IEnumerable<double> values)
    {
        var histogram = new Dictionary<int, long>();
        foreach (var v in values) LatencyHistogram.Record(histogram, v);
        return histogram;
    }

    private static void Close(double expected, double? actual, double relative = 0.03)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(actual.Value - expected) <= expected * relative, $"expected {expected} ±{relative:P0}, got {actual}");
    }

    public static TheoryData<string, double[]> Distributions()
    {
        var random = new Random(16);
        return new()
        {
            { "uniform 5-30 ms", [.. Enumerable.Range(0, 5000).Select(_ => 5 + random.NextDouble() * 25)] },
            { "sub-millisecond", [.. Enumerable.Range(0, 5000).Select(_ => 0.05 + random.NextDouble() * 0.9)] },
            { "log-normal around 800 ms", [.. Enumerable.Range(0, 5000).Select(_ => Math.Exp(Math.Log(800) + 0.6 * Gaussian(random)))] },
            { "multi-second", [.. Enumerable.Range(0, 5000).Select(_ => 2_000 + random.NextDouble() * 58_000)] },
            { "bimodal cache hits and calls", [.. Enumerable.Range(0, 5000).Select(i => i % 10 == 0 ? 1_500 + random.NextDouble() * 500 : 0.3 + random.NextDouble())] },
        };
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [MemberData(nameof(Distributions))]
    public void p50_and_p95_are_within_3_percent_of_the_exact_values(string name, double[] values)
    {
        _ = name;
        var histogram = Of(values);
        Close(Exact(values, 0.5), LatencyHistogram.Percentile(histogram, 0.5));
        Close(Exact(values, 0.95), LatencyHistogram.Percentile(histogram, 0.95));
        Close(Exact(values, 0.99), LatencyHistogram.Percentile(histogram, 0.99));
    }

    [Fact]
    public void every_value_from_a_microsecond_to_a_day_comes_back_within_one_percent()
    {
        for (var ms = 0.001; ms < 86_400_000; ms *= 1.37)
            Close(ms, LatencyHistogram.ValueOf(LatencyHistogram.IndexOf(ms)), 0.0101);
    }

    [Fact]
    public void zero_negative_and_absurd_values_are_counted_not_thrown()
    {
        Assert.Equal(0, LatencyHistogram.IndexOf(0));
        Assert.Equal(0, LatencyHistogram.IndexOf(-5));
        Assert.Equal(0, LatencyHistogram.IndexOf(double.NaN));
        Assert.Equal(LatencyHistogram.IndexOf(LatencyHistogram.MaximumMs), LatencyHistogram.IndexOf(double.PositiveInfinity));
        Assert.Equal(0, LatencyHistogram.Percentile(Of([0, 0, 0]), 0.95));
        Assert.Null(LatencyHistogram.Percentile(new Dictionary<int, long>(), 0.95));
    }

    [Fact]
    public void percentiles_of_merged_days_equal_those_of_all_values_together()
    {
        var random = new Random(7);
        var days = Enumerable.Range(0, 7).Select(d => Enumerable.Range(0, 300).Select(_ => (d + 1) * 3 + random.NextDouble() * 20).ToArray()).ToList();
        var merged = new Dictionary<int, long>();
        foreach (var day in days) LatencyHistogram.AddInto(merged, Of(day));

        var all = days.SelectMany(d => d).ToList();
        Assert.Equal(Of(all).OrderBy(p => p.Key), merged.OrderBy(p => p.Key));
        Close(Exact(all, 0.95), LatencyHistogram.Percentile(merged, 0.95));
        Assert.Equal(all.Count, merged.Values.Sum());
    }

    [Fact]
    public void a_day_row_of_a_5_to_30_ms_step_stays_small()
    {
        var histogram = Of(Enumerable.Range(0, 100_000).Select(i => 5 + i % 2501 / 100.0));
        Assert.InRange(histogram.Count, 80, 100);
    }

    [Fact]
    public void legacy_coarse_counts_are_read_at_their_slot_midpoints_and_folded_on_the_next_update()
    {
        var legacy = LatencyBuckets.Empty();
        legacy[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(300))] = 19; // (0, 0.5 s]
        legacy[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(1.5))] = 1;        // (1, 2 s]
        var row = new ProviderUsageDay { LatencyCounts = legacy };
        Close(250, LatencyHistogram.Percentile(row.AllLatencies(), 0.95), 0.011);
        Close(1500, LatencyHistogram.Percentile(row.AllLatencies(), 1), 0.011);

        row.Add(new ProviderUsageObserved("document", "d-1", "openai", null, "extract", 0, 0, 0, 12, false, true, DateTimeOffset.UnixEpoch));
        Assert.Null(row.LatencyCounts);
        Assert.Equal(21, row.Latencies.Values.Sum());
        Close(12, LatencyHistogram.Percentile(row.Latencies, 0.01), 0.011);
    }
}
