using Monolith.Analytics.Features.AutomationMetrics;

namespace Monolith.Analytics.Tests;

public class DocumentObservationDeciderTests
{
    private static DocumentOutcomeObserved Outcome(Guid id) => new(id, "finance", "Invoice", DocumentOutcome.Automated,
        0.9, 0.95, 1, 0.93, 0, At(10, 0), At(10, 1));

    internal static DateTimeOffset At(int hour, int minute, int day = 23) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void a_new_outcome_is_recorded_and_a_redelivered_one_is_ignored()
    {
        var observed = Outcome(Guid.CreateVersion7());
        Assert.Equal([observed], DocumentObservationDecider.Decide(null, observed));
        Assert.Empty(DocumentObservationDecider.Decide(DocumentObservation.Create(observed), observed));
    }

    [Fact]
    public void a_review_is_recorded_once_even_after_the_outcome()
    {
        var id = Guid.CreateVersion7();
        var seen = DocumentObservation.Create(Outcome(id));
        var review = new DocumentReviewObserved(id, "finance", "Invoice", true, 2, At(11, 0));
        Assert.Equal([review], DocumentObservationDecider.Decide(seen, review));
        seen.Apply(review);
        Assert.Empty(DocumentObservationDecider.Decide(seen, review));
    }

    [Fact]
    public void the_stream_is_analytics_own_not_the_documents_stream()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(DocumentObservation.StreamIdFor(id), DocumentObservation.StreamIdFor(id));
        Assert.NotEqual(id, DocumentObservation.StreamIdFor(id));
        Assert.Equal(5, DocumentObservation.StreamIdFor(id).Version);
    }

    [Theory]
    [InlineData("Decided", "Automated", DocumentOutcome.Automated)]
    [InlineData("NeedsReview", "NeedsReview", DocumentOutcome.NeedsReview)]
    [InlineData("NeedsReview", null, DocumentOutcome.NeedsReview)]
    [InlineData("Decided", "Manual", DocumentOutcome.Manual)]
    [InlineData("Failed", null, DocumentOutcome.Failed)]
    [InlineData("Failed", "Automated", DocumentOutcome.Failed)]
    public void contract_status_and_decision_map_to_one_outcome(string status, string? decision, DocumentOutcome expected) =>
        Assert.Equal(expected, DocumentOutcomes.Classify(status, decision));
}

public class AutomationBucketTests
{
    private static DateTimeOffset At(int hour, int minute, int day = 23) => DocumentObservationDeciderTests.At(hour, minute, day);

    [Fact]
    public void bucket_keys_are_department_type_and_utc_hour()
    {
        Assert.Equal("finance|Invoice|2026-11-23T10Z", AutomationBucket.KeyFor("finance", "Invoice", At(10, 59)));
        Assert.Equal(AutomationBucket.KeyFor("finance", "Invoice", At(10, 0)),
            AutomationBucket.KeyFor("finance", "Invoice", new DateTimeOffset(2026, 11, 23, 11, 30, 0, TimeSpan.FromHours(1))));
        Assert.NotEqual(AutomationBucket.KeyFor("finance", "Invoice", At(10, 0)), AutomationBucket.KeyFor("finance", "Receipt", At(10, 0)));
        Assert.Equal("unassigned", DocumentOutcomes.Department("  "));
        Assert.Equal("Unknown", DocumentOutcomes.DocumentType(null));
    }

    [Fact]
    public void a_bucket_counts_outcomes_scores_calls_and_latency()
    {
        var bucket = new AutomationBucket();
        bucket.Add(new DocumentOutcomeObserved(Guid.NewGuid(), "finance", "Invoice", DocumentOutcome.Automated, 0.8, 1, 1, 0.9, 2, At(10, 0), At(10, 0).AddSeconds(3)));
        bucket.Add(new DocumentOutcomeObserved(Guid.NewGuid(), "finance", "Invoice", DocumentOutcome.Failed, null, null, null, null, 1, At(10, 5), At(10, 5).AddSeconds(40)));

        Assert.Equal("finance|Invoice|2026-11-23T10Z", bucket.Id);
        Assert.Equal(At(10, 0), bucket.HourStart);
        Assert.Equal((2, 1, 1), (bucket.Processed, bucket.Automated, bucket.Failed));
        Assert.Equal(0.8, bucket.Confidence.Average);
        Assert.Equal(1, bucket.Confidence.Count);
        Assert.Equal(3, bucket.RemoteCalls);
        Assert.Equal(43, bucket.LatencySecondsSum);
        Assert.Equal(40, bucket.LatencySecondsMax);
        Assert.Equal(1, bucket.LatencyCounts[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(3))]);
        Assert.Equal(1, bucket.LatencyCounts[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(40))]);
    }
}

public class LatencyBucketsTests
{
    [Fact]
    public void latencies_fall_into_the_first_slot_whose_bound_they_do_not_exceed()
    {
        Assert.Equal(0, LatencyBuckets.IndexOf(TimeSpan.Zero));
        Assert.Equal(0, LatencyBuckets.IndexOf(TimeSpan.FromSeconds(-5)));
        Assert.Equal(1, LatencyBuckets.IndexOf(TimeSpan.FromSeconds(1)));
        Assert.Equal(2, LatencyBuckets.IndexOf(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(LatencyBuckets.Count - 1, LatencyBuckets.IndexOf(TimeSpan.FromDays(3)));
    }

    [Fact]
    public void percentiles_interpolate_inside_the_slot_of_the_rank()
    {
        var counts = LatencyBuckets.Empty();
        counts[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(1.5))] = 90;  // (1, 2]
        counts[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(50))] = 10;   // (30, 60]

        Assert.Equal(1 + 50.0 / 90, LatencyBuckets.Percentile(counts, 0.5)!.Value, 9);
        Assert.Equal(30 + 30 * 0.5, LatencyBuckets.Percentile(counts, 0.95)!.Value, 9);
        Assert.Equal(60, LatencyBuckets.Percentile(counts, 1)!.Value, 9);
        Assert.Null(LatencyBuckets.Percentile(LatencyBuckets.Empty(), 0.5));
    }

