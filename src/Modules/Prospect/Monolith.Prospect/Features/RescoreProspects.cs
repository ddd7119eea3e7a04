using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Access;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Processing;
using Monolith.Prospect.Scoring;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Prospect.Features;

/// <summary>Scoring parameters to try instead of the configured ones; missing values keep the configured value, table entries are merged.</summary>
public sealed record ScoringOverrides(
    double? IndustryWeight, double? SizeWeight, double? SpendWeight, double? MinimumFit, double? ShareOfWallet, double? DefaultSpendPerEmployeeUsd,
    Dictionary<string, double>? SpendPerEmployeeUsd, Dictionary<string, double>? IndustryMultipliers, Dictionary<string, decimal>? UsdExchangeRates);

/// <summary>Which analyses to re-score (all finished ones of the customer when both are empty) and with what.</summary>
public sealed record RescoreProspects(Guid? SupplierAnalysisId, IReadOnlyList<Guid>? AnalysisIds, ScoringOverrides? Parameters);

public sealed record ScoreSnapshot(string? ClusterId, double Fit, decimal Expected, string Currency, string? ScoringVersion);

public sealed record RescoredItem(Guid AnalysisId, string Domain, ScoreSnapshot Before, ScoreSnapshot After);

public sealed record RescoreResult(string ScoringVersion, ScoringParameters Parameters, int Examined, int Rescored, int Unchanged, int NotScorable,
    IReadOnlyList<RescoredItem> Items);

/// <summary>Pure: the effective parameters of a re-score (configured + overrides) and their validation errors keyed <c>parameters.{field}</c>.</summary>
public static class RescoreDecider
{
    public static (ScoringParameters Parameters, Dictionary<string, string[]> Errors) Parameters(ScoringParameters configured, ScoringOverrides? o)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var p = configured.Copy();
        if (o is not null)
        {
            p.IndustryWeight = o.IndustryWeight ?? p.IndustryWeight;
            p.SizeWeight = o.SizeWeight ?? p.SizeWeight;
            p.SpendWeight = o.SpendWeight ?? p.SpendWeight;
            p.MinimumFit = o.MinimumFit ?? p.MinimumFit;
            p.ShareOfWallet = o.ShareOfWallet ?? p.ShareOfWallet;
            p.DefaultSpendPerEmployeeUsd = o.DefaultSpendPerEmployeeUsd ?? p.DefaultSpendPerEmployeeUsd;
            foreach (var (k, v) in o.SpendPerEmployeeUsd ?? []) p.SpendPerEmployeeUsd[k] = v;
            foreach (var (k, v) in o.IndustryMultipliers ?? []) p.IndustryMultipliers[k] = v;
            foreach (var (k, v) in o.UsdExchangeRates ?? []) p.UsdExchangeRates[k] = v;
        }
        // Errors come as "parameters:Field: message"; the API names fields "parameters.field".
        var errors = OptionsRegistration.Validate(p, "parameters")
            .Select(e => e["parameters".Length..].TrimStart(':').Split(": ", 2))
            .GroupBy(parts => parts.Length > 1 ? Camel(parts[0]) : "")
            .ToDictionary(g => g.Key.Length == 0 ? "parameters" : "parameters." + g.Key, g => g.Select(parts => parts[^1]).ToArray());
        return (p, errors);
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Whether the recorded outputs allow scoring: employees and spend categories succeeded, and there are clusters.</summary>
    public static bool Scorable(ProspectAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.IsFinished && a.Employees is not null && a.Steps.TryGetValue(ProspectSteps.SpendCategories, out var s)
            && s.Status == StepStatus.Succeeded && a.SupplierClusters.Count > 0;
    }

    public static ScoreSnapshot Snapshot(IReadOnlyList<ClusterFit> fits, RevenueOpportunity? o, string currency, string? version) =>
        new(fits.FirstOrDefault()?.ClusterId, fits.FirstOrDefault()?.Score ?? 0, o?.Expected ?? 0, o?.Currency ?? currency, version);
}

