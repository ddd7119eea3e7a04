using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Options;
using Wolverine;

namespace Monolith.Documents;

/// <summary>The Documents module's public surface: its registration. Intake and processing arrive with their issue.</summary>
public static class DocumentsModule
{
    public static IServiceCollection AddDocumentsModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<DocumentsOptions>(DocumentsOptions.Section);
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(DocumentsModule).Assembly));
        return services;
    }
}
