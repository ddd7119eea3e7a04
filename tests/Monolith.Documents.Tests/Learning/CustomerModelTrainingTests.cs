using Monolith.Documents.Extraction;
using Monolith.Documents.Learning;
using Monolith.Documents.Scoring;

namespace Monolith.Documents.Tests.Learning;

/// <summary>Retraining from reviews, pure: held back by document, activated only when it predicts the held-back verdicts better.</summary>
public class CustomerModelTrainingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    // A total found as "largest amount" on this customer's documents: its vendors print a larger deposit line, so reviewers
    // correct it most of the time; the shipped model, which learned from other documents, trusts it more.
    private static ReviewedField Total(Guid document, bool right) => new(document, new CalibrationSample(FieldNames.Total, DocumentType.Invoice,
        new FieldEvidence("largest-amount", 0.6, ["single-candidate"]), right));

    private static ReviewedField Date(Guid document, bool right) => new(document, new CalibrationSample(FieldNames.InvoiceDate, DocumentType.Invoice,
        new FieldEvidence("label-right", 0.9, ["label:date"]), right));

    private static List<ReviewedField> Reviews(int documents, Func<bool, int, bool> totalRight)
    {
        var reviewed = new List<ReviewedField>();
        for (var i = 0; i < documents; i++)
        {
            var id = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
            reviewed.Add(Total(id, totalRight(CustomerModelTraining.IsHeldBack(id), i)));
            reviewed.Add(Date(id, true));
        }
        return reviewed;
    }

    [Fact]
    public void a_model_that_predicts_the_held_back_reviews_better_is_activated()
    {
        // Four in five of these totals are corrected, in training and held back alike.
        var (run, problem) = CustomerModelTraining.Train(Reviews(200, (_, i) => i % 5 == 0), ConfidenceCalibration.Default, 200, Now);

        Assert.Null(problem);
        Assert.True(run!.Activated, run.Reason);
        Assert.True(run.After.LogLoss < run.Before.LogLoss);
        Assert.StartsWith("customer-", run.Version, StringComparison.Ordinal);
        Assert.Equal(ConfidenceCalibration.Default.Version, run.BaseVersion);
        var model = CustomerModel.Create(run).Calibration();
        var evidence = new FieldEvidence("largest-amount", 0.6, ["single-candidate"]);
        Assert.True(model.Probability(FieldNames.Total, DocumentType.Invoice, evidence) < ConfidenceCalibration.Default.Probability(FieldNames.Total, DocumentType.Invoice, evidence));
    }

    [Fact]
    public void a_model_that_is_worse_on_the_held_back_reviews_is_not_activated_and_the_one_in_force_stays()
    {
        // What the reviews to learn from say is the opposite of what the held-back ones say.
        var (run, _) = CustomerModelTraining.Train(Reviews(200, (heldBack, _) => heldBack), ConfidenceCalibration.Default, 200, Now);

        Assert.False(run!.Activated);
        Assert.True(run.After.LogLoss >= run.Before.LogLoss);
        Assert.Contains("Not activated", run.Reason, StringComparison.Ordinal);
        var model = CustomerModel.Create(run);
        Assert.Null(model.ActiveVersion);
        Assert.Equal(ConfidenceCalibration.Default.Version, model.Calibration().Version);
        Assert.Single(model.Runs);
    }

    [Fact]
    public void too_few_reviews_train_nothing_and_say_how_many_there_were()
    {
        var (run, problem) = CustomerModelTraining.Train(Reviews(10, (_, _) => true), ConfidenceCalibration.Default, 10, Now);

        Assert.Null(run);
        Assert.Contains("10 approved documents", problem, StringComparison.Ordinal);
    }
}
