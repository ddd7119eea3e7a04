using Monolith.BuildingBlocks.Access;
using Monolith.BuildingBlocks.Web;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Documents.Contracts;
using Wolverine.Http;

namespace Monolith.Analytics.Features.WhatIf;

/// <summary>Candidate automation settings: the threshold and weight fields of the Documents automation settings; a missing
/// field takes the Documents default (<see cref="AutomationThresholds"/>).</summary>
public sealed record CandidateThresholds(
    double? AutomationThreshold = null,
    double? ConfidenceThreshold = null,
    double? CompletenessThreshold = null,
    double? ValidationThreshold = null,
    double? ManualInterventionThreshold = null,
    double? ConfidenceWeight = null,
    double? CompletenessWeight = null,
    double? ValidationWeight = null)
{
    public bool ChangesWeights => ConfidenceWeight is not null || CompletenessWeight is not null || ValidationWeight is not null;

    public AutomationThresholds Resolve()
    {
        var d = new AutomationThresholds();
        return new AutomationThresholds(AutomationThreshold ?? d.AutomationThreshold, ConfidenceThreshold ?? d.ConfidenceThreshold,
            CompletenessThreshold ?? d.CompletenessThreshold, ValidationThreshold ?? d.ValidationThreshold,
            ManualInterventionThreshold ?? d.ManualInterventionThreshold, ConfidenceWeight ?? d.ConfidenceWeight,
            CompletenessWeight ?? d.CompletenessWeight, ValidationWeight ?? d.ValidationWeight);
    }

    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        void Check(string name, double? value, double max)
        {
            if (value is { } v && (double.IsNaN(v) || v < 0 || v > max)) problems["thresholds." + name] = [$"{name} must be between 0 and {max}."];
        }
        Check("automationThreshold", AutomationThreshold, 1);
        Check("confidenceThreshold", ConfidenceThreshold, 1);
        Check("completenessThreshold", CompletenessThreshold, 1);
        Check("validationThreshold", ValidationThreshold, 1);
        Check("manualInterventionThreshold", ManualInterventionThreshold, 1);
        Check("confidenceWeight", ConfidenceWeight, 10);
        Check("completenessWeight", CompletenessWeight, 10);
        Check("validationWeight", ValidationWeight, 10);
        if (problems.Count == 0 && Resolve() is var t && t.ManualInterventionThreshold > t.AutomationThreshold)
            problems["thresholds.manualInterventionThreshold"] = ["manualInterventionThreshold must not exceed automationThreshold."];
        return problems;
    }
}

public sealed record AutomationWhatIfRequest(string? From, string? To, string? Range, string? Department, CandidateThresholds? Thresholds);

public sealed record DecisionCounts(long Automated, long NeedsReview, long Manual, long Failed, double? AutomationRate);

public sealed record AutomationWhatIfResponse(DateTimeOffset From, DateTimeOffset To, string? Department, long Documents,
    DecisionCounts Actual, DecisionCounts WhatIf, long Changed, AutomationThresholds Thresholds);

/// <summary>
/// Pure replay: each observed document's recorded scores through the shared decision rule with candidate thresholds.
/// Documents without scores (failed, or stopped and sent to review) keep their actual outcome. With unchanged weights the
/// recorded automation score is used as is; otherwise it is recomputed from the recorded (4-decimal) component scores.
/// </summary>
public static class AutomationWhatIf
{
    public static DocumentOutcome Replay(DocumentObservation o, AutomationThresholds t, bool recomputeAutomation)
    {
        ArgumentNullException.ThrowIfNull(o);
        var actual = o.Outcome ?? DocumentOutcome.Manual;
        if (actual == DocumentOutcome.Failed
            || o is not { ConfidenceScore: { } c, CompletenessScore: { } p, ValidationScore: { } v, AutomationScore: { } recorded })
            return actual;
        var automation = recomputeAutomation ? AutomationDecisionRule.AutomationScore(c, p, v, t) : recorded;
        var supported = !string.Equals(o.DocumentType, "Other", StringComparison.OrdinalIgnoreCase);
        return AutomationDecisionRule.Decide(c, p, v, automation, supported, t) switch
        {
            AutomationDecision.Automated => DocumentOutcome.Automated,
            AutomationDecision.NeedsReview => DocumentOutcome.NeedsReview,
            _ => DocumentOutcome.Manual,
        };
    }

    public static (DecisionCounts Actual, DecisionCounts WhatIf, long Changed) Compare(IReadOnlyList<DocumentObservation> observations,
        CandidateThresholds candidate)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(candidate);
        var t = candidate.Resolve();
        var actual = observations.Select(o => o.Outcome ?? DocumentOutcome.Manual).ToList();
        var replayed = observations.Select(o => Replay(o, t, candidate.ChangesWeights)).ToList();
        return (Count(actual), Count(replayed), actual.Zip(replayed).LongCount(x => x.First != x.Second));
    }

    private static DecisionCounts Count(IReadOnlyList<DocumentOutcome> outcomes)
    {
        long Of(DocumentOutcome o) => outcomes.LongCount(x => x == o);
        var automated = Of(DocumentOutcome.Automated);
        return new DecisionCounts(automated, Of(DocumentOutcome.NeedsReview), Of(DocumentOutcome.Manual), Of(DocumentOutcome.Failed),
            outcomes.Count == 0 ? null : (double)automated / outcomes.Count);
    }
}

public static class AutomationWhatIfEndpoint
{
    /// <summary>What the automation rate would have been with other thresholds, over Analytics' own recorded observations of
    /// the documents completed in the window. Reads only; appends nothing. The body is read strictly
    /// (<see cref="StrictJsonBody"/>): a misspelt threshold would otherwise replay the defaults and look like an answer.</summary>
    [RequiresRole(AccessRole.Viewer)] // a simulation: reads, appends nothing
    [WolverinePost("/api/analytics/automation/what-if", OperationId = "AutomationWhatIf")]
    [Tags("Analytics")]
    [Consumes(typeof(AutomationWhatIfRequest), "application/json")]
    [ProducesResponseType<AutomationWhatIfResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Post(HttpRequest http, IOptions<HttpJsonOptions> json, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(json);
        var (request, bodyProblems) = await StrictJsonBody.ReadAsync<AutomationWhatIfRequest>(http, json.Value.SerializerOptions, ct);
        if (request is null) return Results.ValidationProblem(bodyProblems);
        if (!AutomationQuery.TryCreate(request.From, request.To, request.Department, null, null, request.Range, clock.GetUtcNow(),
                out var query, out var errors))
            return Results.ValidationProblem(errors);
        var candidate = request.Thresholds ?? new CandidateThresholds();
        var problems = candidate.Problems();
        if (problems.Count > 0) return Results.ValidationProblem(problems);

        IQueryable<DocumentObservation> observations = session.Query<DocumentObservation>()
            .Where(o => o.CompletedAt >= query.From && o.CompletedAt < query.To && o.Outcome != null);
        if (query.Department is { } department) observations = observations.Where(o => o.Department == department);
        var list = await observations.ToListAsync(ct);
        var (actual, whatIf, changed) = AutomationWhatIf.Compare(list, candidate);
        return Results.Ok(new AutomationWhatIfResponse(query.From, query.To, query.Department, list.Count, actual, whatIf, changed,
            candidate.Resolve()));
    }
}
