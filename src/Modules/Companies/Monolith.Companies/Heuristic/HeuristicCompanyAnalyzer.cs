using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>
/// The default, offline, deterministic <see cref="ICompanyAnalyzer"/>: reads JSON-LD, meta tags, headings and keyword
/// tables (NAICS 2022 sectors, UNSPSC segments) from the crawled pages. Same input, same output; no network, no model.
/// </summary>
public sealed class HeuristicCompanyAnalyzer(TimeProvider time) : ICompanyAnalyzer
{
    public const string AnalyzerName = "heuristic";

    /// <summary>Recorded as the prompt version of every step; bump it when the rules change what they produce.</summary>
    public const string Version = "heuristic-3";

    /// <summary>Parsed pages kept for the steps that follow (one analysis runs 3 steps over the same pages).</summary>
    public const int ParsedPagesKept = 64;

    /// <summary>
    /// Characters of a page the rules read: what describes a company is at the top of its pages; a multi-megabyte catalogue
    /// would only cost seconds of CPU (and regex time-outs under load) without adding facts.
    /// </summary>
    public const int MaxPageChars = 512 * 1024;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Hash, string Url), ParsedPage> _parsed = new();

    public string Name => AnalyzerName;

    /// <summary>Every page parsed once; a page that cannot be parsed is left out.</summary>
    public static IReadOnlyList<ParsedPage> Parse(SiteContent site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Pages.Where(p => p.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase) || p.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            .Select(ParsedPage.Parse).ToList();
    }

    /// <summary>The profile from pages: pure, for tests and for callers that already parsed the site.</summary>
    public static CompanyProfile Profile(IReadOnlyList<ParsedPage> pages)
    {
        var contacts = ProfileRules.Contacts(pages);
        return new CompanyProfile(
            ProfileRules.CompanyName(pages),
            ProfileRules.Description(pages),
            IndustryRules.Industry(pages),
            ProfileRules.Country(pages, contacts),
            ProfileRules.Languages(pages),
            ProfileRules.LogoUrl(pages),
            ProfileRules.SocialProfiles(pages),
            contacts,
            AnalyzerName);
    }

    public static ValueProposition ValueProposition(IReadOnlyList<ParsedPage> pages, CompanyProfile profile) => new(
        ValuePropositionRules.Offerings(pages),
        ValuePropositionRules.Differentiators(pages),
        ValuePropositionRules.IndustriesServed(pages, profile.Industry?.Value),
        ValuePropositionRules.CustomerSizeFocus(pages),
        AnalyzerName);

    public Task<AnalyzerResult<CompanyProfile>> ProfileAsync(SiteContent site, CancellationToken cancellationToken) =>
        Run(site, cancellationToken, Profile);

    public Task<AnalyzerResult<ValueProposition>> ValuePropositionAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken) =>
        Run(site, cancellationToken, pages => ValueProposition(pages, profile));

    public Task<AnalyzerResult<IReadOnlyList<CustomerCluster>>> ClustersAsync(SiteContent site, CompanyProfile profile, ValueProposition valueProposition, CancellationToken cancellationToken) =>
        Run(site, cancellationToken, pages => ClusterRules.Clusters(pages, profile, valueProposition));

    public Task<AnalyzerResult<EmployeeEstimate>> EmployeesAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken) =>
        Run(site, cancellationToken, pages => EmployeeRules.Estimate(pages, profile?.Industry?.Value));

    public Task<AnalyzerResult<IReadOnlyList<SpendCategory>>> SpendCategoriesAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken) =>
        Run(site, cancellationToken, pages => SpendRules.LikelySpend(pages, profile?.Industry?.Value));

    /// <summary><see cref="Parse(SiteContent)"/>, reusing pages parsed by an earlier step (keyed by content hash and URL; bounded).</summary>
    private List<ParsedPage> ParseCached(SiteContent site)
    {
        if (_parsed.Count > ParsedPagesKept) _parsed.Clear();
        return site.Pages.Where(p => p.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase) || p.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            .Select(p => _parsed.GetOrAdd((p.ContentHash, p.Url.AbsoluteUri),
                static (_, page) => ParsedPage.Parse(page.Text.Length > MaxPageChars ? page with { Text = page.Text[..MaxPageChars] } : page), p)).ToList();
    }

    private Task<AnalyzerResult<T>> Run<T>(SiteContent site, CancellationToken cancellationToken, Func<IReadOnlyList<ParsedPage>, T> analyse)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(site);
        if (site.Pages.Count == 0) throw new AnalysisStepException("no pages: the site could not be read");
        var started = time.GetTimestamp();
        var output = analyse(ParseCached(site));
        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        return Task.FromResult(new AnalyzerResult<T>(output, StepUsage.Heuristic(Version, latency)));
    }
}

public static class HeuristicCompanyAnalyzerRegistration
{
    /// <summary>Registers <see cref="HeuristicCompanyAnalyzer"/> as itself and as the <c>heuristic</c> keyed <see cref="ICompanyAnalyzer"/>. Idempotent.</summary>
    public static IServiceCollection AddHeuristicCompanyAnalyzer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HeuristicCompanyAnalyzer>();
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, HeuristicCompanyAnalyzer.AnalyzerName) && d.ServiceType == typeof(ICompanyAnalyzer)))
            services.AddKeyedSingleton<ICompanyAnalyzer>(HeuristicCompanyAnalyzer.AnalyzerName, (sp, _) => sp.GetRequiredService<HeuristicCompanyAnalyzer>());
        return services;
    }
}
