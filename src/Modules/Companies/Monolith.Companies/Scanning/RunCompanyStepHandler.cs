using Marten;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Scanning;

/// <summary>
/// Runs the step a Supplier or Prospect analysis asks for (<see cref="RunCompanyStep"/>, invoked for the analysis'
/// customer) with the configured analyzer and answers its outcome; the asking module records it in its own stream.
/// Never throws for a step that fails: the failure is the answer, with the reason.
/// </summary>
public static class RunCompanyStepHandler
{
    public static async Task<CompanyStepResult> Handle(RunCompanyStep m, IQuerySession session, CompanyScanSteps steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(steps);
        var id = m.AnalysisId;
        var recorded = m.Step switch
        {
            CompanySteps.Crawl => await steps.CrawlAsync(id, session.TenantId, m.Url, ct).ConfigureAwait(false),
            CompanySteps.Profile => await steps.ProfileAsync(id, session, Need(m.Crawl, m), m.Country, ct).ConfigureAwait(false),
            CompanySteps.ValueProposition => await steps.RunAsync(id, m.Step, session, Need(m.Crawl, m), m.Country, [Need(m.Profile, m)],
                (analyzer, site, token) => analyzer.ValuePropositionAsync(site, m.Profile!, token), Answer, ct).ConfigureAwait(false),
            CompanySteps.Clusters => await steps.RunAsync(id, m.Step, session, Need(m.Crawl, m), m.Country, [Need(m.Profile, m), Need(m.ValueProposition, m)],
                (analyzer, site, token) => analyzer.ClustersAsync(site, m.Profile!, m.ValueProposition!, token), Answer, ct).ConfigureAwait(false),
            CompanySteps.Employees => await steps.RunAsync(id, m.Step, session, Need(m.Crawl, m), m.Country, [Need(m.Profile, m)],
                (analyzer, site, token) => analyzer.EmployeesAsync(site, m.Profile!, token), Answer, ct).ConfigureAwait(false),
            CompanySteps.SpendCategories => await steps.RunAsync(id, m.Step, session, Need(m.Crawl, m), m.Country, [Need(m.Profile, m)],
                (analyzer, site, token) => analyzer.SpendCategoriesAsync(site, m.Profile!, token), Answer, ct).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unknown company analysis step '{m.Step}'; known: {string.Join(", ", CompanySteps.All)}.", nameof(m)),
        };
        return recorded switch
        {
            CompanyStepResult result => result,
            AnalysisStepFailed failed => new(null, null, failed),
            SiteCrawled crawled => new(crawled, crawled.Info, null),
            ProfileExtracted profile => new(profile, profile.Info, null),
            _ => throw new InvalidOperationException($"Step '{m.Step}' recorded an unexpected {recorded.GetType().Name}."),
        };
    }

    private static object Answer<T>(T output, StepInfo info) => new CompanyStepResult(output, info, null);

    private static T Need<T>(T? value, RunCompanyStep m) where T : class =>
        value ?? throw new ArgumentException($"Step '{m.Step}' of analysis {m.AnalysisId} needs the {typeof(T).Name} of an earlier step.", nameof(m));
}
