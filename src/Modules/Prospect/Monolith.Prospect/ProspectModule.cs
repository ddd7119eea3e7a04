using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Options;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Features;
using Monolith.Prospect.Inbound;
using Monolith.Prospect.Processing;
using Monolith.Prospect.Scoring;
using Wolverine;

namespace Monolith.Prospect;

/// <summary>The Prospect module's public surface: its registration. Contracts live in Monolith.Prospect.Contracts.</summary>
public static class ProspectModule
{
    public const string Queue = "prospect-analysis";

    public static IServiceCollection AddProspectModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProspectOptions>(ProspectOptions.Section);
        services.AddValidatedOptions<ScoringParameters>(ScoringParameters.Section);
        services.AddOptions<AnalysisWaitOptions>().BindConfiguration(AnalysisWaitOptions.Section);
        services.ConfigureMarten(o =>
        {
            // Not Snapshot<ProspectAnalysis>: that also projected the other module's streams (shared scanning events); see ProspectAnalysisProjection.
            o.Projections.Add(new ProspectAnalysisProjection(), ProjectionLifecycle.Inline);
            o.Projections.Snapshot<ProspectBatch>(SnapshotLifecycle.Inline);
            o.Schema.For<ProspectAnalysis>().Index(a => a.Domain).Index(a => a.RequestedAt).Index(a => a.BatchId!).Index(a => a.SupplierAnalysisId);
            o.Schema.For<SupplierReference>();
        });
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(ProspectModule).Assembly));
        services.AddSingleton<IWolverineExtension, ProspectQueues>();
        return services;
    }

    /// <summary>
    /// Every prospect step goes through one durable local queue, so a bulk scan of 500 runs at most
    /// <c>Prospect:BulkConcurrency</c> steps at once (site fetches and LLM calls are the expensive part).
    /// </summary>
    private sealed class ProspectQueues(Microsoft.Extensions.Options.IOptions<ProspectOptions> options) : IWolverineExtension
    {
        public void Configure(WolverineOptions o)
        {
            o.PublishMessage<AdvanceProspectAnalysis>().ToLocalQueue(Queue);
            o.LocalQueue(Queue).MaximumParallelMessages(options.Value.BulkConcurrency).UseDurableInbox();
        }
    }
}
