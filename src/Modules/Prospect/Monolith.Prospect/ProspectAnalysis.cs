using JasperFx;
using Monolith.BuildingBlocks.Events;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Scoring;

namespace Monolith.Prospect;

/// <summary>
/// A prospect analysis was asked for; the stream's first event. It records the supplier's clusters it will be scored
/// against, so scoring and re-scoring read only this stream's events.
/// </summary>
public sealed record ProspectAnalysisStarted(Guid AnalysisId, string Url, string Domain, string Country, string Currency,
    Guid SupplierAnalysisId, IReadOnlyList<CustomerCluster> SupplierClusters, Guid? BatchId, DateTimeOffset At);

public sealed record EmployeesEstimated(Guid AnalysisId, EmployeeEstimate Employees, StepInfo Info);

public sealed record SpendCategoriesInferred(Guid AnalysisId, IReadOnlyList<SpendCategory> Categories, StepInfo Info);

/// <summary>Fit against every supplier cluster, best first, with the scoring parameters' version.</summary>
public sealed record ClusterFitScored(Guid AnalysisId, IReadOnlyList<ClusterFit> Fits, string ScoringVersion, StepInfo Info);

public sealed record OpportunityEstimated(Guid AnalysisId, RevenueOpportunity Opportunity, string ScoringVersion, StepInfo Info);

/// <summary>New fit and opportunity from the recorded outputs with other scoring parameters; the earlier scores stay in the stream.</summary>
public sealed record ProspectScoresRecomputed(Guid AnalysisId, IReadOnlyList<ClusterFit> Fits, RevenueOpportunity Opportunity, string ScoringVersion, DateTimeOffset At);

public sealed record ProspectAnalysisFinished(Guid AnalysisId, AnalysisStatus Status, DateTimeOffset At);

/// <summary>The steps of a prospect analysis and what each needs.</summary>
public static class ProspectSteps
{
    public const string Employees = CompanySteps.Employees;
    public const string SpendCategories = CompanySteps.SpendCategories;
    public const string ClusterFit = "cluster-fit";
    public const string Opportunity = "opportunity";

    public static readonly IReadOnlyList<StepDefinition> Plan =
    [
        new(CompanySteps.Crawl, true),
        new(CompanySteps.Profile, true, CompanySteps.Crawl),
        new(Employees, false, CompanySteps.Profile),
        new(SpendCategories, false, CompanySteps.Profile),
        new(ClusterFit, false, Employees, SpendCategories),
        new(Opportunity, false, ClusterFit),
    ];
}

/// <summary>
/// Everything known about one prospect analysis: the inline snapshot decisions and reads use, built by
/// <see cref="ProspectAnalysisProjection"/> from <see cref="Start"/> and the <c>On</c> methods.
/// </summary>
public sealed class ProspectAnalysis : CompanyAnalysisDocument, IRevisioned
{
    public Guid SupplierAnalysisId { get; set; }
    public Guid? BatchId { get; set; }
    public List<CustomerCluster> SupplierClusters { get; set; } = [];
    public EmployeeEstimate? Employees { get; set; }
    public List<SpendCategory> SpendCategories { get; set; } = [];
    public List<ClusterFit> Fits { get; set; } = [];
    public RevenueOpportunity? Opportunity { get; set; }
    public string? ScoringVersion { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public int Rescores { get; set; }

    protected override IReadOnlyList<StepDefinition> Plan => ProspectSteps.Plan;

    public static ProspectAnalysis Start(ProspectAnalysisStarted e) => new()
    {
        Id = e.AnalysisId, Url = e.Url, Domain = e.Domain, Country = e.Country, Currency = e.Currency,
        SupplierAnalysisId = e.SupplierAnalysisId, BatchId = e.BatchId, SupplierClusters = [.. e.SupplierClusters],
        Status = AnalysisStatus.Requested, RequestedAt = e.At, RunStartedAt = e.At, Steps = StepPlan.Initial(ProspectSteps.Plan),
    };

    /// <summary>Folds one of the stream's later events: the shared scanning ones in the base, the prospect's own here.</summary>
    public void On(object data)
    {
        if (OnShared(data)) return;
        switch (data)
        {
            case EmployeesEstimated e:
                Employees = e.Employees;
                Succeeded(e.Info);
                break;
            case SpendCategoriesInferred e:
                SpendCategories = [.. e.Categories];
                Succeeded(e.Info);
                break;
            case ClusterFitScored e:
                Fits = [.. e.Fits];
                ScoringVersion = e.ScoringVersion;
                Succeeded(e.Info);
                break;
            case OpportunityEstimated e:
                Opportunity = e.Opportunity;
                ScoringVersion = e.ScoringVersion;
                ScoredAt = e.Info.At;
                Succeeded(e.Info);
                break;
            case ProspectScoresRecomputed e:
                Fits = [.. e.Fits];
                Opportunity = e.Opportunity;
                ScoringVersion = e.ScoringVersion;
                ScoredAt = e.At;
                Rescores++;
                break;
            case ProspectAnalysisFinished e:
                Finish(e.Status, e.At);
                break;
        }
    }
}

/// <summary>
/// The inline <see cref="ProspectAnalysis"/> snapshot: only streams started by <see cref="ProspectAnalysisStarted"/> get one,
/// not the supplier streams that carry the same shared scanning events (see <see cref="StartedStreamProjection{TDoc,TStarted}"/>).
/// </summary>
public sealed class ProspectAnalysisProjection() : StartedStreamProjection<ProspectAnalysis, ProspectAnalysisStarted>(
[
    .. CompanyStepEvents.Shared,
    typeof(EmployeesEstimated), typeof(SpendCategoriesInferred), typeof(ClusterFitScored), typeof(OpportunityEstimated),
    typeof(ProspectScoresRecomputed), typeof(ProspectAnalysisFinished),
])
{
    protected override ProspectAnalysis Start(ProspectAnalysisStarted started) => ProspectAnalysis.Start(started);

    protected override bool IsStarted(ProspectAnalysis document) => document.IsStarted;

    protected override void On(ProspectAnalysis analysis, object data) => analysis.On(data);
}
