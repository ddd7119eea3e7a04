using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Http;

/// <summary>
/// The one way modules create outbound HTTP clients: IHttpClientFactory clients over a pooled
/// <see cref="SocketsHttpHandler"/> (connection lifetime from options, so DNS changes are picked up),
/// <see cref="HttpClient.Timeout"/> disabled because Polly owns timeouts, and the dependency's shared
/// resilience pipeline in front. Callers add base address and headers on the returned builder.
/// </summary>
public static class DependencyHttpClientRegistration
{
    /// <summary>Named client; resolve it with <c>IHttpClientFactory.CreateClient(dependencyName)</c>.</summary>
    public static IHttpClientBuilder AddDependencyHttpClient(this IServiceCollection services, string dependencyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        services.AddResilience();
        return services.AddHttpClient(dependencyName).UseDependency(dependencyName);
    }

    /// <summary>Typed client (client name = <typeparamref name="TClient"/>'s name) sharing the dependency's pipeline.</summary>
    public static IHttpClientBuilder AddDependencyHttpClient<TClient, TImplementation>(this IServiceCollection services, string dependencyName)
        where TClient : class
        where TImplementation : class, TClient
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        services.AddResilience();
        return services.AddHttpClient<TClient, TImplementation>().UseDependency(dependencyName);
    }

    private static IHttpClientBuilder UseDependency(this IHttpClientBuilder builder, string dependencyName) => builder
        .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
        .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(
                provider.GetRequiredService<IOptions<ResilienceOptions>>().Value.For(dependencyName).PooledConnectionLifetimeMinutes),
        })
        // SocketsHttpHandler recycles connections itself; rotating whole handlers would only churn pools.
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
        .AddHttpMessageHandler(provider =>
            new DependencyResilienceHandler(provider.GetRequiredService<ResiliencePipelineFactory>().GetPipeline(dependencyName)));
}
