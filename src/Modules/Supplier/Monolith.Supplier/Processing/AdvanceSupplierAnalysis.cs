using Marten;
using Monolith.Companies.Contracts;
using Monolith.Supplier.Contracts;
using Wolverine;

namespace Monolith.Supplier.Processing;

/// <summary>Run the next step of a supplier analysis (a durable local message; one step per message).</summary>
public sealed record AdvanceSupplierAnalysis(Guid AnalysisId);

/// <summary>
/// One step per message: loads the analysis, asks the plan what is next, has the Companies module run that step
/// (<see cref="RunCompanyStep"/>, request/reply for the analysis' customer) and appends its event (success or the failure reason), then sends itself again; when nothing is left, records the end and publishes
/// <see cref="SupplierAnalysisCompleted"/> in the same transaction (durable outbox). Idempotent by state: a redelivered
/// message finds the step done and moves on; a finished analysis is left alone.
/// </summary>
public static class AdvanceSupplierAnalysisHandler
{
    public static async Task<object[]> Handle(AdvanceSupplierAnalysis command, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<SupplierAnalysis>(command.AnalysisId, ct);
        if (stream.Aggregate is not { IsFinished: false } analysis) return [];

        switch (StepPlan.Next(SupplierSteps.Plan, analysis.Steps))
        {
            case NextAction.Run run:
                stream.AppendOne(await RunAsync(run.Step, analysis, session.TenantId, bus, ct));
                return [command];
            case NextAction.Finish finish:
                var finished = new SupplierAnalysisFinished(analysis.Id, finish.Status, clock.GetUtcNow());
                stream.AppendOne(finished);
                return [SupplierContracts.Completed(analysis, finished)];
            default:
                throw new InvalidOperationException("Unknown next action");
        }
    }

    private static async Task<object> RunAsync(string step, SupplierAnalysis a, string tenant, IMessageBus bus, CancellationToken ct)
    {
        var ask = new RunCompanyStep(a.Id, step, a.Url, a.Country, a.Crawl, a.Profile, a.ValueProposition);
        var result = await bus.InvokeForTenantAsync<CompanyStepResult>(tenant, ask, ct, CompanyStepCall.ReplyTimeout).ConfigureAwait(false);
        return step switch
        {
            CompanySteps.Crawl => result.Record<SiteCrawled>((e, _) => e),
            CompanySteps.Profile => result.Record<ProfileExtracted>((e, _) => e),
            SupplierSteps.ValueProposition => result.Record<ValueProposition>((output, info) => new ValuePropositionExtracted(a.Id, output, info)),
            SupplierSteps.Clusters => result.Record<IReadOnlyList<CustomerCluster>>((output, info) => ClusterRules.Check(output) is { } problem
                ? new AnalysisStepFailed(a.Id, step, problem, info.At, info.Usage.LatencyMs, info.Usage.Provider)
                : new CustomerClustersDerived(a.Id, output, info)),
            _ => throw new InvalidOperationException($"Unknown supplier analysis step '{step}'"),
        };
    }
}

/// <summary>What every analyzer's clusters must satisfy, whichever produced them.</summary>
public static class ClusterRules
{
    public const int Min = 3;
    public const int Max = 8;

    public static string? Check(IReadOnlyList<CustomerCluster> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        if (clusters.Count is < Min or > Max) return $"the analyzer returned {clusters.Count} clusters; {Min} to {Max} are required";
        var duplicate = clusters.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"the analyzer returned cluster id '{duplicate.Key}' twice";
    }
}

/// <summary>Maps the analysis to the integration contracts other modules see.</summary>
public static class SupplierContracts
{
    public static SupplierAnalysisCompleted Completed(SupplierAnalysis a, SupplierAnalysisFinished finished)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(finished);
        var industry = a.Profile?.Industry?.Value;
        return new SupplierAnalysisCompleted(a.Id, a.Domain, a.Url, a.Country, a.Currency, finished.Status.ToString(),
            a.Profile?.CompanyName?.Value, industry is null ? null : new IndustryRef(industry.Code, industry.Label),
            a.Clusters.Select(Cluster).ToList(), Usage(a.Steps.Values.Where(s => s.At >= a.RunStartedAt)), a.RequestedAt, finished.At, a.Retries);
    }

    public static Contracts.SupplierCluster Cluster(CustomerCluster c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Name, c.Industries.Select(i => new IndustryRef(i.Code, i.Label)).ToList(),
            c.SizeBands.Select(b => b.ToString()).ToList(), c.BuyerRoles, c.Pains, c.SpendCategories, c.Rationale);
    }

    public static IReadOnlyList<StepUsageSummary> Usage(IEnumerable<StepState> steps) =>
        steps.Where(s => s.Status is StepStatus.Succeeded or StepStatus.Failed).Select(s => s.Usage is { } u
            ? new StepUsageSummary(s.Name, u.Provider, u.Model, u.PromptVersion, u.InputTokens, u.OutputTokens, u.EstimatedCostUsd, s.LatencyMs, u.CacheHit, u.Calls, s.Status == StepStatus.Succeeded, u.Ungrounded)
            : new StepUsageSummary(s.Name, s.Provider ?? "unknown", null, null, 0, 0, 0m, s.LatencyMs, false, 0, s.Status == StepStatus.Succeeded)).ToList();
}
