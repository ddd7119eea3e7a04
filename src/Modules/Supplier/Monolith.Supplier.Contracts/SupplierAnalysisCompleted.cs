namespace Monolith.Supplier.Contracts;

/// <summary>An industry as a NAICS 2022 sector.</summary>
public sealed record IndustryRef(string Code, string Label);

/// <summary>One of the supplier's target customer clusters (ideal customer profile). Spend categories are UNSPSC segment codes; size bands Micro..Enterprise.</summary>
public sealed record SupplierCluster(
    string Id,
    string Name,
    IReadOnlyList<IndustryRef> Industries,
    IReadOnlyList<string> SizeBands,
    IReadOnlyList<string> BuyerRoles,
    IReadOnlyList<string> Pains,
    IReadOnlyList<string> SpendCategories,
    string Rationale);

/// <summary>What one analysis step cost: provider, model, prompt version, tokens, estimated USD, latency, cache hit, provider requests sent.</summary>
public sealed record StepUsageSummary(string Step, string Provider, string? Model, string? PromptVersion, int InputTokens, int OutputTokens,
    decimal EstimatedCostUsd, long LatencyMs, bool CacheHit, int Calls, bool Succeeded, int Ungrounded = 0);

/// <summary>
/// A supplier analysis finished (published through the durable outbox): <paramref name="Status"/> is Completed, Partial
/// or Failed; the profile headline and the clusters (empty unless that step succeeded) and what each step of this run
/// cost (<paramref name="Run"/> 0 is the first run, each retry adds one).
/// </summary>
public sealed record SupplierAnalysisCompleted(
    Guid AnalysisId,
    string Domain,
    string Url,
    string Country,
    string Currency,
    string Status,
    string? CompanyName,
    IndustryRef? Industry,
    IReadOnlyList<SupplierCluster> Clusters,
    IReadOnlyList<StepUsageSummary> Usage,
    DateTimeOffset RequestedAt,
    DateTimeOffset CompletedAt,
    int Run = 0);
