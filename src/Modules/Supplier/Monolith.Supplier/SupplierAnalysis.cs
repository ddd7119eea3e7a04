using JasperFx;
using Monolith.BuildingBlocks.Events;
using Monolith.Companies.Contracts;

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
    public const string ValueProposition = CompanySteps.ValueProposition;
    public const string Clusters = CompanySteps.Clusters;

    public static readonly IReadOnlyList<StepDefinition> Plan =
    [
        new(CompanySteps.Crawl, true),
        new(CompanySteps.Profile, true, CompanySteps.Crawl),
        new(ValueProposition, false, CompanySteps.Profile),
        new(Clusters, false, ValueProposition),
    ];
}

/// <summary>
/// Everything known about one supplier analysis — the inline snapshot decisions and reads use, built by
/// <see cref="SupplierAnalysisProjection"/> from <see cref="Start"/> and the <c>On</c> methods. Never mutated outside these methods.
/// </summary>
public sealed class SupplierAnalysis : CompanyAnalysisDocument, IRevisioned
{
    public ValueProposition? ValueProposition { get; set; }
    public List<CustomerCluster> Clusters { get; set; } = [];

    protected override IReadOnlyList<StepDefinition> Plan => SupplierSteps.Plan;

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

    /// <summary>Folds one of the stream's later events: the shared scanning ones in the base, the supplier's own here.</summary>
    public void On(object data)
    {
        if (OnShared(data)) return;
        switch (data)
        {
            case ValuePropositionExtracted e:
                ValueProposition = e.ValueProposition;
                Succeeded(e.Info);
                break;
            case CustomerClustersDerived e:
                Clusters = [.. e.Clusters];
                Succeeded(e.Info);
                break;
            case SupplierAnalysisFinished e:
                Finish(e.Status, e.At);
                break;
        }
    }
}

/// <summary>
/// The inline <see cref="SupplierAnalysis"/> snapshot: only streams started by <see cref="AnalysisRequested"/> get one, not
/// the prospect streams that carry the same shared scanning events (see <see cref="StartedStreamProjection{TDoc,TStarted}"/>).
/// </summary>
public sealed class SupplierAnalysisProjection() : StartedStreamProjection<SupplierAnalysis, AnalysisRequested>(
    [.. CompanyStepEvents.Shared, typeof(ValuePropositionExtracted), typeof(CustomerClustersDerived), typeof(SupplierAnalysisFinished)])
{
    protected override bool IsStarted(SupplierAnalysis document) => document.IsStarted;

    protected override SupplierAnalysis Start(AnalysisRequested started) => SupplierAnalysis.Start(started);

    protected override void On(SupplierAnalysis analysis, object data) => analysis.On(data);
}
