namespace Monolith.Companies.Contracts;

/// <summary>
/// What a supplier and a prospect analysis both know, and how the shared scanning events change it (crawl, profile, a
/// failed step, a retry, the end). Each module's document adds its own steps' results; its projection folds the shared
/// events here and its own in the document. <see cref="Version"/> is the stream version (the documents are <c>IRevisioned</c>).
/// </summary>
public abstract class CompanyAnalysisDocument
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
    public int Retries { get; set; }

    /// <summary>When the current run began: the request, or the latest retry (usage of a run counts the steps it ran).</summary>
    public DateTimeOffset RunStartedAt { get; set; }
    public int Version { get; set; }

    /// <summary>False for a document the start event did not create (a phantom of another module's stream).</summary>
    public bool IsStarted => RequestedAt != default;

    public bool IsFinished => Status is AnalysisStatus.Completed or AnalysisStatus.Partial or AnalysisStatus.Failed;

    /// <summary>The module's step plan (which steps a finished run skips).</summary>
    protected abstract IReadOnlyList<StepDefinition> Plan { get; }

    /// <summary>Folds a shared scanning event; false when <paramref name="data"/> is not one.</summary>
    public bool OnShared(object data)
    {
        switch (data)
        {
            case SiteCrawled e:
                Status = AnalysisStatus.Running;
                Crawl = e.Crawl;
                CrawlFromCache = e.CacheHit;
                Succeeded(e.Info);
                return true;
            case ProfileExtracted e:
                Profile = e.Profile;
                Succeeded(e.Info);
                return true;
            case AnalysisStepFailed e:
                Status = AnalysisStatus.Running;
                StepPlan.Failed(Steps, e);
                return true;
            case AnalysisRetried e:
                Status = AnalysisStatus.Running;
                FinishedAt = null;
                Retries++;
                RunStartedAt = e.At;
                StepPlan.Retried(Steps, e);
                StepPlan.Unskip(Steps);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A step of the module's own succeeded.</summary>
    protected void Succeeded(StepInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        StepPlan.Succeeded(Steps, info, info.Usage.LatencyMs);
    }

    /// <summary>The module's finished event: the outcome, and steps that could not run marked skipped.</summary>
    protected void Finish(AnalysisStatus status, DateTimeOffset at)
    {
        Status = status;
        FinishedAt = at;
        StepPlan.SkipBlocked(Plan, Steps);
    }
}
