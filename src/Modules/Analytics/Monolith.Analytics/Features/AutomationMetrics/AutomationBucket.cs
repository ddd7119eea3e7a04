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
public sealed class AutomationBucket
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

    private void Locate(string department, string documentType, DateTimeOffset at)
    {
        Department = department;
        DocumentType = documentType;
        HourStart = HourOf(at);
        if (Id.Length == 0) Id = KeyFor(department, documentType, at);
    }
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
        Identity<DocumentOutcomeObserved>(e => AutomationBucket.KeyFor(e.Department, e.DocumentType, e.CompletedAt));
        Identity<DocumentReviewObserved>(e => AutomationBucket.KeyFor(e.Department, e.DocumentType, e.ReviewedAt));
        Identity<DocumentReceiptObserved>(e => AutomationBucket.KeyFor(e.Department, DocumentOutcomes.ReceivedType, e.ReceivedAt));
        Identity<DocumentOutcomeRevised>(e => AutomationBucket.KeyFor(e.Department, e.DocumentType, e.CompletedAt));
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
