using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;
using Wolverine.Http;

namespace Monolith.Analytics.Features.WhatIf;

/// <summary>The threshold a curve sweeps; the others stay at the given (current) values.</summary>
public enum CurveThreshold { Automation, Confidence }

/// <summary>Which threshold to sweep, over which values (inclusive, in steps).</summary>
public sealed record CurveSweep(CurveThreshold Threshold = CurveThreshold.Automation, double Min = 0.50, double Max = 1.00, double Step = 0.01)
{
    public const int MaxPoints = 1001;

    public IReadOnlyList<double> Values()
    {
        var count = (int)Math.Round((Max - Min) / Step) + 1;
        return [.. Enumerable.Range(0, count).Select(i => Math.Round(Min + i * Step, 6)).Where(v => v <= Max + 1e-9)];
    }

    public AutomationThresholds With(AutomationThresholds t, double value)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Threshold == CurveThreshold.Confidence ? t with { ConfidenceThreshold = value } : t with { AutomationThreshold = value };
    }

    public double CurrentValue(AutomationThresholds t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Threshold == CurveThreshold.Confidence ? t.ConfidenceThreshold : t.AutomationThreshold;
    }
}

/// <summary>
/// One threshold value: how many of the <see cref="SampleSize"/> documents would have been automated, and how many of
/// those were wrong. Only reviewed documents carry a label, so <see cref="ErrorRate"/> is errors among the
/// <see cref="Labelled"/> ones (with a 95 % Wilson interval); <see cref="EstimatedErrorRate"/> adds the
/// <see cref="Unlabelled"/> automated documents at 1 − their recorded confidence.
/// </summary>
public sealed record CurvePoint(double Threshold, long SampleSize, long Automated, double? AutomationRate, long Labelled, long Errors,
    double? ErrorRate, double? ErrorRateLow, double? ErrorRateHigh, long Unlabelled, double? EstimatedErrorRate, bool IsCurrent);

public sealed record AutomationCurve(IReadOnlyList<CurvePoint> Points, CurvePoint Current, long Reviewed, long ReviewedWithoutVerdict);

/// <summary>
/// Pure: each observation's recorded scores replayed through the shared decision rule (<see cref="AutomationWhatIf.Replay"/>)
/// at every swept value, the others held at <paramref name="current"/>. An error is a reviewed document that the reviewer
/// rejected or approved only after correcting fields.
/// </summary>
public static class AutomationCurveCalculator
{
    public const string Method =
        "automationRate = automated / sampleSize at the threshold (replaying the recorded scores through the decision rule). "
        + "Only reviewed documents have a label: errorRate = errors / labelled, where an error is a document the reviewer rejected "
        + "or corrected; automated documents were never reviewed and do not count in it (errorRateLow/High: 95% Wilson interval). "
        + "estimatedErrorRate also counts each unlabelled automated document as 1 - its recorded confidence, assuming the "
        + "confidence is calibrated.";

