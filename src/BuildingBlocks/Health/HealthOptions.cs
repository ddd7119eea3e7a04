using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Health;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long the readiness probe waits for PostgreSQL before reporting it unhealthy.</summary>
    [Range(1, 60)]
    public int PostgresTimeoutSeconds { get; set; } = 3;
}
