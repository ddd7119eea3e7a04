using System.Globalization;
using Marten.Events.Projections;

namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>A running average's parts, so averages over any window are sums of sums.</summary>
public sealed class ScoreSum
{
    public long Count { get; set; }
    public double Sum { get; set; }

    public void Add(double? value)
    {
        if (value is not { } v) return;
        Count++;
        Sum += v;
    }

    public void Add(ScoreSum other)
    {
        Count += other.Count;
        Sum += other.Sum;
    }

    public double? Average => Count == 0 ? null : Sum / Count;
}

/// <summary>
/// Automation counts of one department × document type × UTC hour (of the document's completion, or of the review
/// for review counts), per tenant. Projected from Analytics' own events by <see cref="AutomationMetricsProjection"/>.
/// </summary>
public class AutomationBucket
{
    public string Id { get; set; } = "";
    public string Department { get; set; } = "";
    public string DocumentType { get; set; } = "";
    public DateTimeOffset HourStart { get; set; }

    /// <summary>Documents received in the hour (only in <see cref="DocumentOutcomes.ReceivedType"/> buckets).</summary>
    public long Received { get; set; }
    public long Processed { get; set; }
    public long Automated { get; set; }
    public long NeedsReview { get; set; }
    public long Manual { get; set; }
    public long Failed { get; set; }
    public ScoreSum Confidence { get; set; } = new();
    public ScoreSum Completeness { get; set; } = new();
    public ScoreSum Validation { get; set; } = new();
    public ScoreSum Automation { get; set; } = new();
    public long RemoteCalls { get; set; }
    public double LatencySecondsSum { get; set; }
    public double LatencySecondsMax { get; set; }
    public long[] LatencyCounts { get; set; } = LatencyBuckets.Empty();

    public long Reviewed { get; set; }
    public long Approved { get; set; }
    public long Rejected { get; set; }
    public long CorrectedFields { get; set; }

    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static string KeyFor(string department, string documentType, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{department}|{documentType}|{HourOf(at):yyyy-MM-ddTHH}Z");

    public void Add(DocumentOutcomeObserved e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Locate(e.Department, e.DocumentType, e.CompletedAt);
        Processed++;
        Count(e.Outcome, +1);
        Confidence.Add(e.ConfidenceScore);
        Completeness.Add(e.CompletenessScore);
        Validation.Add(e.ValidationScore);
        Automation.Add(e.AutomationScore);
        RemoteCalls += e.RemoteCalls;

        var latency = e.Latency.TotalSeconds;
        LatencySecondsSum += latency;
        LatencySecondsMax = Math.Max(LatencySecondsMax, latency);
        if (LatencyCounts.Length != LatencyBuckets.Count) LatencyCounts = LatencyBuckets.Empty();
        LatencyCounts[LatencyBuckets.IndexOf(e.Latency)]++;
    }

    /// <summary>Moves one document from its previous outcome to the revised one; Processed is unchanged.</summary>
    public void Add(DocumentOutcomeRevised e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Locate(e.Department, e.DocumentType, e.CompletedAt);
        Count(e.PreviousOutcome, -1);
        Count(e.Outcome, +1);
    }

    private void Count(DocumentOutcome outcome, long delta)
    {
        switch (outcome)
        {
            case DocumentOutcome.Automated: Automated += delta; break;
            case DocumentOutcome.NeedsReview: NeedsReview += delta; break;
            case DocumentOutcome.Manual: Manual += delta; break;
            case DocumentOutcome.Failed: Failed += delta; break;
        }
    }

    public void Add(DocumentReceiptObserved e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Locate(e.Department, DocumentOutcomes.ReceivedType, e.ReceivedAt);
        Received++;
    }

    public void Add(DocumentReviewObserved e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Locate(e.Department, e.DocumentType, e.ReviewedAt);
        Reviewed++;
        if (e.Approved) Approved++; else Rejected++;
        CorrectedFields += e.CorrectedFields;
    }

    /// <summary>Adds another bucket's counts, sums and histogram (the maximum is the larger one); keeps this one's coordinates.</summary>
    public void Add(AutomationBucket other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Received += other.Received;
        Processed += other.Processed;
        Automated += other.Automated;
        NeedsReview += other.NeedsReview;
        Manual += other.Manual;
        Failed += other.Failed;
        Confidence.Add(other.Confidence);
        Completeness.Add(other.Completeness);
        Validation.Add(other.Validation);
        Automation.Add(other.Automation);
        RemoteCalls += other.RemoteCalls;
        LatencySecondsSum += other.LatencySecondsSum;
        LatencySecondsMax = Math.Max(LatencySecondsMax, other.LatencySecondsMax);
        LatencyBuckets.AddInto(LatencyCounts, other.LatencyCounts);
        Reviewed += other.Reviewed;
        Approved += other.Approved;
        Rejected += other.Rejected;
        CorrectedFields += other.CorrectedFields;
    }

    /// <summary>The start of the slot this bucket sums: an hour here, a day in <see cref="AutomationDayBucket"/>.</summary>
    protected virtual DateTimeOffset SlotOf(DateTimeOffset at) => HourOf(at);

    protected virtual string KeyOf(string department, string documentType, DateTimeOffset at) => KeyFor(department, documentType, at);

    private void Locate(string department, string documentType, DateTimeOffset at)
    {
        Department = department;
        DocumentType = documentType;
        HourStart = SlotOf(at);
        if (Id.Length == 0) Id = KeyOf(department, documentType, at);
    }
}

/// <summary>
/// The same sums over a whole UTC day (<see cref="AutomationBucket.HourStart"/> is the day's start), projected from the same
/// events by <see cref="AutomationDailyMetricsProjection"/>: a 30-day window reads 30 of these per department × type
/// instead of 720 hour buckets. Only whole days of a window come from here; its partial days from the hour buckets.
/// </summary>
public sealed class AutomationDayBucket : AutomationBucket
{
    public static DateTimeOffset DayOf(DateTimeOffset at) => AutomationSeries.SlotStart(at, Granularity.Day);

