using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Token bucket per dependency (<c>Resilience:Dependencies:{name}:RateLimit</c>) so we stay under the
/// provider's quota instead of collecting 429s. Calls beyond <see cref="Burst"/> + <see cref="QueueLimit"/>
/// are rejected with Polly's <c>RateLimiterRejectedException</c>.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Tokens added every second.</summary>
    [Range(1, 10_000)] public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: how many calls may go out at once after a quiet period.</summary>
    [Range(1, 100_000)] public int Burst { get; set; } = 100;

    /// <summary>Calls allowed to wait for a token; 0 rejects immediately when the bucket is empty.</summary>
    [Range(0, 100_000)] public int QueueLimit { get; set; }
}
