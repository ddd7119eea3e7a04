using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>Where HybridCache's second level (L2) lives: shared by nodes and kept across restarts, unless <see cref="None"/>.</summary>
public enum CacheL2
{
    /// <summary>A table in the application's PostgreSQL (<see cref="PostgresDistributedCache"/>).</summary>
    Postgres,

    /// <summary>Redis at <c>Redis:Configuration</c>.</summary>
    Redis,

    /// <summary>In-process memory only: a restart loses every entry (crawls, LLM answers).</summary>
    None,
}

/// <summary>The PostgreSQL L2 (section <c>Caching:Postgres</c>).</summary>
public sealed class PostgresCacheOptions
{
    /// <summary>Schema of the <c>entries</c> table, created at start-up when missing.</summary>
    [Required(AllowEmptyStrings = false), RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "must be a lower-case PostgreSQL identifier")]
    public string Schema { get; set; } = "cache";

    /// <summary>How often each node deletes expired rows (reads never return them in between).</summary>
    [Range(1, 1440)]
    public int CleanupIntervalMinutes { get; set; } = 30;

    /// <summary>Largest value stored; larger ones are not stored (HybridCache already skips values above
    /// <c>Caching:MaximumPayloadBytes</c>; this guards other users of the <c>IDistributedCache</c>).</summary>
    [Range(1024, 256 << 20)]
    public int MaximumEntryBytes { get; set; } = 16 << 20;

    /// <summary>Sliding lifetime of an entry written without any expiration (the usual IDistributedCache default).</summary>
    [Range(1, CachingOptions.MaxTtlMinutes)]
    public int DefaultSlidingMinutes { get; set; } = 20;
}
