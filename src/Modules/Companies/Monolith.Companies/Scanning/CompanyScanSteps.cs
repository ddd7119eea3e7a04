using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Text;
using Monolith.BuildingBlocks.Web;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Scanning;

/// <summary>
/// The steps every company analysis shares — crawl and profile — and the way any analyzer step is run: each returns the
/// one event that records it (success with its <see cref="StepInfo"/>, or <see cref="AnalysisStepFailed"/> with the
/// reason). <see cref="RunCompanyStepHandler"/> runs them for the Supplier and Prospect analyses.
/// </summary>
public sealed class CompanyScanSteps(
    CompanySiteScanner scanner,
    CompanyAnalyzerSelector analyzers,
    HostExemptions exemptions,
    IOptions<CompanyAnalysisOptions> options,
    TimeProvider clock,
    ILogger<CompanyScanSteps> logger)
{
    public const string Crawl = CompanySteps.Crawl;
    public const string Profile = CompanySteps.Profile;

    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    private TimeSpan Timeout => TimeSpan.FromSeconds(options.Value.StepTimeoutSeconds);

    /// <summary>Crawls the site (or takes the cached crawl): <see cref="SiteCrawled"/> or <see cref="AnalysisStepFailed"/>.</summary>
    public async Task<object> CrawlAsync(Guid analysisId, string tenant, string url, CancellationToken ct)
    {
        if (!CompanyUrl.TryParse(url, out var companyUrl, out var error, exemptions))
            return new AnalysisStepFailed(analysisId, Crawl, $"the URL {error}", clock.GetUtcNow(), 0);
        var outcome = await StepRunner.RunAsync(Crawl, Hashing.Sha256Hex(url), async token =>
        {
            var started = clock.GetTimestamp();
            var (crawl, hit) = await scanner.CrawlAsync(tenant, companyUrl!, token).ConfigureAwait(false);
            if (!crawl.IsSuccess) throw new AnalysisStepException($"the site could not be read: {crawl.Error}");
            var usage = new StepUsage("web", null, null, 0, 0, 0m, (long)clock.GetElapsedTime(started).TotalMilliseconds, hit, hit ? 0 : crawl.Pages.Count);
            return new AnalyzerResult<(SiteCrawl, bool)>((crawl, hit), usage);
        }, Timeout, clock, logger, ct).ConfigureAwait(false);
        return outcome.Succeeded
            ? new SiteCrawled(analysisId, outcome.Output.Item1, outcome.Output.Item2, outcome.Info!)
            : new AnalysisStepFailed(analysisId, Crawl, outcome.Failure!, outcome.At, outcome.LatencyMs, "web");
    }

    /// <summary>Extracts the company profile from the crawled pages: <see cref="ProfileExtracted"/> or <see cref="AnalysisStepFailed"/>.</summary>
    public Task<object> ProfileAsync(Guid analysisId, IQuerySession session, SiteCrawl crawl, string country, CancellationToken ct) =>
        RunAsync(analysisId, Profile, session, crawl, country, [], (analyzer, site, token) => analyzer.ProfileAsync(site, token),
            (profile, info) => new ProfileExtracted(analysisId, profile, info), ct);

    /// <summary>
    /// Runs one analyzer step over the crawled site: loads the stored pages, hashes the inputs (pages + <paramref name="inputs"/>,
    /// the earlier outputs the step reads), calls the configured analyzer within the step time limit, and returns
    /// <paramref name="succeeded"/>'s event or <see cref="AnalysisStepFailed"/>.
    /// </summary>
    public async Task<object> RunAsync<T>(Guid analysisId, string step, IQuerySession session, SiteCrawl crawl, string country, object[] inputs,
        Func<ICompanyAnalyzer, SiteContent, CancellationToken, Task<AnalyzerResult<T>>> call, Func<T, StepInfo, object> succeeded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(succeeded);
        SiteContent? site = null;
        var outcome = await StepRunner.RunAsync(step, "", async token =>
        {
            site = await scanner.LoadContentAsync(session, crawl, country, token).ConfigureAwait(false);
            return await call(analyzers.Current, site, token).ConfigureAwait(false);
        }, Timeout, clock, logger, ct).ConfigureAwait(false);
        if (!outcome.Succeeded) return new AnalysisStepFailed(analysisId, step, outcome.Failure!, outcome.At, outcome.LatencyMs, options.Value.Analyzer);
        var hash = InputHash(site!, inputs);
        return succeeded(outcome.Output!, outcome.Info! with { InputHash = hash });
    }

    /// <summary>SHA-256 over the site's input hash and the JSON of the earlier outputs a step reads.</summary>
    public static string InputHash(SiteContent site, object[] inputs)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(inputs);
        return Hashing.Sha256Hex(site.InputHash + "\n" + string.Join('\n', inputs.Select(i => JsonSerializer.Serialize(i, i.GetType(), HashJson))));
    }
}
