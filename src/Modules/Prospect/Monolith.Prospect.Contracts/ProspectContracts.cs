namespace Monolith.Prospect.Contracts;

/// <summary>A prospect's best-fitting supplier cluster and its fit 0..1.</summary>
public sealed record ClusterFitSummary(string ClusterId, string ClusterName, double Fit);

/// <summary>Annual addressable spend (low, expected, high) in <paramref name="Currency"/>.</summary>
public sealed record OpportunitySummary(string Currency, decimal Low, decimal Expected, decimal High);

/// <summary>What one prospect analysis step cost (provider, model, prompt version, tokens, USD, latency, cache hit, provider requests).</summary>
public sealed record ProspectStepUsage(string Step, string Provider, string? Model, string? PromptVersion, int InputTokens, int OutputTokens,
    decimal EstimatedCostUsd, long LatencyMs, bool CacheHit, int Calls, bool Succeeded, int Ungrounded = 0);

/// <summary>A prospect analysis was accepted (published through the durable outbox).</summary>
public sealed record ProspectAnalysisRequested(Guid AnalysisId, Guid SupplierAnalysisId, string Domain, string Url, string Country, Guid? BatchId, DateTimeOffset RequestedAt);

/// <summary>A prospect analysis finished: Completed, Partial or Failed, with its headline results and what each step cost.</summary>
public sealed record ProspectAnalysisCompleted(
    Guid AnalysisId,
    Guid SupplierAnalysisId,
    string Domain,
    string Url,
    string Country,
    string Status,
    string? CompanyName,
    string? IndustryCode,
    int? Employees,
    ClusterFitSummary? BestCluster,
    OpportunitySummary? Opportunity,
    string? ScoringVersion,
    IReadOnlyList<ProspectStepUsage> Usage,
    Guid? BatchId,
    DateTimeOffset RequestedAt,
    DateTimeOffset CompletedAt,
    int Run = 0);

/// <summary>A prospect was re-scored from its recorded step outputs with the named scoring parameters.</summary>
public sealed record ProspectRescored(Guid AnalysisId, Guid SupplierAnalysisId, string Domain, string Country,
    ClusterFitSummary? BestCluster, OpportunitySummary Opportunity, string ScoringVersion, DateTimeOffset At);
