using Microsoft.Extensions.Caching.Hybrid;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Pure mapping from <see cref="CachingOptions"/> and a key's profile to HybridCache entry lifetimes, kept
/// separate from <see cref="TypedCache"/> so the rule is testable without a clock.
/// </summary>
public static class CachePolicy
{
    public const string DefaultProfile = "default";

    /// <summary>The profile a key uses and its lifetimes. An explicit <paramref name="profile"/> must be
    /// configured; otherwise a profile named like the namespace is used when present, else the defaults.
    /// <paramref name="localOnly"/> (no distributed L2 registered): the in-process copy is the only one, so a profile
    /// without its own <c>LocalTtlMinutes</c> keeps it for its whole TTL — the short global local lifetime only exists to
    /// let nodes converge through the L2 (without this, a 24 h crawl cache lasted 1 minute without Redis).</summary>
    public static (string Profile, HybridCacheEntryOptions Entry) Resolve(CachingOptions options, string? profile, string @namespace, bool localOnly = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = profile ?? @namespace;
        if (options.Profiles.TryGetValue(name, out var configured) && configured.TtlMinutes is { } ttl)
        {
            var local = configured.LocalTtlMinutes ?? (localOnly ? ttl : Math.Min(options.LocalTtlMinutes, ttl));
            return (name, Entry(ttl, local));
        }
        if (profile is not null)
            throw new InvalidOperationException(
                $"Cache profile '{profile}' is not configured; add {CachingOptions.Section}:Profiles:{profile}:TtlMinutes.");
        return (DefaultProfile, Defaults(options));
    }

    /// <summary>Lifetimes of keys without a configured profile (<c>Caching:DefaultTtlMinutes</c>, <c>Caching:LocalTtlMinutes</c>).</summary>
    public static HybridCacheEntryOptions Defaults(CachingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Entry(options.DefaultTtlMinutes, options.LocalTtlMinutes);
    }

    private static HybridCacheEntryOptions Entry(int ttlMinutes, int localTtlMinutes) => new()
    {
        Expiration = TimeSpan.FromMinutes(ttlMinutes),
        LocalCacheExpiration = TimeSpan.FromMinutes(Math.Min(localTtlMinutes, ttlMinutes)),
    };
}
