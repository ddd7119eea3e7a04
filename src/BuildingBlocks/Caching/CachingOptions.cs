using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Settings of the shared cache (section <c>Caching</c>): default lifetimes, size limits and named TTL
/// profiles that <see cref="CacheKey{T}.Profile"/> refers to. Validated at start-up.
/// </summary>
public sealed class CachingOptions : IValidatableObject
{
    public const string Section = "Caching";
    public const int MaxTtlMinutes = 43_200; // 30 days

    /// <summary>Lifetime of an entry (L2, and L1 when shorter than <see cref="LocalTtlMinutes"/>).</summary>
    [Range(1, MaxTtlMinutes)]
    public int DefaultTtlMinutes { get; set; } = 5;

    /// <summary>Lifetime of the in-process (L1) copy; kept short so nodes converge after another node writes.</summary>
    [Range(1, MaxTtlMinutes)]
    public int LocalTtlMinutes { get; set; } = 1;

    /// <summary>Largest serialized value that is cached; larger values are computed but not stored.</summary>
    [Range(1024, 1 << 30)]
    public int MaximumPayloadBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Upper bound of the in-process (L1) cache, in MiB of cached payload: without it, long lifetimes (crawls 24 h) keep
    /// every distinct entry in memory until it expires. Least-recently-used entries beyond it are dropped (and come
    /// back from the L2, PostgreSQL or Redis, or are recomputed).
    /// </summary>
    [Range(1, 65_536)]
    public int LocalSizeLimitMegabytes { get; set; } = 256;

    /// <summary>Longest cache key; longer <see cref="CacheKey{T}"/>s are hashed (SHA-256) to fit.</summary>
    [Range(CacheKeyFormat.MinimumLength, 8192)]
    public int MaximumKeyLength { get; set; } = 1024;

    /// <summary>Where the L2 lives; empty = <see cref="CacheL2.Redis"/> when <c>Redis:Configuration</c> is set, else
    /// <see cref="CacheL2.Postgres"/> (the application's PostgreSQL).</summary>
    public CacheL2? L2 { get; set; }

    /// <summary>The PostgreSQL L2 (<c>Caching:Postgres</c>).</summary>
    public PostgresCacheOptions Postgres { get; set; } = new();

    /// <summary>Named lifetimes (profile name → TTLs), e.g. <c>Caching:Profiles:Pages:TtlMinutes</c>.</summary>
    public Dictionary<string, CacheProfileOptions> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LocalTtlMinutes > DefaultTtlMinutes)
            yield return new ValidationResult($"must not exceed DefaultTtlMinutes ({DefaultTtlMinutes})", [nameof(LocalTtlMinutes)]);
    }
}

/// <summary>One named TTL profile under <c>Caching:Profiles:{name}</c>.</summary>
public sealed class CacheProfileOptions : IValidatableObject
{
    /// <summary>Lifetime of the entry; required.</summary>
    [Required, Range(1, CachingOptions.MaxTtlMinutes)]
    public int? TtlMinutes { get; set; }

    /// <summary>Lifetime of the L1 copy; empty = the smaller of <c>Caching:LocalTtlMinutes</c> and <see cref="TtlMinutes"/>.</summary>
    [Range(1, CachingOptions.MaxTtlMinutes)]
    public int? LocalTtlMinutes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LocalTtlMinutes > TtlMinutes)
            yield return new ValidationResult($"must not exceed TtlMinutes ({TtlMinutes})", [nameof(LocalTtlMinutes)]);
    }
}