    public static string DayKeyFor(string department, string documentType, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{department}|{documentType}|{DayOf(at):yyyy-MM-dd}Z");

    protected override DateTimeOffset SlotOf(DateTimeOffset at) => DayOf(at);

    protected override string KeyOf(string department, string documentType, DateTimeOffset at) => DayKeyFor(department, documentType, at);
}

/// <summary>
/// Multi-stream projection: many per-document Analytics streams fold into one bucket document per
/// department × document type × hour. Grouped per tenant (conjoined tenancy's default). Registered Async: buckets are
/// shared by many documents processed in parallel, and only the daemon applies events to them one at a time.
/// </summary>
public sealed class AutomationMetricsProjection : MultiStreamProjection<AutomationBucket, string>
{
    public AutomationMetricsProjection()
    {
        Name = "AutomationMetrics";
        GroupBy(this, AutomationBucket.KeyFor);
    }

    /// <summary>Each event goes to the bucket of its department × document type (receipts: the received type) × slot of
    /// its time; <paramref name="keyFor"/> names the slot (hour or day).</summary>
    internal static void GroupBy<TBucket>(MultiStreamProjection<TBucket, string> projection,
        Func<string, string, DateTimeOffset, string> keyFor) where TBucket : AutomationBucket
    {
        projection.Identity<DocumentOutcomeObserved>(e => keyFor(e.Department, e.DocumentType, e.CompletedAt));
        projection.Identity<DocumentReviewObserved>(e => keyFor(e.Department, e.DocumentType, e.ReviewedAt));
        projection.Identity<DocumentReceiptObserved>(e => keyFor(e.Department, DocumentOutcomes.ReceivedType, e.ReceivedAt));
        projection.Identity<DocumentOutcomeRevised>(e => keyFor(e.Department, e.DocumentType, e.CompletedAt));
    }

    public void Apply(DocumentOutcomeRevised e, AutomationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        bucket.Add(e);
    }

    public void Apply(DocumentOutcomeObserved e, AutomationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        bucket.Add(e);
    }

    public void Apply(DocumentReceiptObserved e, AutomationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        bucket.Add(e);
    }

    public void Apply(DocumentReviewObserved e, AutomationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        bucket.Add(e);
    }
}

/// <summary>The day roll-up of <see cref="AutomationMetricsProjection"/>: the same events, one document per department ×
/// document type × UTC day. Async for the same reason; rebuild it with AutomationMetrics.</summary>
public sealed class AutomationDailyMetricsProjection : MultiStreamProjection<AutomationDayBucket, string>
{
    public AutomationDailyMetricsProjection()
    {
        Name = "AutomationDailyMetrics";
        AutomationMetricsProjection.GroupBy(this, AutomationDayBucket.DayKeyFor);
    }

    public void Apply(DocumentOutcomeRevised e, AutomationDayBucket day) => day?.Add(e);

    public void Apply(DocumentOutcomeObserved e, AutomationDayBucket day) => day?.Add(e);

    public void Apply(DocumentReceiptObserved e, AutomationDayBucket day) => day?.Add(e);

    public void Apply(DocumentReviewObserved e, AutomationDayBucket day) => day?.Add(e);
}
