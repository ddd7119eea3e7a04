using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Llm;
using Monolith.BuildingBlocks.Options;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.OpenAI;

/// <summary>
/// The <c>openai</c> analyzer: one <see cref="LlmGateway"/> call per step, with the step's versioned prompt
/// (<see cref="AnalysisPrompt"/>), a strict JSON schema (<see cref="AnalysisSchemas"/>) and the checks the schema cannot
/// express (<see cref="AnswerRules"/>: counts, ranges, codes, evidence only from the given pages, quotes that are on the
/// cited page). Evidence still ungrounded after the repair attempt is removed (<see cref="EvidenceGrounding"/>) and counted
/// in the step's usage and the <c>monolith.llm.ungrounded</c> metric. Caching, budgets, resilience, the repair attempt and
/// failure reasons are the gateway's.
/// </summary>
public sealed class OpenAICompanyAnalyzer(LlmGateway gateway, LlmMetrics metrics, IOptions<OpenAIAnalyzerOptions> options) : ICompanyAnalyzer
{
    public const string AnalyzerName = "openai";

    private readonly OpenAIAnalyzerOptions _options = options.Value;

    public string Name => AnalyzerName;

    public async Task<AnalyzerResult<CompanyProfile>> ProfileAsync(SiteContent site, CancellationToken cancellationToken)
    {
        var rules = new AnswerRules(site);
        var result = await CallAsync<ProfileAnswer>(AnalysisPrompt.Profile, AnalysisSchemas.Profile, rules.Check, site, [], cancellationToken).ConfigureAwait(false);
        return Grounded(AnalysisPrompt.Profile, result, rules.Grounding.Apply(result.Output.ToProfile(AnalyzerName)));
    }

    public async Task<AnalyzerResult<ValueProposition>> ValuePropositionAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken)
    {
        var rules = new AnswerRules(site);
        var result = await CallAsync<ValuePropositionAnswer>(AnalysisPrompt.ValueProposition, AnalysisSchemas.ValueProposition, rules.Check, site,
            [("Company profile", profile)], cancellationToken).ConfigureAwait(false);
        return Grounded(AnalysisPrompt.ValueProposition, result, rules.Grounding.Apply(result.Output.ToValueProposition(AnalyzerName)));
    }

    public async Task<AnalyzerResult<IReadOnlyList<CustomerCluster>>> ClustersAsync(SiteContent site, CompanyProfile profile,
        ValueProposition valueProposition, CancellationToken cancellationToken)
    {
        var rules = new AnswerRules(site);
        var result = await CallAsync<ClustersAnswer>(AnalysisPrompt.Clusters, AnalysisSchemas.Clusters, rules.Check, site,
            [("Company profile", profile), ("Value proposition", valueProposition)], cancellationToken).ConfigureAwait(false);
        return new(result.Output.Clusters, result.Usage);
    }

    public async Task<AnalyzerResult<EmployeeEstimate>> EmployeesAsync(SiteContent site, CompanyProfile profile, CancellationToken cancellationToken)
    {
        var rules = new AnswerRules(site);
        var result = await CallAsync<EmployeesAnswer>(AnalysisPrompt.Employees, AnalysisSchemas.Employees, rules.Check, site,
            [("Company profile", profile)], cancellationToken).ConfigureAwait(false);
        return Grounded(AnalysisPrompt.Employees, result, rules.Grounding.Apply(result.Output.ToEstimate()));
    }

    public async Task<AnalyzerResult<IReadOnlyList<SpendCategory>>> SpendCategoriesAsync(SiteContent site, CompanyProfile profile,
        CancellationToken cancellationToken)
    {
        var rules = new AnswerRules(site);
        var result = await CallAsync<SpendCategoriesAnswer>(AnalysisPrompt.SpendCategories, AnalysisSchemas.SpendCategories, rules.Check, site,
            [("Company profile", profile)], cancellationToken).ConfigureAwait(false);
        return Grounded(AnalysisPrompt.SpendCategories, result, rules.Grounding.Apply(result.Output.Categories));
    }

    private AnalyzerResult<TOut> Grounded<TAnswer, TOut>(string step, AnalyzerResult<TAnswer> result, (TOut Output, int Ungrounded) grounded)
    {
        metrics.Ungrounded(step, result.Usage.Model ?? gateway.DefaultModel, grounded.Ungrounded);
        return new(grounded.Output, result.Usage with { Ungrounded = grounded.Ungrounded });
    }

    private async Task<AnalyzerResult<T>> CallAsync<T>(string step, LlmJsonSchema schema, Func<T, string?> validator, SiteContent site,
        (string Title, object Value)[] earlier, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var prompt = AnalysisPrompt.For(step);
        var request = new LlmRequest<T>(step, prompt.Version, prompt.System, AnalysisInput.UserMessage(site, _options, earlier), schema, validator);
        try
        {
            var result = await gateway.CompleteJsonAsync(request, ct).ConfigureAwait(false);
            return new(result.Output, Usage(result.Usage));
        }
        catch (LlmException e)
        {
            throw new AnalysisStepException(e.Reason, e);
        }
    }

    /// <summary>The gateway's account of a call as a step's usage.</summary>
    public static StepUsage Usage(LlmUsage u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new(u.Provider, u.Model, u.PromptVersion, u.InputTokens, u.OutputTokens, u.EstimatedCostUsd, u.LatencyMs, u.CacheHit, u.Calls);
    }
}

public static class OpenAICompanyAnalyzerRegistration
{
    /// <summary>
    /// Registers the <c>openai</c> analyzer as the keyed <see cref="ICompanyAnalyzer"/> <c>"openai"</c>, its options
    /// (<c>CompanyAnalysis:OpenAI</c>) and the LLM gateway (<see cref="LlmRegistration.AddLlmGateway"/>). Idempotent.
    /// </summary>
    public static IServiceCollection AddOpenAICompanyAnalyzer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(OpenAICompanyAnalyzer))) return services;

        services.AddValidatedOptions<OpenAIAnalyzerOptions>(OpenAIAnalyzerOptions.Section);
        services.AddLlmGateway();
        services.AddSingleton<OpenAICompanyAnalyzer>();
        services.AddKeyedSingleton<ICompanyAnalyzer>(OpenAICompanyAnalyzer.AnalyzerName, (sp, _) => sp.GetRequiredService<OpenAICompanyAnalyzer>());
        return services;
    }
}