public static class RescoreProspectsEndpoint
{
    /// <summary>
    /// Recomputes fit and opportunity of finished prospect analyses from their recorded step events with new scoring
    /// parameters — no page fetch, no LLM call — and records a <c>ProspectScoresRecomputed</c> event naming the parameters'
    /// version where the result changed (earlier scores stay in the audit trail). Synchronous, in batches of 100;
    /// at most <c>Prospect:RescoreMaxAnalyses</c> per request (narrow with <c>supplierAnalysisId</c> or <c>analysisIds</c>).
    /// </summary>
    [RequiresRole(AccessRole.Admin)]
    [WolverinePost("/api/prospect-analyses/rescore", OperationId = "RescoreProspects")]
    [Tags("Prospect")]
    [ProducesResponseType<RescoreResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Post(RescoreProspects command, HttpContext http, IDocumentStore store,
        IOptions<ScoringParameters> configured, IOptions<ProspectOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (parameters, errors) = RescoreDecider.Parameters(configured.Value, command.Parameters);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The scoring parameters are invalid");
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";

        List<Guid> ids;
        await using (var query = store.QuerySession(tenant))
        {
            var q = query.Query<ProspectAnalysis>().AsQueryable();
            if (command.SupplierAnalysisId is { } s) q = q.Where(a => a.SupplierAnalysisId == s);
            if (command.AnalysisIds is { Count: > 0 } wanted) q = q.Where(a => a.Id.IsOneOf(wanted.ToArray()));
            ids = await q.Select(a => a.Id).Take(options.Value.RescoreMaxAnalyses + 1).ToListAsync(ct) is var found ? [.. found] : [];
        }
        if (ids.Count > options.Value.RescoreMaxAnalyses)
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["supplierAnalysisId"] = [$"More than {options.Value.RescoreMaxAnalyses} analyses match (Prospect:RescoreMaxAnalyses); narrow the request with supplierAnalysisId or analysisIds."],
            }, title: "Too many analyses to re-score at once");

        var version = parameters.Version;
        int rescored = 0, unchanged = 0, notScorable = 0;
        var items = new List<RescoredItem>();
        foreach (var chunk in ids.Chunk(100))
        {
            // One outbox per batch: a shared one would send only the first batch's messages (see OutboxPerTransaction).
            await using var scope = http.RequestServices.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
            await using var session = store.LightweightSession(tenant);
            outbox.Enroll(session);
            foreach (var id in chunk)
            {
                var stream = await session.Events.FetchForWriting<ProspectAnalysis>(id, ct);
                if (stream.Aggregate is not { } a || !RescoreDecider.Scorable(a)) { notScorable++; continue; }
                var (fitEvent, opportunityEvent) = AdvanceProspectAnalysisHandler.Score(a, parameters, clock);
                var fits = ((ClusterFitScored)fitEvent).Fits;
                var opportunity = ((OpportunityEstimated)opportunityEvent).Opportunity;
                var before = RescoreDecider.Snapshot(a.Fits, a.Opportunity, a.Currency, a.ScoringVersion);
                var after = RescoreDecider.Snapshot(fits, opportunity, a.Currency, version);
                if (before == after) { unchanged++; continue; }
                var at = clock.GetUtcNow();
                stream.AppendOne(new ProspectScoresRecomputed(a.Id, fits, opportunity, version, at));
                await outbox.PublishAsync(new Contracts.ProspectRescored(a.Id, a.SupplierAnalysisId, a.Domain, a.Country,
                    ProspectContracts.Best(fits), ProspectContracts.Summary(opportunity), version, at), new DeliveryOptions { TenantId = tenant });
                rescored++;
                if (items.Count < 200) items.Add(new RescoredItem(a.Id, a.Domain, before, after));
            }
            await session.SaveChangesAsync(ct);
        }
        return Results.Ok(new RescoreResult(version, parameters, ids.Count, rescored, unchanged, notScorable, items));
    }
}
