namespace Monolith.Companies.Contracts;

/// <summary>The steps the Companies module runs, by the names the analyses' step plans and events use.</summary>
public static class CompanySteps
{
    public const string Crawl = "crawl";
    public const string Profile = "profile";
    public const string ValueProposition = "value-proposition";
    public const string Clusters = "clusters";
    public const string Employees = "employees";
    public const string SpendCategories = "spend-categories";

    public static readonly IReadOnlyList<string> All = [Crawl, Profile, ValueProposition, Clusters, Employees, SpendCategories];
}

/// <summary>
/// Ask the Companies module to run one step of a company analysis — request/reply through Wolverine
/// (<c>InvokeForTenantAsync&lt;CompanyStepResult&gt;</c> for the analysis' customer). <see cref="Url"/> is what the crawl
/// reads; every later step reads the recorded <see cref="Crawl"/> (its stored pages) and the earlier outputs it needs:
/// <see cref="Profile"/> for all of them, <see cref="ValueProposition"/> for <see cref="CompanySteps.Clusters"/>.
/// </summary>
public sealed record RunCompanyStep(
    Guid AnalysisId,
    string Step,
    string Url,
    string Country,
    SiteCrawl? Crawl = null,
    CompanyProfile? Profile = null,
    ValueProposition? ValueProposition = null);

/// <summary>
/// The outcome of <see cref="RunCompanyStep"/>: <see cref="Failed"/> (the event to record, with the reason), or the step's
/// <see cref="Output"/> and its <see cref="Info"/> (input hash, usage). Outputs by step: crawl → <see cref="SiteCrawled"/>,
/// profile → <see cref="ProfileExtracted"/>, value-proposition → <see cref="ValueProposition"/>, clusters → a list of
/// <see cref="CustomerCluster"/>, employees → <see cref="EmployeeEstimate"/>, spend-categories → a list of <see cref="SpendCategory"/>.
/// </summary>
public sealed record CompanyStepResult(object? Output, StepInfo? Info, AnalysisStepFailed? Failed)
{
    /// <summary>The event the asking module records: the failure, or <paramref name="succeeded"/>'s event from the output.</summary>
    public object Record<T>(Func<T, StepInfo, object> succeeded)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        if (Failed is not null) return Failed;
        return Output is T output && Info is not null
            ? succeeded(output, Info)
            : throw new InvalidOperationException($"The company step answered {Output?.GetType().Name ?? "nothing"}, not {typeof(T).Name}.");
    }

}

/// <summary>How the asking modules wait for <see cref="RunCompanyStep"/>'s answer.</summary>
public static class CompanyStepCall
{
    /// <summary>
    /// The request/reply wait: a safety net only, above the longest step time the Companies module accepts
    /// (<c>CompanyAnalysis:StepTimeoutSeconds</c> ≤ 3600), which bounds every step and answers a timeout as a failed step.
    /// </summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3600 + 60);
}
