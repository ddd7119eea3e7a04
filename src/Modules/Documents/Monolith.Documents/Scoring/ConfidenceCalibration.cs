using System.Reflection;
using System.Text.Json;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Scoring;

/// <summary>
/// Turns a locally extracted field's evidence (<see cref="FieldEvidence"/>: how the value was found, its rule-based
/// score, cross-checks and agreement signals) into the probability that the value is right: a logistic model with
/// named weights, fitted on labelled documents by <c>bench/DocumentAccuracy --fit</c> (<see cref="CalibrationFit"/>)
/// and shipped as the embedded resource <c>calibration.local.json</c>. Without a fitted model the rule-based score,
/// clamped, is the confidence (<see cref="Uncalibrated"/>).
/// </summary>
public sealed class ConfidenceCalibration
{
    public const string ResourceName = "Monolith.Documents.Scoring.calibration.local.json";

    /// <summary>Recorded with every field's evidence, so an audit can tell which model scored it.</summary>
    public string Version { get; }

    public IReadOnlyDictionary<string, double> Weights { get; }

    public ConfidenceCalibration(string version, IReadOnlyDictionary<string, double> weights)
    {
        Version = version;
        Weights = weights;
    }

    public static ConfidenceCalibration Uncalibrated { get; } = new("uncalibrated", new Dictionary<string, double>());

    private static readonly Lazy<ConfidenceCalibration> Embedded = new(() =>
    {
        using var stream = typeof(ConfidenceCalibration).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? Uncalibrated : FromJson(stream);
    });

    /// <summary>The model shipped with this build.</summary>
    public static ConfidenceCalibration Default => Embedded.Value;

    public bool IsFitted => Weights.Count > 0;

    /// <summary>P(value right | evidence), rounded to 3 decimals and kept inside [0.001, 0.999].</summary>
    public double Probability(string field, DocumentType type, FieldEvidence evidence)
    {
        if (!IsFitted) return Math.Round(Math.Clamp(evidence.Score, 0.01, 0.99), 3);
        var z = 0.0;
        foreach (var (name, value) in Features(field, type, evidence))
            if (Weights.TryGetValue(name, out var w)) z += w * value;
        return Math.Round(Math.Clamp(1.0 / (1.0 + Math.Exp(-z)), 0.001, 0.999), 3);
    }

    /// <summary>
    /// The model's inputs, named: receipt fields share their invoice counterparts' names (a merchant is a vendor), so
    /// what is learned on one kind of document carries to the other where the evidence is the same.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, double>> Features(string field, DocumentType type, FieldEvidence evidence)
    {
        var f = Canonical(field);
        var kind = type == DocumentType.Receipt ? "receipt" : "invoice";
        var score = Math.Clamp(evidence.Score, -0.5, 1.5);
        yield return new("bias", 1);
        yield return new($"field:{f}", 1);
        yield return new($"kind:{kind}", 1);
        yield return new($"kind:{kind}|field:{f}", 1);
        yield return new($"method:{evidence.Method}", 1);
        yield return new($"field:{f}|method:{evidence.Method}", 1);
        yield return new("score", score);
        yield return new($"field:{f}|score", score);
        foreach (var signal in evidence.Signals.Distinct(StringComparer.Ordinal))
        {
            yield return new($"signal:{signal}", 1);
            yield return new($"field:{f}|signal:{signal}", 1);
        }
    }

    public static string Canonical(string field) => field switch
    {
        FieldNames.MerchantName => FieldNames.VendorName,
        FieldNames.MerchantAddress => FieldNames.VendorAddress,
        FieldNames.TransactionDate => FieldNames.InvoiceDate,
        _ => field,
    };

    public static ConfidenceCalibration FromJson(Stream json)
    {
        var model = JsonSerializer.Deserialize<CalibrationModel>(json, JsonOptions)
                    ?? throw new InvalidDataException("The calibration model is empty.");
        return new ConfidenceCalibration(model.Version, model.Weights);
    }

    public string ToJson(string fittedOn) => JsonSerializer.Serialize(
        new CalibrationModel(Version, fittedOn, Weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToDictionary(w => w.Key, w => Math.Round(w.Value, 5))),
        JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record CalibrationModel(string Version, string? FittedOn, Dictionary<string, double> Weights);
}

/// <summary>One labelled observation for fitting: a field's evidence and whether its value was right.</summary>
public sealed record CalibrationSample(string Field, DocumentType Type, FieldEvidence Evidence, bool Correct);

/// <summary>
/// Fits <see cref="ConfidenceCalibration"/> by L2-regularised logistic regression (Newton's method): a pure function of
/// the samples, so the same labelled data always gives the same model.
/// </summary>
public static class CalibrationFit
{
    /// <summary>Features whose weight is held at or below zero: the low-OCR-confidence marks.</summary>
    public static bool IsDoubt(string feature) => feature.Contains("signal:ocr<", StringComparison.Ordinal);

