using Monolith.BuildingBlocks.Text;
using Monolith.Companies.Contracts;

namespace Monolith.Companies;

/// <summary>A page of the analysed site as the analyzers see it: where it is, why it was picked, its decoded body.</summary>
public sealed record SitePage(Uri Url, string Category, string ContentType, string Text, string ContentHash);

/// <summary>The crawled site handed to an analyzer: the homepage first, then the picked pages.</summary>
public sealed record SiteContent(Uri Homepage, string Country, IReadOnlyList<SitePage> Pages)
{
    /// <summary>SHA-256 over the page hashes in order, with the country: the input hash of profile steps.</summary>
    public string InputHash => Hashing.Sha256Hex(Country + "\n" + string.Join('\n', Pages.Select(p => p.Url.AbsoluteUri + " " + p.ContentHash)));
}

/// <summary>An analyzer's output with what producing it cost.</summary>
public sealed record AnalyzerResult<T>(T Output, StepUsage Usage);

/// <summary>A step could not produce its output; <see cref="Reason"/> is recorded in the step's failure event.</summary>
public sealed class AnalysisStepException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// The analyzer port. Implementations: <c>heuristic</c> (default, offline, deterministic) and <c>openai</c> (chat
/// completions with JSON-schema structured outputs). Each method either returns its output or throws
/// <see cref="AnalysisStepException"/> with the reason; cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface ICompanyAnalyzer
{
    /// <summary><c>heuristic</c> or <c>openai</c>: the value of the <c>CompanyAnalysis:Analyzer</c> setting that picks it.</summary>
    string Name { get; }

    Task<AnalyzerResult<CompanyProfile>> ProfileAsync(SiteContent site, CancellationToken cancellationToken);

    Task<AnalyzerResult<ValueProposition>> ValuePropositionAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken);

    /// <summary>3 to 8 clusters.</summary>
    Task<AnalyzerResult<IReadOnlyList<CustomerCluster>>> ClustersAsync(SiteContent site, CompanyProfile profile, ValueProposition valueProposition, CancellationToken cancellationToken);

    Task<AnalyzerResult<EmployeeEstimate>> EmployeesAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken);

    Task<AnalyzerResult<IReadOnlyList<SpendCategory>>> SpendCategoriesAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken);
}
