using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Text;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Contracts;
using Monolith.Prospect.Scoring;
using Wolverine;

namespace Monolith.Prospect.Processing;

/// <summary>Run the next step of a prospect analysis (durable local queue <c>prospect-analysis</c>, bounded parallelism).</summary>
public sealed record AdvanceProspectAnalysis(Guid AnalysisId);

/// <summary>
/// One step per message, like the supplier analysis: crawl, profile, employees and spend categories run by the Companies
/// module (<see cref="RunCompanyStep"/>), then fit and opportunity computed locally from the recorded outputs with the configured
/// <see cref="ScoringParameters"/>. Finishing publishes <see cref="ProspectAnalysisCompleted"/> in the same transaction.
/// </summary>
public static class AdvanceProspectAnalysisHandler
{
    public static async Task<object[]> Handle(AdvanceProspectAnalysis command, IDocumentSession session, IMessageBus bus,
        IOptions<ScoringParameters> scoring, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ProspectAnalysis>(command.AnalysisId, ct);
        if (stream.Aggregate is not { IsFinished: false } analysis) return [];

        switch (StepPlan.Next(ProspectSteps.Plan, analysis.Steps))
        {
            case NextAction.Run run:
                stream.AppendOne(await RunAsync(run.Step, analysis, session.TenantId, bus, scoring.Value, clock, ct));
                return [command];
            case NextAction.Finish finish:
                var finished = new ProspectAnalysisFinished(analysis.Id, finish.Status, clock.GetUtcNow());
                stream.AppendOne(finished);
                return [ProspectContracts.Completed(analysis, finished)];
            default:
                throw new InvalidOperationException("Unknown next action");
        }
    }

    private static async Task<object> RunAsync(string step, ProspectAnalysis a, string tenant, IMessageBus bus,
        ScoringParameters parameters, TimeProvider clock, CancellationToken ct)
    {
        if (step == ProspectSteps.ClusterFit) return Score(a, parameters, clock).Fit;
        if (step == ProspectSteps.Opportunity) return Score(a, parameters, clock).Opportunity;
        var ask = new RunCompanyStep(a.Id, step, a.Url, a.Country, a.Crawl, a.Profile);
        var result = await bus.InvokeForTenantAsync<CompanyStepResult>(tenant, ask, ct, CompanyStepCall.ReplyTimeout).ConfigureAwait(false);
        return step switch
        {
            CompanySteps.Crawl => result.Record<SiteCrawled>((e, _) => e),
            CompanySteps.Profile => result.Record<ProfileExtracted>((e, _) => e),
            ProspectSteps.Employees => result.Record<EmployeeEstimate>((output, info) => EmployeeRules.Check(output) is { } problem
                ? new AnalysisStepFailed(a.Id, step, problem, info.At, info.Usage.LatencyMs, info.Usage.Provider)
                : new EmployeesEstimated(a.Id, output, info)),
            ProspectSteps.SpendCategories => result.Record<IReadOnlyList<SpendCategory>>((output, info) => new SpendCategoriesInferred(a.Id, output, info)),
            _ => throw new InvalidOperationException($"Unknown prospect analysis step '{step}'"),
        };
    }

    /// <summary>The fit and opportunity events from the recorded outputs (pure apart from the clock).</summary>
    public static (object Fit, object Opportunity) Score(ProspectAnalysis a, ScoringParameters parameters, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var industry = a.Profile?.Industry?.Value;
        var fits = ProspectScoring.Fit(industry, a.Employees, a.SpendCategories, a.SupplierClusters, parameters);
        var best = fits.FirstOrDefault();
        var opportunity = ProspectScoring.Opportunity(best, a.SupplierClusters.FirstOrDefault(c => c.Id == best?.ClusterId), industry,
            a.Employees, a.SpendCategories, a.Currency, parameters);
        var version = parameters.Version;
        var hash = Hashing.Sha256Hex(JsonSerializer.Serialize(new { industry, a.Employees, a.SpendCategories, a.SupplierClusters, version }));
        var usage = new StepUsage("scoring", null, version, 0, 0, 0m, (long)clock.GetElapsedTime(started).TotalMilliseconds, false, 0);
        var at = clock.GetUtcNow();
        return (new ClusterFitScored(a.Id, fits, version, new StepInfo(ProspectSteps.ClusterFit, hash, usage, at)),
            new OpportunityEstimated(a.Id, opportunity, version, new StepInfo(ProspectSteps.Opportunity, hash, usage, at)));
    }
}

/// <summary>What every analyzer's employee estimate must satisfy.</summary>
public static class EmployeeRules
{
    public static string? Check(EmployeeEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Low < 1 || e.Low > e.Estimate || e.Estimate > e.High)
            return $"the employee estimate is inconsistent (low {e.Low}, estimate {e.Estimate}, high {e.High}); 1 ≤ low ≤ estimate ≤ high is required";
        return e.Confidence is < 0 or > 1 ? $"the employee confidence {e.Confidence} is outside 0..1" : null;
    }
}

/// <summary>Maps the analysis to the integration contracts other modules see.</summary>
public static class ProspectContracts
{
    public static ProspectAnalysisCompleted Completed(ProspectAnalysis a, ProspectAnalysisFinished finished)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(finished);
        return new ProspectAnalysisCompleted(a.Id, a.SupplierAnalysisId, a.Domain, a.Url, a.Country, finished.Status.ToString(),
            a.Profile?.CompanyName?.Value, a.Profile?.Industry?.Value.Code, a.Employees?.Estimate, Best(a.Fits),
            a.Opportunity is { } o ? Summary(o) : null, a.ScoringVersion, Usage(a.Steps.Values.Where(s => s.At >= a.RunStartedAt)), a.BatchId,
            a.RequestedAt, finished.At, a.Retries);
    }

    public static ClusterFitSummary? Best(IReadOnlyList<ClusterFit> fits) =>
        fits.FirstOrDefault() is { } best ? new ClusterFitSummary(best.ClusterId, best.ClusterName, best.Score) : null;

    public static OpportunitySummary Summary(RevenueOpportunity o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Currency, o.Low, o.Expected, o.High);
    }

    public static IReadOnlyList<ProspectStepUsage> Usage(IEnumerable<StepState> steps) =>
        steps.Where(s => s.Status is StepStatus.Succeeded or StepStatus.Failed).Select(s => s.Usage is { } u
            ? new ProspectStepUsage(s.Name, u.Provider, u.Model, u.PromptVersion, u.InputTokens, u.OutputTokens, u.EstimatedCostUsd, s.LatencyMs, u.CacheHit, u.Calls, s.Status == StepStatus.Succeeded, u.Ungrounded)
            : new ProspectStepUsage(s.Name, s.Provider ?? "unknown", null, null, 0, 0, 0m, s.LatencyMs, false, 0, s.Status == StepStatus.Succeeded)).ToList();
}
