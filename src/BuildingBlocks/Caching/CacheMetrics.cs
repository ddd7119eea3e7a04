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

    private readonly Counter<long> _lookups;

    public CacheMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _lookups = meter.CreateCounter<long>(LookupsCounterName, "{lookup}", "Cache lookups by namespace, profile and result (hit|miss).");
    }

    public void Record(string @namespace, string profile, bool hit) =>
        _lookups.Add(1,
            new KeyValuePair<string, object?>("namespace", @namespace),
            new KeyValuePair<string, object?>("profile", profile),
            new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
}
