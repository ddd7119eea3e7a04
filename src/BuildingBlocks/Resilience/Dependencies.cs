namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Well-known outbound dependency names. They key <c>Resilience:Dependencies</c>, the shared pipelines and
/// the circuit registry, so every module talking to the same external service shares one rate limit and one circuit.
/// </summary>
public static class Dependencies
{
    public const string WebFetch = "WebFetch";
    public const string Llm = "Llm";
    public const string DocumentIntelligence = "DocumentIntelligence";
}
