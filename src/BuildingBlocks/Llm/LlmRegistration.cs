using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Http;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Llm;

public static class LlmRegistration
{
    /// <summary>
    /// Binds and validates <c>Llm</c>, registers the named <c>Llm</c> HttpClient on the shared resilience pipeline
    /// (<c>Resilience:Dependencies:Llm</c>), the per-minute budgets, the <c>Monolith.Llm</c> metrics and the singleton
    /// <see cref="LlmGateway"/>; adds a <c>Caching:Profiles:llm</c> TTL profile from <c>Llm:CacheTtlMinutes</c> unless one is
    /// configured. Needs <c>AddCaching</c> (the platform registers it). Idempotent.
    /// </summary>
    public static IServiceCollection AddLlmGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(LlmGateway))) return services;

        services.AddValidatedOptions<LlmOptions>(LlmOptions.Section);
        services.AddSingleton<IPostConfigureOptions<LlmOptions>>(sp => new LlmEnabledFromAnalyzerSelection(sp.GetService<IConfiguration>()));
        services.AddOptions<CachingOptions>().PostConfigure<IOptions<LlmOptions>>((caching, llm) =>
            caching.Profiles.TryAdd(LlmGateway.CacheNamespace, new CacheProfileOptions { TtlMinutes = llm.Value.CacheTtlMinutes }));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddDependencyHttpClient(Dependencies.Llm).AddHttpMessageHandler(() => new LlmAttemptCountingHandler());
        services.TryAddSingleton<LlmRateLimiter>();
        services.TryAddSingleton<LlmMetrics>();
        services.AddSingleton<LlmGateway>();
        return services;
    }
}
