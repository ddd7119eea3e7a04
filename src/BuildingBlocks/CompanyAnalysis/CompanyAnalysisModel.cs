using System.Text.Json.Serialization;

namespace Monolith.BuildingBlocks.CompanyAnalysis;

// The shared vocabulary of company-website analysis, used by the Supplier and Prospect modules (the same crawl and
// profile code for both, no second copy) and produced by the analyzers behind ICompanyAnalyzer. These types are
// recorded in events, so they are plain immutable records serialised by System.Text.Json.

/// <summary>Where a fact was seen: the page and the text around it (at most a few hundred characters).</summary>
public sealed record Evidence(string Url, string Snippet);

/// <summary>One fact about a company with how sure we are (0..1) and where it was seen.</summary>
public sealed record Fact<T>(T Value, double Confidence, IReadOnlyList<Evidence> Evidence);

/// <summary>A NAICS 2022 sector (two-digit code, e.g. <c>54</c> "Professional, Scientific, and Technical Services"; ranges such as 31-33 use <c>31-33</c>).</summary>
public sealed record IndustryCode(string Code, string Label);

/// <summary>A social network profile (<c>linkedin</c>, <c>x</c>, <c>facebook</c>, <c>instagram</c>, <c>youtube</c>, <c>xing</c>, <c>github</c>, ...).</summary>
public sealed record SocialProfile(string Network, string Url);

/// <summary>A way to reach the company: <see cref="Kind"/> is <c>email</c>, <c>phone</c>, <c>address</c> or <c>form</c>.</summary>
public sealed record ContactPoint(string Kind, string Value);

/// <summary>
/// What a company's own website says about it. Any fact may be missing (null) when the site does not say it;
/// <see cref="Analyzer"/> names who produced it (<c>heuristic</c> outputs are labelled as such).
/// </summary>
public sealed record CompanyProfile(
    Fact<string>? CompanyName,
    Fact<string>? Description,
    Fact<IndustryCode>? Industry,
    Fact<string>? Country,
    Fact<IReadOnlyList<string>>? Languages,
    Fact<string>? LogoUrl,
    Fact<IReadOnlyList<SocialProfile>>? SocialProfiles,
    Fact<IReadOnlyList<ContactPoint>>? Contacts,
    string Analyzer);

/// <summary>Company size bands by employees (EU SME definition, extended): Micro 1–9, Small 10–49, Medium 50–249, Large 250–999, Enterprise 1000+.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompanySizeBand>))]
public enum CompanySizeBand { Micro, Small, Medium, Large, Enterprise }

/// <summary>A product or service the company offers. <see cref="Kind"/> is <c>product</c> or <c>service</c>.</summary>
public sealed record Offering(string Name, string Kind, string? Description);

/// <summary>What a supplier sells, what sets it apart, which industries and customer sizes it serves.</summary>
public sealed record ValueProposition(
    IReadOnlyList<Fact<Offering>> Offerings,
    IReadOnlyList<Fact<string>> Differentiators,
    IReadOnlyList<Fact<IndustryCode>> IndustriesServed,
    Fact<IReadOnlyList<CompanySizeBand>>? CustomerSizeFocus,
    string Analyzer);

/// <summary>
/// One of a supplier's target customer clusters (an ideal customer profile). <see cref="SpendCategories"/> are codes of
/// the spend taxonomy (UNSPSC segments) the supplier's offerings address.
/// </summary>
public sealed record CustomerCluster(
    string Id,
    string Name,
    IReadOnlyList<IndustryCode> Industries,
    IReadOnlyList<CompanySizeBand> SizeBands,
    IReadOnlyList<string> BuyerRoles,
    IReadOnlyList<string> Pains,
    IReadOnlyList<string> SpendCategories,
    string Rationale);

/// <summary>A prospect's headcount: a range, a point estimate, how it was found (<see cref="Method"/>) and the evidence.</summary>
public sealed record EmployeeEstimate(int Low, int High, int Estimate, double Confidence, string Method, IReadOnlyList<Evidence> Evidence)
{
    public CompanySizeBand Band => Estimate switch
    {
        < 10 => CompanySizeBand.Micro,
        < 50 => CompanySizeBand.Small,
        < 250 => CompanySizeBand.Medium,
        < 1000 => CompanySizeBand.Large,
        _ => CompanySizeBand.Enterprise,
    };
}

/// <summary>A spend category (UNSPSC segment code and label) the prospect likely buys, with a likelihood 0..1.</summary>
public sealed record SpendCategory(string Code, string Label, double Likelihood, IReadOnlyList<Evidence> Evidence);

/// <summary>A page of the analysed site as the analyzers see it: where it is, why it was picked, its decoded body.</summary>
public sealed record SitePage(Uri Url, string Category, string ContentType, string Text, string ContentHash);

/// <summary>The crawled site handed to an analyzer: the homepage first, then the picked pages.</summary>
public sealed record SiteContent(Uri Homepage, string Country, IReadOnlyList<SitePage> Pages)
{
    /// <summary>SHA-256 over the page hashes in order, with the country: the input hash of profile steps.</summary>
    public string InputHash => Hashing.Sha256Hex(Country + "\n" + string.Join('\n', Pages.Select(p => p.Url.AbsoluteUri + " " + p.ContentHash)));
}

/// <summary>
/// What one analyzer call cost: <see cref="Provider"/> (<c>heuristic</c>, <c>openai</c>), model, prompt version, tokens,
/// estimated cost in USD, wall time, and whether the answer came from the cache (then no provider call was made).
/// <see cref="Calls"/> is how many provider requests were sent (0 for heuristic or cache hits; 2 with a repair attempt).
/// </summary>
public sealed record StepUsage(
    string Provider,
    string? Model,
    string? PromptVersion,
    int InputTokens,
    int OutputTokens,
    decimal EstimatedCostUsd,
    long LatencyMs,
    bool CacheHit,
    int Calls)
{
    public static StepUsage Heuristic(string version, long latencyMs) => new("heuristic", null, version, 0, 0, 0m, latencyMs, false, 0);
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
