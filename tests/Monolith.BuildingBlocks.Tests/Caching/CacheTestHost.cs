using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>Builds a container the way the Host does (configuration + AddCaching) for the caching tests.</summary>
internal static class CacheTestHost
{
    /// <param name="platform">Registrations the platform makes before AddCaching (e.g. the PostgreSQL data source).</param>
    public static ServiceProvider Build(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null,
        Action<IServiceCollection>? platform = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        platform?.Invoke(services);
        services.AddCaching(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
