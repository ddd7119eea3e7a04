using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Webhooks.Delivery;
using Wolverine;

namespace Monolith.Webhooks;

/// <summary>
/// The Webhooks module's public surface: its registration. It hears other modules' contract messages and POSTs them,
/// signed, to the URLs customers subscribed; it owns no contract of its own.
/// </summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        services.AddWebFetching();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookAddresses>();
        // Not a resilience-pipeline client: retries, backoff and the circuit are per delivery and per subscription, durable,
        // and owned by DeliverWebhookHandler. The primary handler is the fetcher's guarded one (SSRF rule at connect time).
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("MonolithWebhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var addresses = provider.GetRequiredService<WebhookAddresses>();
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                GuardedConnector.Configure(handler, addresses.Exemptions, addresses.HostAddresses);
                return handler;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.ConfigureMarten(o =>
        {
            o.Schema.For<WebhookSubscription>();
            o.Schema.For<WebhookCircuit>();
            o.Schema.For<WebhookDelivery>().Index(d => d.SubscriptionId);
        });
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(WebhooksModule).Assembly));
        return services;
    }
}
