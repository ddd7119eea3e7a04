using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Http;

/// <summary>
/// The one way modules create outbound HTTP clients: IHttpClientFactory clients over a pooled
/// <see cref="SocketsHttpHandler"/> (connection lifetime from options, so DNS changes are picked up),
/// <see cref="HttpClient.Timeout"/> disabled because Polly owns timeouts, and the dependency's shared
/// resilience pipeline in front. Callers add base address and headers on the returned builder; a caller that needs
/// more from the primary handler (e.g. a <see cref="SocketsHttpHandler.ConnectCallback"/>, no redirects) passes
/// <c>configurePrimaryHandler</c>, which runs on the handler after the defaults are set.
/// </summary>
public static class DependencyHttpClientRegistration
{
    /// <summary>
    /// Named client; resolve it with <c>IHttpClientFactory.CreateClient(dependencyName)</c>. Registering the same name again
    /// (two modules using one dependency) returns the existing client rather than stacking a second resilience handler.
    /// </summary>
    public static IHttpClientBuilder AddDependencyHttpClient(this IServiceCollection services, string dependencyName,
        Action<SocketsHttpHandler, IServiceProvider>? configurePrimaryHandler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        services.AddResilience();
        var registered = services.Select(d => d.ImplementationInstance).OfType<RegisteredDependencyClients>().FirstOrDefault();
        if (registered is null)
        {
            registered = new RegisteredDependencyClients();
            services.AddSingleton(registered);
        }
        var builder = services.AddHttpClient(dependencyName);
        return registered.Names.Add(dependencyName) ? builder.UseDependency(dependencyName, configurePrimaryHandler) : builder;
    }

    /// <summary>Names of the named dependency clients already configured in this service collection.</summary>
    private sealed class RegisteredDependencyClients
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Typed client (client name = <typeparamref name="TClient"/>'s name) sharing the dependency's pipeline.</summary>
    public static IHttpClientBuilder AddDependencyHttpClient<TClient, TImplementation>(this IServiceCollection services, string dependencyName,
        Action<SocketsHttpHandler, IServiceProvider>? configurePrimaryHandler = null)
        where TClient : class
        where TImplementation : class, TClient
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dependencyName);
        services.AddResilience();
        return services.AddHttpClient<TClient, TImplementation>().UseDependency(dependencyName, configurePrimaryHandler);
    }

    private static IHttpClientBuilder UseDependency(this IHttpClientBuilder builder, string dependencyName,
        Action<SocketsHttpHandler, IServiceProvider>? configurePrimaryHandler) => builder
        .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
        .ConfigurePrimaryHttpMessageHandler(provider =>
        {
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(
                    provider.GetRequiredService<IOptions<ResilienceOptions>>().Value.For(dependencyName).PooledConnectionLifetimeMinutes),
            };
            configurePrimaryHandler?.Invoke(handler, provider);
            return handler;
        })
        // SocketsHttpHandler recycles connections itself; rotating whole handlers would only churn pools.
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
        .AddHttpMessageHandler(provider =>
        {
            var factory = provider.GetRequiredService<ResiliencePipelineFactory>();
            var buffer = provider.GetRequiredService<IOptions<ResilienceOptions>>().Value.For(dependencyName).BufferResponseWithinAttempt;
            return new DependencyResilienceHandler(request => factory.GetPipeline(dependencyName, request.RequestUri?.IdnHost), buffer);
        });
}
