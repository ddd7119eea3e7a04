using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.ProviderUsage;
using Monolith.Analytics.Features.WhatIf;

namespace Monolith.Analytics.Tests;

public class ProviderUsageRecordingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 23, 59, 0, TimeSpan.Zero);

    private static RecordProviderUsage Command(params UsageItem[] items) => new("document", "d-1", At, items);

    [Fact]
    public void each_call_is_an_event_once_per_source_item()
    {
        var command = Command(new UsageItem("openai", "gpt-4o-mini", "extract", 10, 5, 0.001m, 900, false, true),
            new UsageItem(" ", null, "", -1, 2, -1m, -5, true, false));
        var events = ProviderUsageRecording.Decide(null, command);
        Assert.Equal(2, events.Count);
        Assert.Equal(("unknown", null, "unknown", 0, 0m, 0L), (events[1].Provider, events[1].Model, events[1].Step, events[1].InputTokens,
            events[1].CostUsd, events[1].LatencyMs));

        var log = new ProviderUsageLog();
        foreach (var e in events) log.Apply(e);
        Assert.Empty(ProviderUsageRecording.Decide(log, command));
        Assert.NotEqual(ProviderUsageLog.StreamIdFor("document", "d-1"), ProviderUsageLog.StreamIdFor("supplier-analysis", "d-1"));
    }

    [Fact]
    public void ungrounded_evidence_of_analysis_answers_is_summed_per_row_and_in_the_totals()
    {
        var events = ProviderUsageRecording.Decide(null, Command(
            new UsageItem("openai", "gpt-4o-mini", "value-proposition", 100, 10, 0.01m, 800, false, true, Ungrounded: 2),
            new UsageItem("openai", "gpt-4o-mini", "value-proposition", 100, 10, 0.01m, 900, false, true, Ungrounded: 1),
            new UsageItem("openai", "gpt-4o-mini", "value-proposition", 100, 10, 0.01m, 700, false, true, Ungrounded: -4)));
        var row = new ProviderUsageDay();
        foreach (var e in events) row.Add(e);

        var report = UsageReport.Build([row], ProviderUsageDay.DayOf(At), ProviderUsageDay.DayOf(At).AddDays(1));

        Assert.Equal((3L, 3L), (Assert.Single(report.Rows).Ungrounded, report.Totals.Ungrounded));
    }

    [Fact]
    public void a_day_row_sums_calls_and_the_report_derives_rates_and_p95()
    {
        var events = ProviderUsageRecording.Decide(null, Command(
            new UsageItem("openai", "gpt-4o-mini", "extract", 100, 10, 0.01m, 800, true, true),
            new UsageItem("openai", "gpt-4o-mini", "extract", 300, 30, 0.03m, 1500, false, false)));
        Assert.Equal("2026-11-23|openai|gpt-4o-mini|extract", ProviderUsageDay.KeyFor(events[0]));
        var row = new ProviderUsageDay();
        foreach (var e in events) row.Add(e);

        var report = UsageReport.Build([row], ProviderUsageDay.DayOf(At), ProviderUsageDay.DayOf(At).AddDays(1));
        var r = Assert.Single(report.Rows);
        Assert.Equal(("2026-11-23", 2L, 1L, 0.5, 400L, 40L, 0.04m, 1L), (r.Day, r.Calls, r.CacheHits, r.CacheHitRate!.Value, r.InputTokens,
            r.OutputTokens, r.EstimatedCostUsd, r.Failures));
        Assert.InRange(r.P95LatencyMs!.Value, 1000, 2000);
        Assert.Equal(2, report.Totals.Calls);
        Assert.Null(UsageReport.Build([], At, At).Totals.CacheHitRate);
    }
}

