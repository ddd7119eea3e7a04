using System.Text.Json.Serialization;

namespace Monolith.Companies.Contracts;

// The vocabulary of company-website analysis: produced by the Companies module's analyzers and recorded by the
// Supplier and Prospect analyses that asked for them. These types are
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

/// <summary>
/// What one analyzer call cost: <see cref="Provider"/> (<c>heuristic</c>, <c>openai</c>), model, prompt version, tokens,
/// estimated cost in USD, wall time, and whether the answer came from the cache (then no provider call was made).
/// <see cref="Calls"/> is how many provider requests were sent (0 for heuristic or cache hits; 2 with a repair attempt).
/// <see cref="Ungrounded"/> counts the evidence items of the answer whose snippet was not on the cited page (removed).
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
    int Calls,
    int Ungrounded = 0)
{
    public static StepUsage Heuristic(string version, long latencyMs) => new("heuristic", null, version, 0, 0, 0m, latencyMs, false, 0);
}
