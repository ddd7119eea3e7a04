using System.Globalization;
using Marten.Events.Projections;
using Monolith.Analytics.Features.AutomationMetrics;

namespace Monolith.Analytics.Features.ProviderUsage;

/// <summary>
/// Provider calls of one provider × model × step × UTC day, per tenant: counts, tokens, cost, failures and a latency
/// histogram (<see cref="LatencyHistogram"/>, ±1 %) so p95 over any window comes from summed counts.
/// </summary>
public sealed class ProviderUsageDay
{
    public const string NoModel = "-";

    public string Id { get; set; } = "";
    public DateTimeOffset Day { get; set; }
    public string Provider { get; set; } = "";
    public string Model { get; set; } = NoModel;
    public string Step { get; set; } = "";
    public long Calls { get; set; }
    public long CacheHits { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }
    public long Failures { get; set; }

    /// <summary>Evidence items of the answers whose quote was not on the cited page (removed from the facts).</summary>
    public long Ungrounded { get; set; }
    public long LatencyMsSum { get; set; }

    /// <summary>Calls per latency bucket (<see cref="LatencyHistogram"/>): bucket index → count.</summary>
    public Dictionary<int, long> Latencies { get; set; } = [];

    /// <summary>The coarse <see cref="LatencyBuckets"/> counts of rows written before <see cref="Latencies"/> existed. Folded
    /// into it when the row is next updated and counted (at slot midpoints) when read; a rebuild of the projection
    /// replaces them with exact figures.</summary>
    public long[]? LatencyCounts { get; set; }

    /// <summary>The latencies to report: <see cref="Latencies"/> plus any not yet folded legacy counts.</summary>
    public IReadOnlyDictionary<int, long> AllLatencies()
    {
        if (LatencyCounts is not { Length: > 0 } legacy) return Latencies;
        var all = LatencyHistogram.FromLegacy(legacy);
        LatencyHistogram.AddInto(all, Latencies);
        return all;
    }

    public static DateTimeOffset DayOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    public static string KeyFor(ProviderUsageObserved e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Create(CultureInfo.InvariantCulture, $"{DayOf(e.At):yyyy-MM-dd}|{e.Provider}|{e.Model ?? NoModel}|{e.Step}");
    }

    public void Add(ProviderUsageObserved e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Id.Length == 0) Id = KeyFor(e);
        Day = DayOf(e.At);
        Provider = e.Provider;
        Model = e.Model ?? NoModel;
        Step = e.Step;
        Calls++;
        if (e.CacheHit) CacheHits++;
        if (!e.Succeeded) Failures++;
        Ungrounded += e.Ungrounded;
        InputTokens += e.InputTokens;
        OutputTokens += e.OutputTokens;
        CostUsd += e.CostUsd;
        LatencyMsSum += e.LatencyMs;
        if (LatencyCounts is { Length: > 0 })
        {
            Latencies = new Dictionary<int, long>(AllLatencies());
            LatencyCounts = null;
        }
        LatencyHistogram.Record(Latencies, e.LatencyMs);
    }
}

/// <summary>Multi-stream projection of every source item's usage stream into day rows. Async for the same reason as
/// <see cref="AutomationMetricsProjection"/>: rows are shared by calls committed in parallel.</summary>
public sealed class ProviderUsageProjection : MultiStreamProjection<ProviderUsageDay, string>
{
    public const string ProjectionName = "ProviderUsage";

    public ProviderUsageProjection()
    {
        Name = ProjectionName;
        Identity<ProviderUsageObserved>(ProviderUsageDay.KeyFor);
    }

    public void Apply(ProviderUsageObserved e, ProviderUsageDay row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.Add(e);
    }
}