    /// <param name="prior">Weights the regularisation pulls towards (none: towards 0, "no evidence"). A customer's model is
    /// fitted with the shipped model as its prior, so a few hundred corrections adjust it rather than replace it.</param>
    public static ConfidenceCalibration Fit(IReadOnlyList<CalibrationSample> samples, string version, double l2 = 1.0, int iterations = 50,
        IReadOnlyDictionary<string, double>? prior = null)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = samples.Select(s => ConfidenceCalibration.Features(s.Field, s.Type, s.Evidence)
                .GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(g => (Index: names.TryGetValue(g.Key, out var i) ? i : names[g.Key] = names.Count, Value: g.Sum(kv => kv.Value)))
                .ToArray())
            .ToList();
        if (prior is not null)
            foreach (var name in prior.Keys.Where(k => !names.ContainsKey(k)).Order(StringComparer.Ordinal).ToList()) names[name] = names.Count;
        var n = names.Count;
        var w0 = new double[n];
        if (prior is not null)
            foreach (var (name, index) in names) w0[index] = prior.GetValueOrDefault(name);
        var w = (double[])w0.Clone();
        // Marks of doubt (low OCR confidence) may only lower a probability: with few samples a free weight can learn the
        // opposite by chance, and a reviewer would never trust a value more because its pixels were harder to read.
        var doubts = names.Where(kv => IsDoubt(kv.Key)).Select(kv => kv.Value).ToHashSet();
        var biasIndex = names.GetValueOrDefault("bias", -1);
        double Objective(double[] weights)
        {
            var loss = 0.0;
            for (var r = 0; r < rows.Count; r++)
            {
                var z = rows[r].Sum(x => weights[x.Index] * x.Value);
                // log(1 + e^-z) for a right value, log(1 + e^z) for a wrong one, computed without overflow.
                var m = samples[r].Correct ? -z : z;
                loss += m > 0 ? m + double.LogP1(Math.Exp(-m)) : double.LogP1(Math.Exp(m));
            }
            for (var i = 0; i < weights.Length; i++)
                loss += 0.5 * (i == biasIndex ? 1e-6 : l2) * (weights[i] - w0[i]) * (weights[i] - w0[i]);
            return loss;
        }
        for (var it = 0; it < iterations; it++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            for (var r = 0; r < rows.Count; r++)
            {
                var z = rows[r].Sum(x => w[x.Index] * x.Value);
                var p = 1.0 / (1.0 + Math.Exp(-z));
                var y = samples[r].Correct ? 1.0 : 0.0;
                var weight = Math.Max(p * (1 - p), 1e-9);
                foreach (var a in rows[r])
                {
                    gradient[a.Index] += (p - y) * a.Value;
                    foreach (var b in rows[r]) hessian[a.Index, b.Index] += weight * a.Value * b.Value;
                }
            }
            // The bias is not shrunk: the regularisation pulls every other weight towards "no evidence".
            var bias = names.GetValueOrDefault("bias", -1);
            for (var i = 0; i < n; i++)
            {
                var lambda = i == bias ? 1e-6 : l2;
                gradient[i] += lambda * (w[i] - w0[i]);
                hessian[i, i] += lambda;
            }
            var step = Solve(hessian, gradient);
            // Damped Newton: a full step from weights far from the optimum (a prior fitted on other documents) can
            // overshoot and diverge, so the step is halved until the regularised loss goes down.
            var current = Objective(w);
            double[] next = w;
            for (var t = 1.0; t > 1e-4; t /= 2)
            {
                next = new double[n];
                for (var i = 0; i < n; i++)
                {
                    next[i] = w[i] - t * step[i];
                    if (next[i] > 0 && doubts.Contains(i)) next[i] = 0; // projected: a doubt never makes a value likelier right
                }
                if (Objective(next) <= current) break;
            }
            var change = 0.0;
            for (var i = 0; i < n; i++) change = Math.Max(change, Math.Abs(next[i] - w[i]));
            w = next;
            if (change < 1e-7) break;
        }
        return new ConfidenceCalibration(version, names.ToDictionary(kv => kv.Key, kv => w[kv.Value], StringComparer.Ordinal));
    }

    /// <summary>Solves A·x = b for a symmetric positive definite A (Gaussian elimination with partial pivoting).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            if (pivot != c)
            {
                for (var k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
                (x[c], x[pivot]) = (x[pivot], x[c]);
            }
            var d = m[c, c];
            if (Math.Abs(d) < 1e-12) continue;
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / d;
                if (f == 0) continue;
                for (var k = c; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (var c = n - 1; c >= 0; c--)
        {
            var s = x[c];
            for (var k = c + 1; k < n; k++) s -= m[c, k] * x[k];
            x[c] = Math.Abs(m[c, c]) < 1e-12 ? 0 : s / m[c, c];
        }
        return x;
    }
}

/// <summary>One bin of a reliability diagram: predictions in [From, To), their mean confidence and observed accuracy.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanConfidence, double Accuracy);

/// <summary>How well confidences match observed accuracy: the bins and the expected calibration error (ECE).</summary>
public sealed record Reliability(IReadOnlyList<ReliabilityBin> Bins, double ExpectedCalibrationError, int Count)
{
    /// <summary>Equal-width bins over [0, 1]; ECE = Σ (n_bin / n) · |accuracy_bin − confidence_bin|.</summary>
    public static Reliability Of(IEnumerable<(double Confidence, bool Correct)> predictions, int bins = 10)
    {
        var all = predictions.ToList();
        var result = new List<ReliabilityBin>();
        var ece = 0.0;
        for (var b = 0; b < bins; b++)
        {
            double from = (double)b / bins, to = (double)(b + 1) / bins;
            var inBin = all.Where(p => p.Confidence >= from && (p.Confidence < to || b == bins - 1 && p.Confidence <= 1.0)).ToList();
            if (inBin.Count == 0) { result.Add(new ReliabilityBin(from, to, 0, 0, 0)); continue; }
            var confidence = inBin.Average(p => p.Confidence);
            var accuracy = inBin.Count(p => p.Correct) / (double)inBin.Count;
            ece += inBin.Count / (double)all.Count * Math.Abs(accuracy - confidence);
            result.Add(new ReliabilityBin(from, to, inBin.Count, confidence, accuracy));
        }
        return new Reliability(result, ece, all.Count);
    }
}
