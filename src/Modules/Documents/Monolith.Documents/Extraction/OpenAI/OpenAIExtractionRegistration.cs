using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monolith.BuildingBlocks.Llm;
using Monolith.BuildingBlocks.Options;

namespace Monolith.Documents.Extraction.OpenAI;

public static class OpenAIExtractionRegistration
{
    /// <summary>
    /// Binds and validates <c>Documents:OpenAI</c>, registers the platform's LLM gateway (<see cref="LlmRegistration.AddLlmGateway"/>:
    /// the <c>Llm</c> HttpClient on the shared resilience pipeline, budgets, cache, metrics) which the provider calls, and
    /// <see cref="OpenAIExtractionProvider"/> as an <see cref="IExtractionProvider"/> (also resolvable as itself). Idempotent.
    /// </summary>
    public static IServiceCollection AddOpenAIExtraction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(OpenAIExtractionProvider))) return services;

        services.AddValidatedOptions<OpenAIExtractionOptions>(OpenAIExtractionOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLlmGateway();
        services.AddTransient<OpenAIExtractionProvider>();
        services.AddTransient<IExtractionProvider>(sp => sp.GetRequiredService<OpenAIExtractionProvider>());
        return services;
    }
}
