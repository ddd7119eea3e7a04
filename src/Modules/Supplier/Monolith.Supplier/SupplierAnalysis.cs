using JasperFx;

namespace Monolith.Supplier;

/// <summary>A supplier analysis was asked for; the stream's first event.</summary>
public sealed record AnalysisRequested(Guid AnalysisId, string Url, string Domain, string Country, string Currency, DateTimeOffset At);

public enum SupplierAnalysisStatus { Requested }

/// <summary>
/// The small state decisions about one supplier analysis need, kept as an inline snapshot (Marten source-generates
/// the dispatch to these public methods; private ones would be silently ignored).
/// </summary>
public sealed class SupplierAnalysis : IRevisioned
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string Domain { get; set; } = "";
    public string Country { get; set; } = "";
    public string Currency { get; set; } = "";
    public SupplierAnalysisStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public int Version { get; set; }

    public static SupplierAnalysis Create(AnalysisRequested e) => new()
    {
        Id = e.AnalysisId,
        Url = e.Url,
        Domain = e.Domain,
        Country = e.Country,
        Currency = e.Currency,
        Status = SupplierAnalysisStatus.Requested,
        RequestedAt = e.At,
    };
}
