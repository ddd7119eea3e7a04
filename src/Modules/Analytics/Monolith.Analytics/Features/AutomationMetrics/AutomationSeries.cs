namespace Monolith.Analytics.Features.AutomationMetrics;

public enum Granularity { Hour, Day }

public sealed record ScoresView(double? Confidence, double? Completeness, double? Validation, double? Automation);

public sealed record LatencyView(double? AverageSeconds, double? P50Seconds, double? P95Seconds, double? MaxSeconds);

/// <summary>Metrics of a slot or the whole window. <see cref="Received"/> counts receipts, which have no document type yet:
/// with a <c>documentType</c> filter it is null.</summary>
public sealed record MetricsView(
    long? Received,
    long Processed,
    long Automated,
    long NeedsReview,
    long Manual,
    long Failed,
    double? AutomationRate,
    ScoresView AverageScores,
    long RemoteCalls,
    double? AverageRemoteCalls,
    LatencyView Latency,
    long Reviewed,
    long Approved,
    long Rejected,
    long CorrectedFields);

public sealed record SeriesPoint(DateTimeOffset Start, MetricsView Metrics);

/// <summary>Sums hour buckets into one set of metrics (counts, sums, histogram), then derives rates and percentiles.</summary>
public sealed class MetricsAccumulator
{
    private readonly AutomationBucket _sum = new();
    private long _latencyCount;
    private readonly bool _countReceived;

    /// <param name="countReceived">false when the query filters by document type (receipts have none).</param>
    public MetricsAccumulator(bool countReceived = true) => _countReceived = countReceived;

    public void Add(AutomationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        _sum.Add(bucket);
        _latencyCount += bucket.Processed;
    }

    public MetricsView ToView()
    {
        var s = _sum;
        double? PerDocument(double value) => s.Processed == 0 ? null : value / s.Processed;
        return new MetricsView(_countReceived ? s.Received : null, s.Processed, s.Automated, s.NeedsReview, s.Manual, s.Failed, PerDocument(s.Automated),
            new ScoresView(s.Confidence.Average, s.Completeness.Average, s.Validation.Average, s.Automation.Average),
            s.RemoteCalls, PerDocument(s.RemoteCalls),
            new LatencyView(_latencyCount == 0 ? null : s.LatencySecondsSum / _latencyCount,
                LatencyBuckets.Percentile(s.LatencyCounts, 0.5), LatencyBuckets.Percentile(s.LatencyCounts, 0.95),
                _latencyCount == 0 ? null : s.LatencySecondsMax),
            s.Reviewed, s.Approved, s.Rejected, s.CorrectedFields);
    }
}

/// <summary>Pure series building: slots of an hour or a UTC day over a window, each merging the hour buckets in it.</summary>
public static class AutomationSeries
{
    public static DateTimeOffset SlotStart(DateTimeOffset at, Granularity granularity)
    {
        var hour = AutomationBucket.HourOf(at);
        return granularity == Granularity.Day ? new DateTimeOffset(hour.Year, hour.Month, hour.Day, 0, 0, 0, TimeSpan.Zero) : hour;
    }

    public static TimeSpan Step(Granularity granularity) => granularity == Granularity.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);

    /// <summary>Every slot start from the slot holding <paramref name="from"/> up to (excluding) <paramref name="to"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Slots(DateTimeOffset from, DateTimeOffset to, Granularity granularity)
    {
        var slots = new List<DateTimeOffset>();
        for (var slot = SlotStart(from, granularity); slot < to; slot += Step(granularity)) slots.Add(slot);
        return slots;
    }

    /// <summary>
    /// The buckets summed per slot × department × document type (each result's <see cref="AutomationBucket.HourStart"/> is
    /// its slot's start): with days, what <see cref="AutomationDailyMetricsProjection"/> holds. <see cref="Build"/> gives
    /// the same answer for these as for the buckets themselves, since every metric is a sum, a maximum or a histogram count.
    /// </summary>
    public static IReadOnlyList<AutomationBucket> SumBySlot(IEnumerable<AutomationBucket> buckets, Granularity granularity)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var sums = new Dictionary<(DateTimeOffset, string, string), AutomationBucket>();
        foreach (var bucket in buckets)
        {
            var slot = SlotStart(bucket.HourStart, granularity);
            if (!sums.TryGetValue((slot, bucket.Department, bucket.DocumentType), out var sum))
                sums[(slot, bucket.Department, bucket.DocumentType)] = sum =
                    new AutomationBucket { Department = bucket.Department, DocumentType = bucket.DocumentType, HourStart = slot };
            sum.Add(bucket);
        }
        return [.. sums.Values];
    }

    /// <summary>A dense series (empty slots included) and the totals of every bucket given.</summary>
    public static (MetricsView Totals, IReadOnlyList<SeriesPoint> Series) Build(IEnumerable<AutomationBucket> buckets,
        DateTimeOffset from, DateTimeOffset to, Granularity granularity, bool countReceived = true)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var totals = new MetricsAccumulator(countReceived);
        var perSlot = Slots(from, to, granularity).ToDictionary(s => s, _ => new MetricsAccumulator(countReceived));
        foreach (var bucket in buckets)
        {
            totals.Add(bucket);
            if (perSlot.TryGetValue(SlotStart(bucket.HourStart, granularity), out var slot)) slot.Add(bucket);
        }
        return (totals.ToView(), perSlot.OrderBy(p => p.Key).Select(p => new SeriesPoint(p.Key, p.Value.ToView())).ToList());
    }
}
