using System.Security.Cryptography;
using System.Text;
using JasperFx;

namespace Monolith.Analytics;

/// <summary>Analytics observed an analysis of a company (from another module's contract message).</summary>
public sealed record CompanyAnalysisObserved(string Domain, Guid AnalysisId, string Kind, string Url, string Country, DateTimeOffset At);

public sealed record CompanyAnalysisEntry(Guid AnalysisId, string Kind, string Url, string Country, DateTimeOffset At);

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
    public int Version { get; set; }

    public static CompanyHistory Create(CompanyAnalysisObserved e) => new CompanyHistory { Id = StreamIdFor(e.Domain), Domain = e.Domain }.With(e);

    public void Apply(CompanyAnalysisObserved e) => With(e);

    private CompanyHistory With(CompanyAnalysisObserved e)
    {
        Analyses.Add(new CompanyAnalysisEntry(e.AnalysisId, e.Kind, e.Url, e.Country, e.At));
        LastAnalysedAt = LastAnalysedAt is { } last && last > e.At ? last : e.At;
        return this;
    }

    /// <summary>One stream per domain: a name-based (v5-style) Guid so the id follows from the domain alone.</summary>
    public static Guid StreamIdFor(string domain)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("company-history:" + domain.ToLowerInvariant()));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>Pure decision: record an analysis once, however often its message is delivered or replayed.</summary>
public static class CompanyHistoryDecider
{
    public static IEnumerable<object> Decide(CompanyHistory? history, CompanyAnalysisObserved observed) =>
        history?.Analyses.Any(a => a.AnalysisId == observed.AnalysisId) == true ? [] : [observed];
}
