namespace Monolith.Companies.Contracts;

/// <summary>One fetched page as recorded in events: where, what came back, how big, its content hash (the key of its stored body), when and how long.</summary>
public sealed record PageRecord(
    string Url,
    string FinalUrl,
    int Status,
    string? ContentType,
    long Bytes,
    string ContentHash,
    string Category,
    DateTimeOffset FetchedAt,
    long DurationMs,
    bool Truncated);

/// <summary>A URL the crawl looked at and did not keep, with the reason (robots, budget, error, duplicate-content, ...).</summary>
public sealed record SkippedPage(string Url, string Reason, string? Detail);

/// <summary>What a crawl of a company site found: the pages kept (homepage first), the skipped ones, and the error when the homepage could not be read.</summary>
public sealed record SiteCrawl(string Url, IReadOnlyList<PageRecord> Pages, IReadOnlyList<SkippedPage> Skipped, long DurationMs, string? Error)
{
    public bool IsSuccess => Error is null && Pages.Count > 0;
}

/// <summary>Metadata of a step run, carried by every step event: the step, the hash of its inputs, what it cost, when it finished.</summary>
public sealed record StepInfo(string Step, string InputHash, StepUsage Usage, DateTimeOffset At);

/// <summary>The site was crawled (or the crawl was served from the cache: <see cref="CacheHit"/>, then no page was fetched).</summary>
public sealed record SiteCrawled(Guid AnalysisId, SiteCrawl Crawl, bool CacheHit, StepInfo Info);

/// <summary>The company profile was extracted from the crawled pages.</summary>
public sealed record ProfileExtracted(Guid AnalysisId, CompanyProfile Profile, StepInfo Info);

/// <summary>A step failed; <see cref="Reason"/> says why. Steps that depend on it are not run; what succeeded stays.</summary>
public sealed record AnalysisStepFailed(Guid AnalysisId, string Step, string Reason, DateTimeOffset At, long LatencyMs, string? Provider = null);

/// <summary>Someone asked to resume a Failed or Partial analysis: the failed steps (<see cref="Steps"/>) run again, the others are kept.</summary>
public sealed record AnalysisRetried(Guid AnalysisId, IReadOnlyList<string> Steps, DateTimeOffset At);

/// <summary>The step events every company analysis records, whichever module's stream: a projection of such streams includes them.</summary>
public static class CompanyStepEvents
{
    public static readonly IReadOnlyList<Type> Shared = [typeof(SiteCrawled), typeof(ProfileExtracted), typeof(AnalysisStepFailed), typeof(AnalysisRetried)];
}
