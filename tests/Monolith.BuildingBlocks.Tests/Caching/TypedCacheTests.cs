using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>TypedCache over the in-memory HybridCache: stampede protection and profile TTLs on a fake clock.</summary>
public class TypedCacheTests
{
    [Fact]
    public async Task concurrent_requests_for_one_key_compute_once()
    {
        await using var provider = CacheTestHost.Build();
        var cache = provider.GetRequiredService<TypedCache>();
        var key = new CacheKey<string>("reports", "monthly");
        var calls = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        async ValueTask<string> SlowFactory(CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
            return "computed";
        }

        var requests = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => cache.GetOrCreateAsync(key, SlowFactory, timeout.Token).AsTask()))
            .ToArray();
        await started.Task.WaitAsync(timeout.Token);
        await Task.Delay(200, timeout.Token); // let the other callers pile up on the in-flight computation
        release.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Equal("computed", r));
    }

    [Fact]
    public async Task different_keys_compute_separately()
    {
        await using var provider = CacheTestHost.Build();
        var cache = provider.GetRequiredService<TypedCache>();
        var calls = new int[10];

        var requests = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var id = i % 10;
            return await cache.GetOrCreateAsync(new CacheKey<int>("items", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), async _ =>
            {
                Interlocked.Increment(ref calls[id]);
                await Task.Delay(100);
                return id * 100;
            }, CancellationToken.None);
        })).ToArray();
        var results = await Task.WhenAll(requests);

        Assert.All(calls, c => Assert.Equal(1, c));
        for (var i = 0; i < results.Length; i++) Assert.Equal(i % 10 * 100, results[i]);
    }

    [Fact]
    public async Task the_configured_profile_decides_when_an_entry_expires()
    {
        var clock = new FakeTimeProvider();
        await using var provider = CacheTestHost.Build(new()
        {
            ["Caching:DefaultTtlMinutes"] = "60",
            ["Caching:LocalTtlMinutes"] = "60",
            ["Caching:Profiles:Short:TtlMinutes"] = "10",
            ["Caching:Profiles:Short:LocalTtlMinutes"] = "2",
        }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.Configure<MemoryCacheOptions>(o => o.Clock = new ClockAdapter(clock));
        });
        var cache = provider.GetRequiredService<TypedCache>();
        var shortKey = new CacheKey<int>("ttl", "short") { Profile = "Short" };
        var defaultKey = new CacheKey<int>("ttl", "default");
        var computed = 0;
        ValueTask<int> Factory(CancellationToken _) => new(Interlocked.Increment(ref computed));

        Assert.Equal(1, await cache.GetOrCreateAsync(shortKey, Factory, CancellationToken.None));
        Assert.Equal(2, await cache.GetOrCreateAsync(defaultKey, Factory, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(1, await cache.GetOrCreateAsync(shortKey, Factory, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, await cache.GetOrCreateAsync(shortKey, Factory, CancellationToken.None));
        Assert.Equal(2, await cache.GetOrCreateAsync(defaultKey, Factory, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(4, await cache.GetOrCreateAsync(defaultKey, Factory, CancellationToken.None));
    }

    [Fact]
    public async Task remove_and_namespace_invalidation_force_recomputation()
    {
        await using var provider = CacheTestHost.Build();
        var cache = provider.GetRequiredService<TypedCache>();
        var computed = 0;
        ValueTask<int> Factory(CancellationToken _) => new(Interlocked.Increment(ref computed));
        var a = new CacheKey<int>("orders", "a");
        var b = new CacheKey<int>("orders", "b");
        var other = new CacheKey<int>("customers", "a");

        Assert.Equal(1, await cache.GetOrCreateAsync(a, Factory, CancellationToken.None));
        Assert.Equal(2, await cache.GetOrCreateAsync(b, Factory, CancellationToken.None));
        Assert.Equal(3, await cache.GetOrCreateAsync(other, Factory, CancellationToken.None));

        await cache.RemoveAsync(a);
        Assert.Equal(4, await cache.GetOrCreateAsync(a, Factory, CancellationToken.None));
        Assert.Equal(2, await cache.GetOrCreateAsync(b, Factory, CancellationToken.None));

        await Task.Delay(5); // tag invalidation compares timestamps; keep it strictly after the writes
        await cache.RemoveNamespaceAsync("orders");
        Assert.Equal(5, await cache.GetOrCreateAsync(b, Factory, CancellationToken.None));
        Assert.Equal(3, await cache.GetOrCreateAsync(other, Factory, CancellationToken.None));
    }

    private sealed class ClockAdapter(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}

public class when_the_local_cache_is_full
{
    private sealed record Blob(string Id, string Text);

    [Fact]
    public async Task the_least_recently_used_entries_are_dropped_instead_of_memory_growing()
    {
        // 1 MiB of L1, entries of ~100 KB (serialized), long lifetimes: the cache must not keep all 40. (MemoryCache refuses
        // an entry that does not fit and compacts in the background, so which ones stay is not asserted.)
        await using var provider = CacheTestHost.Build(new() { ["Caching:LocalSizeLimitMegabytes"] = "1", ["Caching:DefaultTtlMinutes"] = "600", ["Caching:LocalTtlMinutes"] = "600" });
        var cache = provider.GetRequiredService<TypedCache>();
        var computed = 0;
        async Task<Blob> Get(int i) => await cache.GetOrCreateAsync(new CacheKey<Blob>("blobs", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), _ =>
        {
            Interlocked.Increment(ref computed);
            return ValueTask.FromResult(new Blob(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new string('x', 100_000)));
        }, CancellationToken.None);

        for (var i = 0; i < 40; i++) Assert.Equal(100_000, (await Get(i)).Text.Length);
        Assert.Equal(40, computed);
        // Compaction runs in the background; the memory cache reports what it holds.
        var memory = (Microsoft.Extensions.Caching.Memory.MemoryCache)provider.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
        for (var attempt = 0; attempt < 50 && memory.Count > 12; attempt++) await Task.Delay(20);
        Assert.InRange(memory.Count, 1, 12);

        // Whatever is not held is computed again, never lost or wrong.
        for (var i = 0; i < 40; i++) Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (await Get(i)).Id);
        Assert.True(computed > 40, "every entry was still cached: the size limit did nothing");
        Assert.InRange(memory.Count, 1, 12);
    }
}
