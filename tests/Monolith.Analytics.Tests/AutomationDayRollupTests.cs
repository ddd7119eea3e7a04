using Monolith.Analytics.Features.AutomationMetrics;

namespace Monolith.Analytics.Tests;

/// <summary>The endpoint reads whole days of a daily window from the day roll-up: the answer must be the one summing the hour
/// buckets themselves gives.</summary>
public class AutomationDayRollupTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Three days and a bit of hour buckets for three departments, two types and receipts. Scores and latencies
    /// are multiples of 1/16, so sums in any order are exact and the answers compare equal to the last bit.</summary>
    private static List<AutomationBucket> HourBuckets()
    {
        var random = new Random(7);
        var buckets = new List<AutomationBucket>();
        for (var hour = 0; hour < 80; hour++)
            foreach (var department in new[] { "finance", "sales", "ops" })
                foreach (var type in new[] { "Invoice", "Receipt", DocumentOutcomes.ReceivedType })
                {
                    if (random.Next(4) == 0) continue; // some hours have no bucket
                    var bucket = new AutomationBucket { Department = department, DocumentType = type, HourStart = Start.AddHours(hour) };
                    if (type == DocumentOutcomes.ReceivedType) { bucket.Received = random.Next(1, 9); buckets.Add(bucket); continue; }
                    bucket.Automated = random.Next(5);
                    bucket.NeedsReview = random.Next(3);
                    bucket.Manual = random.Next(2);
                    bucket.Failed = random.Next(2);
                    bucket.Processed = bucket.Automated + bucket.NeedsReview + bucket.Manual + bucket.Failed;
                    foreach (var score in new[] { bucket.Confidence, bucket.Completeness, bucket.Validation, bucket.Automation })
                        for (var i = 0; i < bucket.Processed - bucket.Failed; i++) score.Add(random.Next(8, 17) / 16.0);
                    bucket.RemoteCalls = random.Next(6);
                    for (var i = 0; i < bucket.Processed; i++)
                    {
                        var latency = random.Next(1, 4_000) / 16.0;
                        bucket.LatencySecondsSum += latency;
                        bucket.LatencySecondsMax = Math.Max(bucket.LatencySecondsMax, latency);
                        bucket.LatencyCounts[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(latency))]++;
                    }
                    bucket.Reviewed = random.Next(3);
                    bucket.Approved = random.Next((int)bucket.Reviewed + 1);
                    bucket.Rejected = bucket.Reviewed - bucket.Approved;
                    bucket.CorrectedFields = random.Next(4);
                    buckets.Add(bucket);
                }
        return buckets;
    }

    public static TheoryData<string, string, string?, string?, string?> Windows => new()
    {
        // from, to, granularity, department, documentType: partial first and last days, whole days, filters.
        { "2026-11-20T05:00:00Z", "2026-11-23T07:30:00Z", "day", null, null },
        { "2026-11-20T05:00:00Z", "2026-11-23T07:30:00Z", "hour", null, null },
        { "2026-11-20T13:00:00Z", "2026-11-22T02:00:00Z", null, "FINANCE", null },
        { "2026-11-19T00:00:00Z", "2026-11-24T00:00:00Z", "day", null, "invoice" },
        { "2026-11-21T10:00:00Z", "2026-11-22T10:00:00Z", "hour", "sales", "Receipt" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void whole_days_from_the_day_rollup_and_the_rest_from_hours_give_the_answer_of_hours_alone(string from, string to,
        string? granularity, string? department, string? documentType)
    {
        Assert.True(AutomationQuery.TryCreate(from, to, department, documentType, granularity, null, Start, out var query, out _));
        var inWindow = HourBuckets().Where(b => b.HourStart >= query.From && b.HourStart < query.To).ToList();
        var countReceived = query.DocumentType is null;

        var (hourTotals, hourSeries) = AutomationSeries.Build(inWindow.Where(query.Matches), query.From, query.To,
            query.Granularity, countReceived);
        // What the endpoint reads: the day roll-up (what AutomationDailyMetrics holds) for whole days, hour buckets for the rest.
        var (dayFrom, dayTo) = query.WholeDays;
        var days = AutomationSeries.SumBySlot(inWindow.Where(b => b.HourStart >= dayFrom && b.HourStart < dayTo), Granularity.Day);
        var hours = inWindow.Where(b => b.HourStart < dayFrom || b.HourStart >= dayTo).ToList();
        var (mixedTotals, mixedSeries) = AutomationSeries.Build(days.Concat(hours).Where(query.Matches), query.From, query.To,
            query.Granularity, countReceived);

        Assert.Equal(query.Granularity == Granularity.Day, days.Count > 0);
        Assert.True(hourTotals.Processed > 0);
        Assert.Equal(hourTotals, mixedTotals);
        Assert.Equal(hourSeries, mixedSeries);
    }

    [Fact]
    public void a_day_bucket_sums_the_events_of_its_utc_day()
    {
        var day = new AutomationDayBucket();
        day.Add(new DocumentOutcomeObserved(Guid.NewGuid(), "finance", "Invoice", DocumentOutcome.Automated, 0.5, 1, 1, 0.5, 1,
            Start.AddHours(1), Start.AddHours(1).AddSeconds(3)));
        day.Add(new DocumentOutcomeObserved(Guid.NewGuid(), "finance", "Invoice", DocumentOutcome.Failed, null, null, null, null, 0,
            Start.AddHours(23), Start.AddHours(23.5)));

        Assert.Equal("finance|Invoice|2026-11-20Z", day.Id);
        Assert.Equal(AutomationDayBucket.DayKeyFor("finance", "Invoice", Start.AddHours(23.9)), day.Id);
        Assert.Equal(Start, day.HourStart);
        Assert.Equal((2L, 1L, 1L), (day.Processed, day.Automated, day.Failed));
    }
}