    public static AutomationCurve Compute(IReadOnlyList<DocumentObservation> observations, CurveSweep sweep, AutomationThresholds current)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(current);
        var values = sweep.Values();
        var currentValue = sweep.CurrentValue(current);
        var nearest = values.Count == 0 ? -1
            : values.Select((v, i) => (Distance: Math.Abs(v - currentValue), i)).MinBy(x => x.Distance).i;
        var points = values.Select((v, i) => At(observations, sweep.With(current, v), v, i == nearest)).ToList();
        return new AutomationCurve(points, At(observations, current, currentValue, true),
            observations.LongCount(o => o.ReviewFoundError is not null),
            observations.LongCount(o => o.ReviewedAt is not null && o.ReviewFoundError is null));
    }

    public static CurvePoint At(IReadOnlyList<DocumentObservation> observations, AutomationThresholds t, double value, bool isCurrent)
    {
        ArgumentNullException.ThrowIfNull(observations);
        long automated = 0, labelled = 0, errors = 0, unlabelled = 0, estimable = 0;
        // Summed in decimal: exact, so the estimate does not depend on the order observations come in (a rebuild reorders them).
        decimal expectedErrors = 0;
        foreach (var o in observations)
        {
            if (AutomationWhatIf.Replay(o, t, recomputeAutomation: false) != DocumentOutcome.Automated) continue;
            automated++;
            if (o.ReviewFoundError is { } error)
            {
                labelled++;
                estimable++;
                if (!error) continue;
                errors++;
                expectedErrors++;
            }
            else
            {
                unlabelled++;
                if (o.ConfidenceScore is not { } confidence) continue;
                estimable++;
                expectedErrors += 1 - (decimal)Math.Clamp(confidence, 0, 1);
            }
        }
        var (low, high) = Wilson(errors, labelled);
        return new CurvePoint(value, observations.Count, automated, observations.Count == 0 ? null : (double)automated / observations.Count,
            labelled, errors, labelled == 0 ? null : (double)errors / labelled, low, high, unlabelled,
            estimable == 0 ? null : (double)Math.Round(expectedErrors / estimable, 6), isCurrent);
    }

    /// <summary>95 % Wilson score interval: stays inside [0, 1] and honest about small samples (3 labelled → wide).</summary>
    public static (double? Low, double? High) Wilson(long successes, long n)
    {
        if (n == 0) return (null, null);
        const double z = 1.96;
        double p = (double)successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var margin = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - margin), Math.Min(1, centre + margin));
    }
}

public sealed record DocumentTypeCount(string DocumentType, long Documents);

public sealed record AutomationCurveResponse(DateTimeOffset From, DateTimeOffset To, string? Department, string? DocumentType,
    string Threshold, double CurrentValue, AutomationThresholds Thresholds, long SampleSize, long Reviewed, long ReviewedWithoutVerdict,
    string Method, CurvePoint Current, IReadOnlyList<CurvePoint> Points, IReadOnlyList<DocumentTypeCount> DocumentTypes);

/// <summary>The parsed query of <c>GET /api/analytics/automation/curve</c>; every problem names its parameter.</summary>
public sealed record AutomationCurveQuery(AutomationQuery Window, string? DocumentType, CurveSweep Sweep, AutomationThresholds Current)
{
    public static bool TryCreate(IReadOnlyDictionary<string, string?> q, DateTimeOffset now, out AutomationCurveQuery query,
        out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(q);
        string? Q(string name) => q.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        query = null!;
        var range = Q("range") ?? (Q("from") is null && Q("to") is null ? "30d" : null);
        AutomationQuery.TryCreate(Q("from"), Q("to"), Q("department"), null, null, range, now, out var window, out var problems);

        string? type = null;
        if (Q("documentType") is { } requested)
        {
            type = DocumentOutcomes.KnownTypes.FirstOrDefault(k => string.Equals(k, requested, StringComparison.OrdinalIgnoreCase));
            if (type is null) problems["documentType"] = [$"documentType must be one of {string.Join(", ", DocumentOutcomes.KnownTypes)}."];
        }

        var swept = Q("threshold") switch
        {
            null => CurveThreshold.Automation,
            var n when string.Equals(n, "automation", StringComparison.OrdinalIgnoreCase) => CurveThreshold.Automation,
            var n when string.Equals(n, "confidence", StringComparison.OrdinalIgnoreCase) => CurveThreshold.Confidence,
            _ => (CurveThreshold?)null,
        };
        if (swept is null) problems["threshold"] = ["threshold must be 'automation' or 'confidence'."];

        var d = new CurveSweep();
        double? Number(string name)
        {
            if (Q(name) is not { } text) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1) return v;
            problems[name] = [$"{name} must be a number between 0 and 1."];
            return null;
        }
        var min = Number("min") ?? d.Min;
        var max = Number("max") ?? d.Max;
        var step = Number("step") ?? d.Step;
        if (!problems.ContainsKey("min") && !problems.ContainsKey("max") && min >= max) problems["min"] = ["min must be below max."];
        else if (!problems.ContainsKey("step") && (step <= 0 || (max - min) / step + 1 > CurveSweep.MaxPoints))
            problems["step"] = [$"step must be above 0 and give at most {CurveSweep.MaxPoints} points."];

