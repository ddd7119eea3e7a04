using Monolith.Analytics.Features.AutomationMetrics;

namespace Monolith.Analytics.Tests;

/// <summary>The endpoint sums hour buckets per slot × department × type in PostgreSQL before building the series: the answer
/// must be the one summing the hour buckets themselves gives.</summary>
public class AutomationSlotSumTests
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
    public void summing_per_slot_first_gives_the_same_answer_as_summing_hour_buckets(string from, string to, string? granularity,
        string? department, string? documentType)
    {
        Assert.True(AutomationQuery.TryCreate(from, to, department, documentType, granularity, null, Start, out var query, out _));
        var inWindow = HourBuckets().Where(b => b.HourStart >= query.From && b.HourStart < query.To).ToList();
        var countReceived = query.DocumentType is null;

        var (hourTotals, hourSeries) = AutomationSeries.Build(inWindow.Where(query.Matches), query.From, query.To,
            query.Granularity, countReceived);
        var slotSums = AutomationSeries.SumBySlot(inWindow, query.Granularity);
        var (slotTotals, slotSeries) = AutomationSeries.Build(slotSums.Where(query.Matches), query.From, query.To,
            query.Granularity, countReceived);

        Assert.True(slotSums.Count < inWindow.Count || query.Granularity == Granularity.Hour);
        Assert.True(hourTotals.Processed > 0);
        Assert.Equal(hourTotals, slotTotals);
        Assert.Equal(hourSeries, slotSeries);
    }
}
