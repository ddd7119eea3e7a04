using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Monolith.Documents.Extraction;
using Monolith.Documents.Scoring;

namespace Monolith.Documents.Learning;

/// <summary>How well a confidence model predicted whether values were right on a set of reviewed fields.</summary>
public sealed record ModelScore(int Fields, double LogLoss, double Accuracy, double CalibrationError);

/// <summary>
/// A customer's confidence model was retrained from its reviewers' verdicts (a field left as extracted in an approved
/// review was right; a corrected one was wrong): the model, how it and the model in force scored on the held-back
/// reviews, and whether it was activated (only when it predicts the held-back verdicts better).
/// </summary>
public sealed record CustomerModelTrained(string Version, string BaseVersion, int Documents, int TrainedOn, int HeldBack,
    ModelScore Before, ModelScore After, bool Activated, string Reason, IReadOnlyDictionary<string, double> Weights, DateTimeOffset At);

/// <summary>One reviewed field: its evidence, from which document, and the reviewer's verdict.</summary>
public sealed record ReviewedField(Guid DocumentId, CalibrationSample Sample);

/// <summary>The customer's model in force and its training history (inline snapshot of <see cref="CustomerModelTrained"/>).</summary>
public sealed class CustomerModel
{
    /// <summary>One stream per customer (the store's tenancy keeps customers apart).</summary>
    public static readonly Guid StreamId = new(SHA1.HashData(Encoding.UTF8.GetBytes("customer-confidence-model"))[..16]);

    public Guid Id { get; set; } = StreamId;
    public string? ActiveVersion { get; set; }
    public Dictionary<string, double> ActiveWeights { get; set; } = new(StringComparer.Ordinal);
    public List<CustomerModelTrained> Runs { get; set; } = [];
    /// <summary>This customer's retrained type model and candidate ranker in force (null: the shipped ones), and their runs.</summary>
    public string? ActiveTypeModel { get; set; }
    public string? ActiveRanker { get; set; }
    public List<LearnedModelTrained> LearnedRuns { get; set; } = [];

    public static CustomerModel Create(CustomerModelTrained e)
    {
        var model = new CustomerModel();
        model.Apply(e);
        return model;
    }

    public void Apply(CustomerModelTrained e)
    {
        Runs.Add(e with { Weights = new Dictionary<string, double>() });
        if (!e.Activated) return;
        ActiveVersion = e.Version;
        ActiveWeights = new Dictionary<string, double>(e.Weights, StringComparer.Ordinal);
    }

    public void Apply(LearnedModelTrained e)
    {
        LearnedRuns.Add(e);
        if (!e.Activated) return;
        if (e.Kind == "type") ActiveTypeModel = e.Version;
        else if (e.Kind == "ranker") ActiveRanker = e.Version;
    }

    /// <summary>The model documents of this customer are scored with: its own when one is active, else the shipped one.</summary>
    public ConfidenceCalibration Calibration() =>
        ActiveVersion is null ? ConfidenceCalibration.Default : new ConfidenceCalibration(ActiveVersion, ActiveWeights);
}

/// <summary>
/// Retraining, pure: the reviewed fields are split by document (a hash of its id: one in five held back), a model is
/// fitted on the rest starting from, and regularised towards, the model in force, and both are scored on the held-back
/// reviews. The new model is activated only when its log-loss there is lower.
/// </summary>
public static class CustomerModelTraining
{
    /// <summary>Fewer held-back reviewed fields than this cannot tell a better model from luck.</summary>
    public const int MinHeldBackFields = 30;

    public const double L2 = 1.0;

    public static bool IsHeldBack(Guid documentId) => SHA1.HashData(documentId.ToByteArray())[0] % 5 == 0;

    /// <returns>The training run, or why there is none (too few reviewed fields).</returns>
    public static (CustomerModelTrained? Run, string? Problem) Train(IReadOnlyList<ReviewedField> reviewed, ConfidenceCalibration current,
        int documents, DateTimeOffset now)
    {
        var heldBack = reviewed.Where(r => IsHeldBack(r.DocumentId)).Select(r => r.Sample).ToList();
        var training = reviewed.Where(r => !IsHeldBack(r.DocumentId)).Select(r => r.Sample).ToList();
        if (heldBack.Count < MinHeldBackFields || training.Count < MinHeldBackFields)
            return (null, $"Retraining needs at least {MinHeldBackFields} reviewed fields to learn from and {MinHeldBackFields} held back to test on; " +
                $"{documents} approved documents gave {training.Count} and {heldBack.Count}.");

        var fingerprint = string.Join("|", training.Select(s => $"{s.Field}{s.Evidence.Method}{s.Evidence.Score}{string.Join(",", s.Evidence.Signals)}{s.Correct}"));
        var version = "customer-" + Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(current.Version + "|" + fingerprint)))[..8].ToLowerInvariant();
        var model = CalibrationFit.Fit(training, version, L2, prior: current.Weights);
        var before = Score(current, heldBack);
        var after = Score(model, heldBack);
        var better = after.LogLoss < before.LogLoss;
        var reason = better
            ? string.Create(CultureInfo.InvariantCulture, $"Activated: log-loss on {heldBack.Count} held-back reviewed fields {before.LogLoss:0.0000} → {after.LogLoss:0.0000}.")
            : string.Create(CultureInfo.InvariantCulture, $"Not activated: log-loss on {heldBack.Count} held-back reviewed fields would go {before.LogLoss:0.0000} → {after.LogLoss:0.0000}; {current.Version} stays in force.");
        return (new CustomerModelTrained(version, current.Version, documents, training.Count, heldBack.Count, before, after, better, reason,
            new Dictionary<string, double>(model.Weights, StringComparer.Ordinal), now), null);
    }

    public static ModelScore Score(ConfidenceCalibration model, IReadOnlyList<CalibrationSample> samples)
    {
        var predictions = samples.Select(s => (P: model.Probability(s.Field, s.Type, s.Evidence), s.Correct)).ToList();
        var logLoss = predictions.Average(p => -Math.Log(Math.Clamp(p.Correct ? p.P : 1 - p.P, 1e-3, 1)));
        var accuracy = predictions.Average(p => (p.P >= 0.5) == p.Correct ? 1.0 : 0.0);
        var ece = Reliability.Of(predictions.Select(p => (p.P, p.Correct))).ExpectedCalibrationError;
        return new ModelScore(samples.Count, Math.Round(logLoss, 4), Math.Round(accuracy, 4), Math.Round(ece, 4));
    }

    /// <summary>The reviewer's verdict on each field the extraction gave evidence for: left as it was (right) or corrected (wrong).</summary>
    public static IEnumerable<ReviewedField> Verdicts(Guid documentId, DocumentType type, IReadOnlyList<ExtractedField> extracted,
        IReadOnlyCollection<string> corrected) =>
        extracted.Where(f => f.Evidence is not null)
            .Select(f => new ReviewedField(documentId, new CalibrationSample(f.Name, type, f.Evidence!, !corrected.Contains(f.Name))));
}
