using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// When to stop calling a failing dependency (<c>Resilience:Dependencies:{name}:CircuitBreaker</c>).
/// Ranges mirror what Polly's circuit breaker accepts, so bad values fail at start-up, not at first call.
/// </summary>
public sealed class CircuitBreakerSettings
{
    /// <summary>Share of failed calls within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)] public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the ratio is considered.</summary>
    [Range(2, 10_000)] public int MinimumThroughput { get; set; } = 10;

    [Range(1, 3_600)] public int SamplingDurationSeconds { get; set; } = 30;

    /// <summary>How long the circuit stays open before a trial call is allowed.</summary>
    [Range(1, 3_600)] public int BreakDurationSeconds { get; set; } = 30;
}