    [Fact]
    public void the_overflow_slot_reports_the_largest_bound_and_merged_histograms_add_up()
    {
        var a = LatencyBuckets.Empty();
        var b = LatencyBuckets.Empty();
        a[^1] = 1;
        b[0] = 1;
        LatencyBuckets.AddInto(a, b);
        Assert.Equal(2, a.Sum());
        Assert.Equal(LatencyBuckets.UpperBoundsSeconds[^1], LatencyBuckets.Percentile(a, 1));
        Assert.Equal(0.5, LatencyBuckets.Percentile(a, 0.5));
    }
}

public class AutomationSeriesTests
{
    private static DateTimeOffset At(int hour, int minute, int day = 23) => DocumentObservationDeciderTests.At(hour, minute, day);

    private static AutomationBucket Bucket(string department, DateTimeOffset completedAt, DocumentOutcome outcome, double latencySeconds = 2)
    {
        var bucket = new AutomationBucket();
        bucket.Add(new DocumentOutcomeObserved(Guid.NewGuid(), department, "Invoice", outcome, 0.9, 0.9, 0.9, 0.9, 1,
            completedAt.AddSeconds(-latencySeconds), completedAt));
        return bucket;
    }

    [Fact]
    public void hour_buckets_merge_into_day_slots_and_empty_days_are_kept()
    {
        var buckets = new[]
        {
            Bucket("finance", At(1, 10, day: 21), DocumentOutcome.Automated),
            Bucket("finance", At(23, 10, day: 21), DocumentOutcome.Manual),
            Bucket("sales", At(5, 0, day: 23), DocumentOutcome.Automated),
        };
        var (totals, series) = AutomationSeries.Build(buckets, At(0, 0, day: 21), At(0, 0, day: 24), Granularity.Day);

        Assert.Equal([At(0, 0, 21), At(0, 0, 22), At(0, 0, 23)], series.Select(p => p.Start));
        Assert.Equal([2L, 0L, 1L], series.Select(p => p.Metrics.Processed));
        Assert.Equal(0.5, series[0].Metrics.AutomationRate);
        Assert.Null(series[1].Metrics.AutomationRate);
        Assert.Equal(3, totals.Processed);
        Assert.Equal(2.0 / 3, totals.AutomationRate!.Value, 9);
        Assert.Equal(3, totals.RemoteCalls);
        Assert.Equal(2, totals.Latency.AverageSeconds);
    }

    [Fact]
    public void hour_slots_cover_the_window_and_percentiles_come_from_the_merged_histogram()
    {
        var buckets = Enumerable.Range(0, 18).Select(_ => Bucket("finance", At(10, 30), DocumentOutcome.Automated, 1.5))
            .Append(Bucket("finance", At(11, 30), DocumentOutcome.NeedsReview, 45))
            .Append(Bucket("finance", At(11, 40), DocumentOutcome.NeedsReview, 40)).ToList();
        var (totals, series) = AutomationSeries.Build(buckets, At(10, 15), At(12, 0), Granularity.Hour);

        Assert.Equal([At(10, 0), At(11, 0)], series.Select(p => p.Start));
        Assert.InRange(totals.Latency.P50Seconds!.Value, 1, 2);
        Assert.InRange(totals.Latency.P95Seconds!.Value, 30, 60);
        Assert.Equal(45, totals.Latency.MaxSeconds);
        Assert.Equal(2, totals.NeedsReview);
    }
}

public class AutomationQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 37, 0, TimeSpan.Zero);

    private static Dictionary<string, string[]> Errors(string? from = null, string? to = null, string? granularity = null, string? range = null)
    {
        Assert.False(AutomationQuery.TryCreate(from, to, null, null, granularity, range, Now, out _, out var errors));
        return errors;
    }

    [Fact]
    public void without_parameters_the_last_24_hours_by_hour_ending_with_the_current_hour()
    {
        Assert.True(AutomationQuery.TryCreate(null, null, null, null, null, null, Now, out var q, out _));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), q.To);
        Assert.Equal(TimeSpan.FromHours(24), q.To - q.From);
        Assert.Equal(Granularity.Hour, q.Granularity);
        Assert.Equal(24, AutomationSeries.Slots(q.From, q.To, q.Granularity).Count);
    }

    [Fact]
    public void seven_days_default_to_daily_points()
    {
        Assert.True(AutomationQuery.TryCreate(null, null, " finance ", null, null, "7d", Now, out var q, out _));
        Assert.Equal(Granularity.Day, q.Granularity);
        Assert.Equal(7, AutomationSeries.Slots(q.From, q.To, q.Granularity).Count);
        Assert.Equal("finance", q.Department);
    }

    [Fact]
    public void invalid_parameters_are_named()
    {
        Assert.Contains("granularity", Errors(granularity: "week").Keys);
        Assert.Contains("range", Errors(range: "1y").Keys);
        Assert.Contains("range", Errors(range: "24h", from: "2026-11-20").Keys);
        Assert.Contains("from", Errors(from: "yesterday").Keys);
        Assert.Contains("to", Errors(to: "2026-13-45").Keys);
        Assert.Contains("from", Errors(from: "2026-11-23T10:00:00Z", to: "2026-11-22T10:00:00Z").Keys);
        Assert.Contains("granularity", Errors(from: "2025-01-01", to: "2026-01-01", granularity: "hour").Keys);
    }
}
