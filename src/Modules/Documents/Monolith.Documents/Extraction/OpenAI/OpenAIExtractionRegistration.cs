using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monolith.BuildingBlocks.Http;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.Documents.Extraction.OpenAI;

public static class OpenAIExtractionRegistration
{
    /// <summary>
    /// Binds and validates <c>Documents:OpenAI</c>, registers the named <c>Llm</c> HttpClient on the shared resilience pipeline
    /// (<c>Resilience:Dependencies:Llm</c>: timeouts, retries honouring Retry-After, circuit breaker, token bucket) which the
    /// OpenAI SDK uses as its transport, and <see cref="OpenAIExtractionProvider"/> as an <see cref="IExtractionProvider"/>
    /// (also resolvable as itself). Idempotent.
    /// </summary>
    public static IServiceCollection AddOpenAIExtraction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(OpenAIExtractionProvider))) return services;

        services.AddValidatedOptions<OpenAIExtractionOptions>(OpenAIExtractionOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDependencyHttpClient(Dependencies.Llm)
            .AddHttpMessageHandler(() => new OpenAIAttemptCountingHandler());
        services.AddTransient<OpenAIExtractionProvider>();
        services.AddTransient<IExtractionProvider>(sp => sp.GetRequiredService<OpenAIExtractionProvider>());
        return services;
    }
}