public class WhatIfTests
{
    private static DocumentObservation Observed(DocumentOutcome outcome, double? c, double? p, double? v, double? a, string type = "Invoice") =>
        DocumentObservation.Create(new DocumentOutcomeObserved(Guid.NewGuid(), "finance", type, outcome, c, p, v, a, 0,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1)));

    [Fact]
    public void replay_uses_the_shared_rule_and_keeps_unscored_documents_as_they_were()
    {
        var lenient = new CandidateThresholds(0, 0, 0, 0, 0);
        Assert.Equal(DocumentOutcome.Automated, AutomationWhatIf.Replay(Observed(DocumentOutcome.NeedsReview, 0.5, 0.5, 0.5, 0.5), lenient.Resolve(), false));
        Assert.Equal(DocumentOutcome.Manual, AutomationWhatIf.Replay(Observed(DocumentOutcome.Manual, 0.9, 0.9, 0.9, 0.9, "Other"), lenient.Resolve(), false));
        Assert.Equal(DocumentOutcome.Failed, AutomationWhatIf.Replay(Observed(DocumentOutcome.Failed, null, null, null, null), lenient.Resolve(), false));
        Assert.Equal(DocumentOutcome.NeedsReview, AutomationWhatIf.Replay(Observed(DocumentOutcome.NeedsReview, null, null, null, null), lenient.Resolve(), false));

        // Weights: only validation counts, and it is low → below the manual threshold.
        var weighted = new CandidateThresholds(ConfidenceWeight: 0, CompletenessWeight: 0, ValidationWeight: 1);
        Assert.Equal(DocumentOutcome.Manual, AutomationWhatIf.Replay(Observed(DocumentOutcome.Automated, 1, 1, 0.1, 0.73), weighted.Resolve(), true));
    }

    [Fact]
    public void counts_both_ways_and_the_changed_documents()
    {
        var list = new[] { Observed(DocumentOutcome.NeedsReview, 0.5, 0.5, 0.5, 0.5), Observed(DocumentOutcome.Automated, 1, 1, 1, 1) };
        var (actual, whatIf, changed) = AutomationWhatIf.Compare(list, new CandidateThresholds(0, 0, 0, 0, 0));
        Assert.Equal((1L, 1L, 0.5), (actual.Automated, actual.NeedsReview, actual.AutomationRate!.Value));
        Assert.Equal((2L, 1.0), (whatIf.Automated, whatIf.AutomationRate!.Value));
        Assert.Equal(1, changed);
        Assert.Contains("thresholds.automationThreshold", new CandidateThresholds(AutomationThreshold: 2).Problems().Keys);
    }
}

public class OutcomeRevisionTests
{
    [Fact]
    public void a_revision_moves_the_document_within_its_original_bucket_once()
    {
        var id = Guid.NewGuid();
        var completed = new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero);
        var observed = new DocumentOutcomeObserved(id, "finance", "Invoice", DocumentOutcome.Automated, 0.9, 0.9, 0.9, 0.9, 0, completed, completed);
        var seen = DocumentObservation.Create(observed);
        var revised = Assert.IsType<DocumentOutcomeRevised>(Assert.Single(
            DocumentObservationDecider.Decide(seen, id, DocumentOutcome.NeedsReview, 0.8, "v2", completed.AddDays(3))));
        Assert.Equal(AutomationBucket.KeyFor("finance", "Invoice", completed), AutomationBucket.KeyFor(revised.Department, revised.DocumentType, revised.CompletedAt));

        var bucket = new AutomationBucket();
        bucket.Add(observed);
        bucket.Add(revised);
        Assert.Equal((1L, 0L, 1L), (bucket.Processed, bucket.Automated, bucket.NeedsReview));

        seen.Apply(revised);
        Assert.Empty(DocumentObservationDecider.Decide(seen, id, DocumentOutcome.NeedsReview, 0.8, "v2", completed.AddDays(3)));
        Assert.Empty(DocumentObservationDecider.Decide(null, id, DocumentOutcome.NeedsReview, 0.8, "v2", completed));
    }
}
