using System.Diagnostics.Metrics;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Hit/miss counter on the "Monolith.Caching" meter (exported by OpenTelemetry like any other meter).
/// A miss is a lookup whose factory ran; joining another caller's in-flight computation counts as a hit.
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = "Monolith.Caching";
    public const string LookupsCounterName = "monolith.cache.lookups";
    public const string ExpiredRemovedCounterName = "monolith.cache.l2.expired_removed";

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _expiredRemoved;

    public CacheMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _lookups = meter.CreateCounter<long>(LookupsCounterName, "{lookup}", "Cache lookups by namespace, profile and result (hit|miss).");
        _expiredRemoved = meter.CreateCounter<long>(ExpiredRemovedCounterName, "{entry}", "Expired entries deleted from the PostgreSQL L2 by its cleanup.");
    }

    public void Record(string @namespace, string profile, bool hit) =>
        _lookups.Add(1,
            new KeyValuePair<string, object?>("namespace", @namespace),
            new KeyValuePair<string, object?>("profile", profile),
            new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void RecordExpiredRemoved(long entries) => _expiredRemoved.Add(entries);
}