        var candidate = new CandidateThresholds(Number("automationThreshold"), Number("confidenceThreshold"),
            Number("completenessThreshold"), Number("validationThreshold"), Number("manualInterventionThreshold"));
        foreach (var (key, messages) in candidate.Problems()) problems.TryAdd(key.Replace("thresholds.", "", StringComparison.Ordinal), messages);

        errors = problems;
        if (errors.Count > 0) return false;
        query = new AutomationCurveQuery(window, type, new CurveSweep(swept!.Value, min, max, step), candidate.Resolve());
        return true;
    }
}

public static class AutomationCurveEndpoint
{
    /// <summary>
    /// The error/automation curve of the tenant's recorded documents: for each value of one threshold, the share that
    /// would have been automated and the error rate among those, from the reviews. The other thresholds are the caller's
    /// current ones (Documents owns the settings; the dashboard passes <c>/api/automation/settings</c>'s effective
    /// values), else the Documents defaults. Reads only.
    /// </summary>
    [WolverineGet("/api/analytics/automation/curve", OperationId = "GetAutomationCurve")]
    [Tags("Analytics")]
    [ProducesResponseType<AutomationCurveResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(string? from, string? to, string? range, string? department, string? documentType,
        string? threshold, string? min, string? max, string? step, string? automationThreshold, string? confidenceThreshold,
        string? completenessThreshold, string? validationThreshold, string? manualInterventionThreshold,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(from)] = from, [nameof(to)] = to, [nameof(range)] = range, [nameof(department)] = department,
            [nameof(documentType)] = documentType, [nameof(threshold)] = threshold, [nameof(min)] = min, [nameof(max)] = max,
            [nameof(step)] = step, [nameof(automationThreshold)] = automationThreshold, [nameof(confidenceThreshold)] = confidenceThreshold,
            [nameof(completenessThreshold)] = completenessThreshold, [nameof(validationThreshold)] = validationThreshold,
            [nameof(manualInterventionThreshold)] = manualInterventionThreshold,
        };
        if (!AutomationCurveQuery.TryCreate(raw, clock.GetUtcNow(), out var query, out var errors))
            return Results.ValidationProblem(errors);

        var window = query.Window;
        IQueryable<DocumentObservation> observations = session.Query<DocumentObservation>()
            .Where(o => o.CompletedAt >= window.From && o.CompletedAt < window.To && o.Outcome != null);
        if (window.Department is { } onlyDepartment) observations = observations.Where(o => o.Department == onlyDepartment);
        var all = await observations.ToListAsync(ct);
        var types = all.GroupBy(o => o.DocumentType, StringComparer.OrdinalIgnoreCase)
            .Select(g => new DocumentTypeCount(g.Key, g.LongCount())).OrderByDescending(t => t.Documents).ThenBy(t => t.DocumentType, StringComparer.Ordinal)
            .ToList();
        var list = query.DocumentType is { } type
            ? all.Where(o => string.Equals(o.DocumentType, type, StringComparison.OrdinalIgnoreCase)).ToList()
            : all;

        var curve = AutomationCurveCalculator.Compute(list, query.Sweep, query.Current);
        return Results.Ok(new AutomationCurveResponse(window.From, window.To, window.Department, query.DocumentType,
            query.Sweep.Threshold.ToString().ToLowerInvariant(), query.Sweep.CurrentValue(query.Current), query.Current, list.Count,
            curve.Reviewed, curve.ReviewedWithoutVerdict, AutomationCurveCalculator.Method, curve.Current, curve.Points, types));
    }
}
