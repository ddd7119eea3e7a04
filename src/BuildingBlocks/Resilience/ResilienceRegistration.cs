using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monolith.BuildingBlocks.Options;

namespace Monolith.BuildingBlocks.Resilience;

/// <summary>
/// Single entry point for outbound resilience: binds and validates <c>Resilience</c>, registers the
/// pipeline factory and circuit registry, and falls back to <see cref="TimeProvider.System"/>. Idempotent,
/// so every module (and <c>AddDependencyHttpClient</c>) may call it.
/// </summary>
public static class ResilienceRegistration
{
    public static IServiceCollection AddResilience(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ResiliencePipelineFactory))) return services;

        services.AddValidatedOptions<ResilienceOptions>(ResilienceOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DependencyCircuitRegistry>();
        services.AddSingleton<ResiliencePipelineFactory>();
        return services;
    }
}
