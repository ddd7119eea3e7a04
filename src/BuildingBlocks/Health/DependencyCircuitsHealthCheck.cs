using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Health;

/// <summary>
/// Reports each outside dependency's circuit-breaker state. An open circuit means "degraded": the product keeps
/// serving (work waits or falls back), so readiness stays 200 and the state is visible in the probe's data.
/// </summary>
public sealed class DependencyCircuitsHealthCheck(DependencyCircuitRegistry circuits, ResiliencePipelineFactory pipelines) : IHealthCheck
{
    private static readonly string[] WellKnown = [Dependencies.WebFetch, Dependencies.Llm, Dependencies.DocumentIntelligence];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Pipelines are built on first use; building the well-known ones here makes every circuit visible from start-up.
        foreach (var name in WellKnown) pipelines.GetPipeline(name);
        var states = circuits.Snapshot();
        var data = states.ToDictionary(s => s.Key, s => (object)s.Value);
        var open = states.Where(s => s.Value is "Open" or "Isolated").Select(s => s.Key).ToList();
        return Task.FromResult(open.Count == 0
            ? HealthCheckResult.Healthy(states.Count == 0 ? "No outside dependency called yet" : "All circuits closed", data)
            : HealthCheckResult.Degraded($"Circuit open: {string.Join(", ", open)}", data: data));
    }
}
