using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// The cache modules call: HybridCache (L1 memory + L2 in PostgreSQL or Redis, stampede protection) addressed with
/// <see cref="CacheKey{T}"/>, with the key's TTL profile applied, its namespace as tag, and hit/miss metrics.
/// Without a distributed L2 (<paramref name="distributed"/> null: <c>Caching:L2 = None</c>) the in-process copy lives the whole TTL.
/// </summary>
public sealed class TypedCache(HybridCache cache, IOptions<CachingOptions> options, CacheMetrics metrics, IDistributedCache? distributed = null)
{
    private readonly CachingOptions _options = options.Value;
    private readonly bool _localOnly = distributed is null or MemoryDistributedCache; // HybridCache ignores the in-memory one as L2 too
    private readonly ConcurrentDictionary<(string? Profile, string Namespace), (string Profile, HybridCacheEntryOptions Entry)> _policies = new();

    public async ValueTask<T> GetOrCreateAsync<T>(CacheKey<T> key, Func<CancellationToken, ValueTask<T>> factory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var (profile, entry) = Policy(key);
        var lookup = new Lookup<T>(factory);
        T value;
        try
        {
            value = await cache.GetOrCreateAsync(key.ToString(_options.MaximumKeyLength), lookup,
                static (state, token) => state.InvokeAsync(token), entry, [Tag(key.Namespace)], ct).ConfigureAwait(false);
        }
        catch when (lookup.Invoked)
        {
            metrics.Record(key.Namespace, profile, hit: false);
            throw;
        }
        metrics.Record(key.Namespace, profile, hit: !lookup.Invoked);
        return value;
    }

    /// <summary>Overwrites the entry (L1 and L2) without reading it first.</summary>
    public ValueTask SetAsync<T>(CacheKey<T> key, T value, CancellationToken ct = default) =>
        cache.SetAsync(key.ToString(_options.MaximumKeyLength), value, Policy(key).Entry, [Tag(key.Namespace)], ct);

    public ValueTask RemoveAsync<T>(CacheKey<T> key, CancellationToken ct = default) =>
        cache.RemoveAsync(key.ToString(_options.MaximumKeyLength), ct);

    /// <summary>Invalidates every entry of a namespace (on all nodes, through the L2).</summary>
    public ValueTask RemoveNamespaceAsync(string @namespace, CancellationToken ct = default) =>
        cache.RemoveByTagAsync(Tag(@namespace), ct);

    private (string Profile, HybridCacheEntryOptions Entry) Policy<T>(CacheKey<T> key) =>
        _policies.GetOrAdd((key.Profile, key.Namespace), static (k, s) => CachePolicy.Resolve(s.Options, k.Profile, k.Namespace, s.LocalOnly), (Options: _options, LocalOnly: _localOnly));

    private static string Tag(string @namespace) => CacheKeyFormat.Escape(@namespace);

    private sealed class Lookup<T>(Func<CancellationToken, ValueTask<T>> factory)
    {
        private volatile bool _invoked;
        public bool Invoked => _invoked;

        public ValueTask<T> InvokeAsync(CancellationToken ct)
        {
            _invoked = true;
            return factory(ct);
        }
    }
}
