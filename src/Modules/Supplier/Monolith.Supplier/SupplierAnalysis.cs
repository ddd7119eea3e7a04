using JasperFx;
using Monolith.BuildingBlocks.CompanyAnalysis;
using Monolith.BuildingBlocks.CompanyAnalysis.Scanning;

namespace Monolith.Supplier;

/// <summary>A supplier analysis was asked for; the stream's first event.</summary>
public sealed record AnalysisRequested(Guid AnalysisId, string Url, string Domain, string Country, string Currency, DateTimeOffset At);

/// <summary>The supplier's value proposition was extracted.</summary>
public sealed record ValuePropositionExtracted(Guid AnalysisId, ValueProposition ValueProposition, StepInfo Info);

/// <summary>The supplier's target customer clusters were derived.</summary>
public sealed record CustomerClustersDerived(Guid AnalysisId, IReadOnlyList<CustomerCluster> Clusters, StepInfo Info);

/// <summary>No step is left to run: the analysis ended Completed, Partial or Failed.</summary>
public sealed record SupplierAnalysisFinished(Guid AnalysisId, AnalysisStatus Status, DateTimeOffset At);

/// <summary>The steps of a supplier analysis and what each needs.</summary>
public static class SupplierSteps
{
    public const string ValueProposition = "value-proposition";
    public const string Clusters = "clusters";

    public static readonly IReadOnlyList<StepDefinition> Plan =
    [
        new(CompanyScanSteps.Crawl, true),
        new(CompanyScanSteps.Profile, true, CompanyScanSteps.Crawl),
        new(ValueProposition, false, CompanyScanSteps.Profile),
        new(Clusters, false, ValueProposition),
    ];
}

/// <summary>
/// Everything known about one supplier analysis — the inline snapshot decisions and reads use, built by
/// <see cref="SupplierAnalysisProjection"/> from <see cref="Start"/> and the <c>On</c> methods. Never mutated outside these methods.
/// </summary>
public sealed class SupplierAnalysis : IRevisioned, IStepAnalysis
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Country { get; set; } = "";
    public string Currency { get; set; } = "";
    public AnalysisStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public Dictionary<string, StepState> Steps { get; set; } = [];
    public SiteCrawl? Crawl { get; set; }
    public bool CrawlFromCache { get; set; }
    public CompanyProfile? Profile { get; set; }
    public ValueProposition? ValueProposition { get; set; }
    public List<CustomerCluster> Clusters { get; set; } = [];
    public int Retries { get; set; }

    /// <summary>When the current run began: the request, or the latest retry (usage of a run counts the steps it ran).</summary>
    public DateTimeOffset RunStartedAt { get; set; }
    public int Version { get; set; }

    public bool IsFinished => Status is AnalysisStatus.Completed or AnalysisStatus.Partial or AnalysisStatus.Failed;

    public static SupplierAnalysis Start(AnalysisRequested e) => new()
    {
        Id = e.AnalysisId,
        Url = e.Url,
        Domain = e.Domain,
        Country = e.Country,
        Currency = e.Currency,
        Status = AnalysisStatus.Requested,
        RequestedAt = e.At, RunStartedAt = e.At,
        Steps = StepPlan.Initial(SupplierSteps.Plan),
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

    public void On(ValuePropositionExtracted e)
    {
        ValueProposition = e.ValueProposition;
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
    }

    public void On(CustomerClustersDerived e)
    {
        Clusters = [.. e.Clusters];
        StepPlan.Succeeded(Steps, e.Info, e.Info.Usage.LatencyMs);
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

    public void On(SupplierAnalysisFinished e)
    {
        Status = e.Status;
        FinishedAt = e.At;
        StepPlan.SkipBlocked(SupplierSteps.Plan, Steps);
    }
}

/// <summary>
/// The inline <see cref="SupplierAnalysis"/> snapshot: only streams started by <see cref="AnalysisRequested"/> get one, not
/// the prospect streams that carry the same shared scanning events (see <see cref="CompanyAnalysisProjection{TDoc,TStarted}"/>).
/// </summary>
public sealed class SupplierAnalysisProjection() : CompanyAnalysisProjection<SupplierAnalysis, AnalysisRequested>(
[
    typeof(SiteCrawled), typeof(ProfileExtracted), typeof(ValuePropositionExtracted), typeof(CustomerClustersDerived),
    typeof(AnalysisStepFailed), typeof(AnalysisRetried), typeof(SupplierAnalysisFinished),
])
{
    protected override SupplierAnalysis Start(AnalysisRequested started) => SupplierAnalysis.Start(started);

    protected override bool WasStarted(SupplierAnalysis analysis) => analysis.RequestedAt != default;

    protected override void On(SupplierAnalysis analysis, object data)
    {
        switch (data)
        {
            case SiteCrawled e: analysis.On(e); break;
            case ProfileExtracted e: analysis.On(e); break;
            case ValuePropositionExtracted e: analysis.On(e); break;
            case CustomerClustersDerived e: analysis.On(e); break;
            case AnalysisStepFailed e: analysis.On(e); break;
            case AnalysisRetried e: analysis.On(e); break;
            case SupplierAnalysisFinished e: analysis.On(e); break;
        }
    }
}
