using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monolith.BuildingBlocks.Http;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Resilience;
using Monolith.Documents.Ocr;

namespace Monolith.Documents.Extraction.Azure;

public static class AzureExtractionRegistration
{
    /// <summary>
    /// Binds and validates <c>Documents:Azure</c>, registers <see cref="AzureDocumentIntelligenceClient"/> as a typed client on the
    /// shared <c>DocumentIntelligence</c> resilience pipeline (<c>Resilience:Dependencies:DocumentIntelligence</c>) and
    /// <see cref="AzureExtractionProvider"/> as an <see cref="IExtractionProvider"/> (also resolvable as itself) and
    /// <see cref="AzureReadOcrEngine"/> as an <see cref="IOcrEngine"/> (also resolvable as itself). Idempotent.
    /// </summary>
    public static IServiceCollection AddAzureDocumentIntelligence(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AzureExtractionProvider))) return services;

        services.AddValidatedOptions<AzureDocumentIntelligenceOptions>(AzureDocumentIntelligenceOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDependencyHttpClient<AzureDocumentIntelligenceClient, AzureDocumentIntelligenceClient>(Dependencies.DocumentIntelligence)
            .AddHttpMessageHandler(() => new AttemptCountingHandler());
        services.AddTransient<AzureExtractionProvider>();
        services.AddTransient<IExtractionProvider>(sp => sp.GetRequiredService<AzureExtractionProvider>());
        services.AddTransient<AzureReadOcrEngine>();
        services.AddTransient<IOcrEngine>(sp => sp.GetRequiredService<AzureReadOcrEngine>());
        return services;
    }
}
