using Names = Monolith.BuildingBlocks.Resilience.Dependencies;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Section <c>Resilience</c>. The dictionary starts with the well-known dependencies' defaults, so
/// configuration only needs the values it changes (e.g. <c>Resilience:Dependencies:Llm:TimeoutSeconds</c>);
/// any other key adds a dependency starting from the generic defaults.
/// </summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    public Dictionary<string, DependencyResilienceOptions> Dependencies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Names.WebFetch] = DependencyResilienceOptions.DefaultsFor(Names.WebFetch),
        [Names.Llm] = DependencyResilienceOptions.DefaultsFor(Names.Llm),
        [Names.DocumentIntelligence] = DependencyResilienceOptions.DefaultsFor(Names.DocumentIntelligence),
    };

    /// <summary>Settings of <paramref name="dependencyName"/>; an unconfigured name gets <see cref="DependencyResilienceOptions.DefaultsFor"/>.</summary>
    public DependencyResilienceOptions For(string dependencyName) =>
        Dependencies.TryGetValue(dependencyName, out var options) ? options : DependencyResilienceOptions.DefaultsFor(dependencyName);
}
