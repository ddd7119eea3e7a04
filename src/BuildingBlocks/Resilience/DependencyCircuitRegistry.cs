using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Singleton view of every dependency's circuit so health checks and diagnostics can report
/// which external services we are currently refusing to call. Pipelines register themselves when built.
/// </summary>
public sealed class DependencyCircuitRegistry
{
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _circuits = new(StringComparer.OrdinalIgnoreCase);

    public void Register(string dependencyName, CircuitBreakerStateProvider stateProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        ArgumentNullException.ThrowIfNull(stateProvider);
        _circuits[dependencyName] = stateProvider;
    }

    /// <summary>Dependency name → "Closed", "Open", "HalfOpen" or "Isolated", for pipelines built so far.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        _circuits.ToDictionary(pair => pair.Key, pair => pair.Value.CircuitState.ToString(), StringComparer.OrdinalIgnoreCase);
}
