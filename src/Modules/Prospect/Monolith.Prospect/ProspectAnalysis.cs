using JasperFx;
using Monolith.BuildingBlocks.CompanyAnalysis;
using Monolith.BuildingBlocks.CompanyAnalysis.Scanning;
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
    public const string Employees = "employees";
    public const string SpendCategories = "spend-categories";
    public const string ClusterFit = "cluster-fit";
    public const string Opportunity = "opportunity";

    public static readonly IReadOnlyList<StepDefinition> Plan =
    [
        new(CompanyScanSteps.Crawl, true),
        new(CompanyScanSteps.Profile, true, CompanyScanSteps.Crawl),
        new(Employees, false, CompanyScanSteps.Profile),
        new(SpendCategories, false, CompanyScanSteps.Profile),
        new(ClusterFit, false, Employees, SpendCategories),
        new(Opportunity, false, ClusterFit),
    ];
}

/// <summary>
/// Everything known about one prospect analysis: the inline snapshot decisions and reads use, built by
/// <see cref="ProspectAnalysisProjection"/> from <see cref="Start"/> and the <c>On</c> methods.
/// </summary>
public sealed class ProspectAnalysis : IRevisioned, IStepAnalysis
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Country { get; set; } = "";
    public string Currency { get; set; } = "";
    public Guid SupplierAnalysisId { get; set; }
    public Guid? BatchId { get; set; }
    public List<CustomerCluster> SupplierClusters { get; set; } = [];
    public AnalysisStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public Dictionary<string, StepState> Steps { get; set; } = [];
    public SiteCrawl? Crawl { get; set; }
    public bool CrawlFromCache { get; set; }
    public CompanyProfile? Profile { get; set; }
    public EmployeeEstimate? Employees { get; set; }
    public List<SpendCategory> SpendCategories { get; set; } = [];
    public List<ClusterFit> Fits { get; set; } = [];
    public RevenueOpportunity? Opportunity { get; set; }
    public string? ScoringVersion { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public int Rescores { get; set; }
    public int Retries { get; set; }

    /// <summary>When the current run began: the request, or the latest retry (usage of a run counts the steps it ran).</summary>
    public DateTimeOffset RunStartedAt { get; set; }
    public int Version { get; set; }

    public bool IsFinished => Status is AnalysisStatus.Completed or AnalysisStatus.Partial or AnalysisStatus.Failed;

    public static ProspectAnalysis Start(ProspectAnalysisStarted e) => new()
    {
        Id = e.AnalysisId, Url = e.Url, Domain = e.Domain, Country = e.Country, Currency = e.Currency,
        SupplierAnalysisId = e.SupplierAnalysisId, BatchId = e.BatchId, SupplierClusters = [.. e.SupplierClusters],
        Status = AnalysisStatus.Requested, RequestedAt = e.At, RunStartedAt = e.At, Steps = StepPlan.Initial(ProspectSteps.Plan),
    };

    public void On(SiteCrawled e)
    {
        Status = AnalysisStatus.Running;
        Crawl = e.Crawl;
        CrawlFromCache = e.CacheHit;
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(ProfileExtracted e)
    {
        Profile = e.Profile;
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(EmployeesEstimated e)
    {
        Employees = e.Employees;
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(SpendCategoriesInferred e)
    {
        SpendCategories = [.. e.Categories];
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(ClusterFitScored e)
    {
        Fits = [.. e.Fits];
        ScoringVersion = e.ScoringVersion;
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(OpportunityEstimated e)
    {
        Opportunity = e.Opportunity;
        ScoringVersion = e.ScoringVersion;
        ScoredAt = e.Info.At;
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(ProspectScoresRecomputed e)
    {
        Fits = [.. e.Fits];
        Opportunity = e.Opportunity;
        ScoringVersion = e.ScoringVersion;
        ScoredAt = e.At;
        Rescores++;
    }

    public void On(AnalysisStepFailed e)
    {
        Status = AnalysisStatus.Running;
        StepPlan.Failed(Steps, e);
    }

    public void On(AnalysisRetried e)
    {
        Status = AnalysisStatus.Running;
        FinishedAt = null;
        Retries++;
        RunStartedAt = e.At;
        StepPlan.Retried(Steps, e);
        StepPlan.Unskip(Steps);
    }

    public void On(ProspectAnalysisFinished e)
    {
        Status = e.Status;
        FinishedAt = e.At;
        StepPlan.SkipBlocked(ProspectSteps.Plan, Steps);
    }
}

/// <summary>
/// The inline <see cref="ProspectAnalysis"/> snapshot: only streams started by <see cref="ProspectAnalysisStarted"/> get one,
/// not the supplier streams that carry the same shared scanning events (see <see cref="CompanyAnalysisProjection{TDoc,TStarted}"/>).
/// </summary>
public sealed class ProspectAnalysisProjection() : CompanyAnalysisProjection<ProspectAnalysis, ProspectAnalysisStarted>(
[
    typeof(SiteCrawled), typeof(ProfileExtracted), typeof(EmployeesEstimated), typeof(SpendCategoriesInferred),
    typeof(ClusterFitScored), typeof(OpportunityEstimated), typeof(ProspectScoresRecomputed),
    typeof(AnalysisStepFailed), typeof(AnalysisRetried), typeof(ProspectAnalysisFinished),
])
{
    protected override ProspectAnalysis Start(ProspectAnalysisStarted started) => ProspectAnalysis.Start(started);

    protected override bool WasStarted(ProspectAnalysis analysis) => analysis.RequestedAt != default;

    protected override void On(ProspectAnalysis analysis, object data)
    {
        switch (data)
        {
            case SiteCrawled e: analysis.On(e); break;
            case ProfileExtracted e: analysis.On(e); break;
            case EmployeesEstimated e: analysis.On(e); break;
            case SpendCategoriesInferred e: analysis.On(e); break;
            case ClusterFitScored e: analysis.On(e); break;
            case OpportunityEstimated e: analysis.On(e); break;
            case ProspectScoresRecomputed e: analysis.On(e); break;
            case AnalysisStepFailed e: analysis.On(e); break;
            case AnalysisRetried e: analysis.On(e); break;
            case ProspectAnalysisFinished e: analysis.On(e); break;
        }
    }
}
