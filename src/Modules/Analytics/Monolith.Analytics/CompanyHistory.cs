using Monolith.BuildingBlocks.Messaging;
using JasperFx;

namespace Monolith.Analytics;

/// <summary>Analytics observed an analysis of a company (from another module's contract message).</summary>
public sealed record CompanyAnalysisObserved(string Domain, Guid AnalysisId, string Kind, string Url, string Country, DateTimeOffset At);

/// <summary>An analysis of the company finished (Completed, Partial, Failed) with its headline results.</summary>
public sealed record CompanyAnalysisFinishedObserved(string Domain, Guid AnalysisId, string Kind, string Status, string? CompanyName,
    string? IndustryCode, int? Employees, string? BestCluster, double? Fit, decimal? ExpectedOpportunity, string? Currency, DateTimeOffset At);

/// <summary>A prospect analysis of the company was re-scored with other parameters.</summary>
public sealed record CompanyAnalysisRescoredObserved(string Domain, Guid AnalysisId, string? BestCluster, double? Fit,
    decimal ExpectedOpportunity, string Currency, string ScoringVersion, DateTimeOffset At);

public sealed record CompanyAnalysisEntry(Guid AnalysisId, string Kind, string Url, string Country, DateTimeOffset At)
{
    public string Status { get; init; } = "Requested";
    public string? CompanyName { get; init; }
    public string? IndustryCode { get; init; }
    public int? Employees { get; init; }
    public string? BestCluster { get; init; }
    public double? Fit { get; init; }
    public decimal? ExpectedOpportunity { get; init; }
    public string? Currency { get; init; }
    public string? ScoringVersion { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>What changed between two finished analyses of the company (or by a re-score).</summary>
public sealed record CompanyChange(DateTimeOffset At, Guid AnalysisId, string Field, string? From, string? To);

/// <summary>The latest known facts: from the newest finished analysis that had each one.</summary>
public sealed record CompanyLatest(string? CompanyName, string? IndustryCode, int? Employees, string? BestCluster, double? Fit,
    decimal? ExpectedOpportunity, string? Currency, DateTimeOffset? At);

/// <summary>
/// Every analysis of one company domain over time: a Marten inline snapshot of the Analytics stream for that
/// domain, so it can be rebuilt from the events at any time.
/// </summary>
public sealed class CompanyHistory : IRevisioned
{
    public Guid Id { get; set; }
    public string Domain { get; set; } = "";
    public List<CompanyAnalysisEntry> Analyses { get; set; } = [];
    public DateTimeOffset? LastAnalysedAt { get; set; }
    public CompanyLatest Latest { get; set; } = new(null, null, null, null, null, null, null, null);
    public List<CompanyChange> Changes { get; set; } = [];
    public int Version { get; set; }

    public static CompanyHistory Create(CompanyAnalysisObserved e) => new CompanyHistory { Id = StreamIdFor(e.Domain), Domain = e.Domain }.With(e);

    public void Apply(CompanyAnalysisObserved e) => With(e);

    public void Apply(CompanyAnalysisFinishedObserved e)
    {
        var index = Analyses.FindIndex(a => a.AnalysisId == e.AnalysisId);
        var entry = index >= 0 ? Analyses[index] : new CompanyAnalysisEntry(e.AnalysisId, e.Kind, "", "", e.At);
        entry = entry with
        {
            Status = e.Status, CompanyName = e.CompanyName, IndustryCode = e.IndustryCode, Employees = e.Employees, BestCluster = e.BestCluster,
            Fit = e.Fit, ExpectedOpportunity = e.ExpectedOpportunity, Currency = e.Currency, FinishedAt = e.At,
        };
        if (index >= 0) Analyses[index] = entry; else Analyses.Add(entry);
        Changes.AddRange(CompanyHistoryDecider.Changes(Latest, entry, e.At));
        Latest = new CompanyLatest(e.CompanyName ?? Latest.CompanyName, e.IndustryCode ?? Latest.IndustryCode, e.Employees ?? Latest.Employees,
            e.BestCluster ?? Latest.BestCluster, e.Fit ?? Latest.Fit, e.ExpectedOpportunity ?? Latest.ExpectedOpportunity,
            e.ExpectedOpportunity is null ? Latest.Currency : e.Currency, e.At);
    }

    public void Apply(CompanyAnalysisRescoredObserved e)
    {
        var index = Analyses.FindIndex(a => a.AnalysisId == e.AnalysisId);
        if (index < 0) return;
        var entry = Analyses[index] with { BestCluster = e.BestCluster, Fit = e.Fit, ExpectedOpportunity = e.ExpectedOpportunity, Currency = e.Currency, ScoringVersion = e.ScoringVersion };
        Analyses[index] = entry;
        Changes.AddRange(CompanyHistoryDecider.Changes(Latest, entry, e.At).Where(c => c.Field is "bestCluster" or "fit" or "expectedOpportunity"));
        Latest = Latest with { BestCluster = e.BestCluster, Fit = e.Fit, ExpectedOpportunity = e.ExpectedOpportunity, Currency = e.Currency, At = e.At };
    }

    private CompanyHistory With(CompanyAnalysisObserved e)
    {
        Analyses.Add(new CompanyAnalysisEntry(e.AnalysisId, e.Kind, e.Url, e.Country, e.At));
        LastAnalysedAt = LastAnalysedAt is { } last && last > e.At ? last : e.At;
        return this;
    }

    /// <summary>One stream per domain: a name-based (v5-style) Guid so the id follows from the domain alone.</summary>
    public static Guid StreamIdFor(string domain) =>
        NameBasedGuid.From("company-history:" + domain.ToLowerInvariant());
}

/// <summary>Pure decision: record an analysis once, however often its message is delivered or replayed.</summary>
public static class CompanyHistoryDecider
{
    public static IEnumerable<object> Decide(CompanyHistory? history, CompanyAnalysisObserved observed) =>
        history?.Analyses.Any(a => a.AnalysisId == observed.AnalysisId) == true ? [] : [observed];

    /// <summary>A finished analysis is recorded once (a redelivery with the same time does nothing); the request is added first when it was never seen.</summary>
    public static IEnumerable<object> Decide(CompanyHistory? history, CompanyAnalysisObserved requested, CompanyAnalysisFinishedObserved finished)
    {
        var entry = history?.Analyses.FirstOrDefault(a => a.AnalysisId == finished.AnalysisId);
        if (entry?.FinishedAt == finished.At) return [];
        return entry is null ? [requested, finished] : [finished];
    }

    /// <summary>A re-score is recorded once per analysis and scoring version at a time.</summary>
    public static IEnumerable<object> Decide(CompanyHistory? history, CompanyAnalysisRescoredObserved rescored)
    {
        var entry = history?.Analyses.FirstOrDefault(a => a.AnalysisId == rescored.AnalysisId);
        return entry is null || entry.ScoringVersion == rescored.ScoringVersion && history!.Latest.At >= rescored.At ? [] : [rescored];
    }

    /// <summary>The facts that differ between what was known and a newly finished analysis (facts it lacks are not changes).</summary>
    public static IEnumerable<CompanyChange> Changes(CompanyLatest before, CompanyAnalysisEntry after, DateTimeOffset at)
    {
        if (before.At is null) yield break;
        static string? F(object? v) => v switch { null => null, double d => d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), decimal m => m.ToString("0", System.Globalization.CultureInfo.InvariantCulture), _ => v.ToString() };
        (string Field, object? From, object? To)[] pairs =
        [
            ("companyName", before.CompanyName, after.CompanyName), ("industry", before.IndustryCode, after.IndustryCode),
            ("employees", before.Employees, after.Employees), ("bestCluster", before.BestCluster, after.BestCluster),
            ("fit", before.Fit, after.Fit), ("expectedOpportunity", before.ExpectedOpportunity, after.ExpectedOpportunity),
        ];
        foreach (var (field, from, to) in pairs)
            if (to is not null && F(from) != F(to)) yield return new CompanyChange(at, after.AnalysisId, field, F(from), F(to));
    }
}
