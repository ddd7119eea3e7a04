using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>Hit/miss counts reach the "Monolith.Caching" meter with namespace, profile and result tags.</summary>
public class CacheMetricsTests
{
    [Fact]
    public async Task a_computed_value_is_a_miss_and_a_cached_one_a_hit()
    {
        await using var provider = CacheTestHost.Build(new() { ["Caching:Profiles:Pages:TtlMinutes"] = "30" });
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        var measurements = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // only this container's meter: other tests run in parallel with their own containers
            if (instrument.Meter.Name == CacheMetrics.MeterName && instrument.Meter.Scope == meterFactory
                && instrument.Name == CacheMetrics.LookupsCounterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements) measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();

        var cache = provider.GetRequiredService<TypedCache>();
        var key = new CacheKey<string>("cms", "home") { Profile = "Pages" };
        await cache.GetOrCreateAsync(key, _ => new("v"), CancellationToken.None);
        await cache.GetOrCreateAsync(key, _ => new("v"), CancellationToken.None);
        await cache.GetOrCreateAsync(key, _ => new("v"), CancellationToken.None);
        await cache.GetOrCreateAsync(new CacheKey<string>("other"), _ => new("v"), CancellationToken.None);

        Assert.Equal(4, measurements.Count);
        Assert.All(measurements, m => Assert.Equal(1, m.Value));
        Assert.Equal(["miss", "hit", "hit", "miss"], measurements.Select(m => (string?)m.Tags["result"]));
        Assert.Equal(["cms", "cms", "cms", "other"], measurements.Select(m => (string?)m.Tags["namespace"]));
        Assert.Equal(["Pages", "Pages", "Pages", CachePolicy.DefaultProfile], measurements.Select(m => (string?)m.Tags["profile"]));
    }
}
