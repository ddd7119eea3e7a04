using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;
using Monolith.Companies.OpenAI;

namespace Monolith.Companies.Scanning;

/// <summary>Picks the analyzer named by <c>CompanyAnalysis:Analyzer</c> among the registered keyed <see cref="ICompanyAnalyzer"/>s.</summary>
public sealed class CompanyAnalyzerSelector(IServiceProvider services, IOptions<CompanyAnalysisOptions> options)
{
    public ICompanyAnalyzer Current =>
        services.GetKeyedService<ICompanyAnalyzer>(options.Value.Analyzer)
        ?? throw new InvalidOperationException($"CompanyAnalysis:Analyzer is '{options.Value.Analyzer}', but no such analyzer is registered.");
}

/// <summary>
/// Registers company-site analysis: options, the fetcher and crawler, the scanner and page store, the analyzers. Idempotent.
/// The scanner and steps are singletons so Wolverine injects them into handlers without service location.
/// </summary>
public static class CompanyAnalysisRegistration
{
    public static IServiceCollection AddCompanyAnalysis(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(CompanySiteScanner))) return services;
        services.AddValidatedOptions<CompanyAnalysisOptions>(CompanyAnalysisOptions.Section);
        services.AddWebFetching();
        services.AddSingleton<CompanySiteScanner>();
        services.AddSingleton<CompanyScanSteps>();
        services.AddSingleton<CompanyAnalyzerSelector>();
        services.AddHeuristicCompanyAnalyzer();
        services.AddOpenAICompanyAnalyzer();
        services.ConfigureMarten(o => o.Schema.For<StoredPageBody>());
        services.AddOptions<CachingOptions>().PostConfigure<IOptions<CompanyAnalysisOptions>>((caching, analysis) =>
            caching.Profiles.TryAdd(CompanySiteScanner.CacheNamespace, new CacheProfileOptions { TtlMinutes = analysis.Value.CrawlCacheMinutes }));
        return services;
    }
}
