using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Options;
using Wolverine;

namespace Monolith.Prospect;

/// <summary>The Prospect module's public surface: its registration. Scanning arrives with its issue.</summary>
public static class ProspectModule
{
    public static IServiceCollection AddProspectModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProspectOptions>(ProspectOptions.Section);
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(ProspectModule).Assembly));
        return services;
    }
}
