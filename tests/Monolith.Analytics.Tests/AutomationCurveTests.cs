using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.WhatIf;
using Monolith.Documents.Contracts;

namespace Monolith.Analytics.Tests;

public class AutomationCurveTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>All component scores pass the lenient thresholds used below; only the automation score decides.</summary>
    private static DocumentObservation Observed(DocumentOutcome outcome, double automation, double confidence = 0.95,
        (bool Approved, int Corrections)? review = null, string type = "Invoice")
    {
        var id = Guid.NewGuid();
        var o = DocumentObservation.Create(new DocumentOutcomeObserved(id, "finance", type, outcome, confidence, 1, 1, automation, 0, At, At));
        if (review is { } r) o.Apply(new DocumentReviewObserved(id, "finance", type, r.Approved, r.Corrections, At.AddHours(1)));
        return o;
    }

    private static readonly AutomationThresholds Current = new(AutomationThreshold: 0.9, ConfidenceThreshold: 0.5, CompletenessThreshold: 0.5,
        ValidationThreshold: 0.5, ManualInterventionThreshold: 0.5);

    private static readonly DocumentObservation[] History =
    [
        Observed(DocumentOutcome.Automated, 0.97),                               // automated: never reviewed, no label
        Observed(DocumentOutcome.Automated, 0.93, confidence: 0.8),              // automated: no label, confidence 0.8
        Observed(DocumentOutcome.NeedsReview, 0.88, review: (true, 0)),          // reviewed: clean approval
        Observed(DocumentOutcome.NeedsReview, 0.80, review: (true, 2)),          // reviewed: approved after 2 corrections → error
        Observed(DocumentOutcome.NeedsReview, 0.70, review: (false, 0)),         // reviewed: rejected → error
        Observed(DocumentOutcome.NeedsReview, 0.65),                             // waiting in review: no label yet
        Observed(DocumentOutcome.Failed, 0),                                     // failed stays failed
    ];

    private static CurvePoint PointAt(AutomationCurve curve, double threshold) => curve.Points.Single(p => Math.Abs(p.Threshold - threshold) < 1e-9);

    [Fact]
    public void the_default_sweep_is_the_automation_threshold_from_0_50_to_1_00_in_hundredths()
    {
        var values = new CurveSweep().Values();
        Assert.Equal(51, values.Count);
        Assert.Equal((0.5, 0.51, 1.0), (values[0], values[1], values[^1]));
        Assert.Equal(11, new CurveSweep(CurveThreshold.Confidence, 0.9, 1.0, 0.01).Values().Count);
    }

    [Fact]
    public void the_automation_share_grows_and_the_error_rate_counts_only_reviewed_documents()
    {
        var curve = AutomationCurveCalculator.Compute(History, new CurveSweep(), Current);

        var current = PointAt(curve, 0.90);
        Assert.True(current.IsCurrent);
        Assert.Equal((7L, 2L, 0L, 2L), (current.SampleSize, current.Automated, current.Labelled, current.Unlabelled));
        Assert.Equal(2.0 / 7, current.AutomationRate!.Value, 9);
        Assert.Null(current.ErrorRate); // nothing automated was ever reviewed: no measured error, not 0 %
        Assert.Equal(((1 - 0.95) + (1 - 0.8)) / 2, current.EstimatedErrorRate!.Value, 9);
        Assert.Equal(current with { IsCurrent = true }, curve.Current);

        var at085 = PointAt(curve, 0.85); // adds the clean approval
        Assert.Equal((3L, 1L, 0L), (at085.Automated, at085.Labelled, at085.Errors));
        Assert.Equal(0.0, at085.ErrorRate!.Value);
        Assert.False(at085.IsCurrent);

        var at080 = PointAt(curve, 0.80); // adds the corrected one
        Assert.Equal((4L, 2L, 1L, 0.5), (at080.Automated, at080.Labelled, at080.Errors, at080.ErrorRate!.Value));
        Assert.Equal((0.05 + 0.2 + 0 + 1) / 4, at080.EstimatedErrorRate!.Value, 9);

        var at065 = PointAt(curve, 0.65); // adds the rejected one and the unreviewed one
        Assert.Equal((6L, 3L, 2L), (at065.Automated, at065.Labelled, at065.Errors));
        Assert.Equal(2.0 / 3, at065.ErrorRate!.Value, 9);
        Assert.Equal(6.0 / 7, at065.AutomationRate!.Value, 9);

        // Below the manual-intervention threshold nothing more is automated; the failed document never is.
        Assert.Equal(6L, PointAt(curve, 0.50).Automated);
        Assert.Equal(0L, PointAt(curve, 1.00).Automated);
        Assert.Equal(3L, curve.Reviewed);

        // Monotone: raising the threshold never automates more.
        Assert.True(curve.Points.Zip(curve.Points.Skip(1)).All(p => p.First.Automated >= p.Second.Automated));
        Assert.Single(curve.Points, p => p.IsCurrent);
    }

    [Fact]
    public void sweeping_confidence_keeps_the_automation_threshold_where_it_is()
    {
        var history = new[]
        {
            Observed(DocumentOutcome.Automated, 0.95, confidence: 0.99),
            Observed(DocumentOutcome.NeedsReview, 0.95, confidence: 0.7, review: (false, 0)),
            Observed(DocumentOutcome.NeedsReview, 0.6, confidence: 0.99, review: (true, 0)), // below the automation threshold
        };
        var sweep = new CurveSweep(CurveThreshold.Confidence, 0.5, 1.0, 0.05);
        var curve = AutomationCurveCalculator.Compute(history, sweep, Current with { ConfidenceThreshold = 0.9 });
        Assert.Equal(11, curve.Points.Count);
        Assert.Equal((2L, 1L, 1.0), (PointAt(curve, 0.7).Automated, PointAt(curve, 0.7).Errors, PointAt(curve, 0.7).ErrorRate!.Value));
        Assert.Equal(1L, PointAt(curve, 0.9).Automated);
        Assert.True(PointAt(curve, 0.9).IsCurrent);
        Assert.Equal(0.9, curve.Current.Threshold);
    }

    [Fact]
    public void a_current_value_between_steps_marks_the_nearest_point_and_is_computed_exactly()
    {
        var curve = AutomationCurveCalculator.Compute(History, new CurveSweep(Min: 0.5, Max: 1.0, Step: 0.1), Current with { AutomationThreshold = 0.875 });
        Assert.Equal(0.9, Assert.Single(curve.Points, p => p.IsCurrent).Threshold, 9);
        Assert.Equal(0.875, curve.Current.Threshold);
        Assert.Equal(3L, curve.Current.Automated);
    }

    [Fact]
    public void reviews_recorded_before_the_verdict_was_kept_are_not_labels()
    {
        var old = Observed(DocumentOutcome.NeedsReview, 0.8);
        old.ReviewedAt = At; // as stored by a version that kept only the time: a rebuild fills in the verdict
        var curve = AutomationCurveCalculator.Compute([old], new CurveSweep(), Current);
        Assert.Equal((0L, 1L), (curve.Reviewed, curve.ReviewedWithoutVerdict));
        Assert.Equal(0L, PointAt(curve, 0.8).Labelled);
    }

    [Fact]
    public void no_documents_give_no_rates_rather_than_zero()
    {
        var curve = AutomationCurveCalculator.Compute([], new CurveSweep(), Current);
        Assert.All(curve.Points, p => Assert.Equal((0L, null, null, null), (p.Automated, p.AutomationRate, p.ErrorRate, p.EstimatedErrorRate)));
    }

    [Fact]
    public void the_wilson_interval_is_wide_for_few_labels_and_stays_within_0_and_1()
    {
        var (low, high) = AutomationCurveCalculator.Wilson(0, 3);
        Assert.Equal(0, low!.Value, 9);
        Assert.InRange(high!.Value, 0.5, 0.6);
        var (l2, h2) = AutomationCurveCalculator.Wilson(50, 1000);
        Assert.InRange(l2!.Value, 0.037, 0.05);
        Assert.InRange(h2!.Value, 0.05, 0.066);
        Assert.Equal((null, null), AutomationCurveCalculator.Wilson(0, 0));
    }

    [Fact]
    public void the_query_names_each_bad_parameter()
    {
        var now = At;
        bool Try(out Dictionary<string, string[]> errors, params (string Key, string Value)[] q) =>
            AutomationCurveQuery.TryCreate(q.ToDictionary(x => x.Key, x => (string?)x.Value), now, out _, out errors);

        Assert.True(AutomationCurveQuery.TryCreate(new Dictionary<string, string?>(), now, out var query, out _));
        Assert.Equal(TimeSpan.FromDays(30), query.Window.To - query.Window.From); // default window: the last 30 days
        Assert.Equal((CurveThreshold.Automation, 0.85), (query.Sweep.Threshold, query.Current.AutomationThreshold));
        Assert.True(Try(out _, ("documentType", "invoice"), ("threshold", "Confidence"), ("confidenceThreshold", "0.8")));

        foreach (var (key, value) in new[]
                 {
                     ("documentType", "Banana"), ("threshold", "completeness"), ("threshold", "1"), ("range", "1y"), ("from", "yesterday"),
                     ("min", "-0.1"), ("step", "0"), ("automationThreshold", "abc"), ("manualInterventionThreshold", "0.99"),
                 })
        {
            Assert.False(Try(out var errors, (key, value)), $"{key}={value}");
            Assert.True(errors.ContainsKey(key), $"{key}={value}: {string.Join(", ", errors.Keys)}");
        }
        Assert.False(Try(out var minMax, ("min", "0.9"), ("max", "0.8")));
        Assert.True(minMax.ContainsKey("min"));
    }
}
