using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Analytics.Features.GoalMonitoring;
using Monolith.BuildingBlocks.Options;
using Wolverine;

namespace Monolith.Analytics;

/// <summary>The Analytics module's public surface: its registration.</summary>
public static class AnalyticsModule
{
    public static IServiceCollection AddAnalyticsModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<AutomationGoalOptions>(AutomationGoalOptions.Section);
        services.AddValidatedOptions<GoalCheckOptions>(GoalCheckOptions.Section);
        services.AddMetrics();
        services.AddSingleton<AnalyticsMeter>();
        services.ConfigureMarten(o =>
        {
            o.Projections.Snapshot<CompanyHistory>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<Features.SupplierPipeline.PipelineEntry>(SnapshotLifecycle.Inline);
            o.Schema.For<Features.SupplierPipeline.PipelineEntry>().Index(e => e.SupplierAnalysisId);
            o.Projections.Snapshot<DocumentObservation>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<DocumentReceipt>(SnapshotLifecycle.Inline);
            // Async: a bucket is shared by every document of its hour, and documents are processed in parallel; inline
            // multi-stream updates from concurrent transactions would lose increments (marten#3488).
            o.Projections.Add(new AutomationMetricsProjection(), ProjectionLifecycle.Async);
            o.Schema.For<AutomationBucket>().Index(b => b.HourStart);
            o.Projections.Add(new AutomationDailyMetricsProjection(), ProjectionLifecycle.Async);
            o.Schema.For<AutomationDayBucket>().Index(b => b.HourStart);
            o.Projections.Snapshot<Features.ProviderUsage.ProviderUsageLog>(SnapshotLifecycle.Inline);
            o.Projections.Add(new Features.ProviderUsage.ProviderUsageProjection(), ProjectionLifecycle.Async);
            o.Schema.For<Features.ProviderUsage.ProviderUsageDay>().Index(d => d.Day);
            o.Schema.For<DocumentObservation>().Index(d => d.CompletedAt!);
            o.Projections.Add(new AutomationGoalCheckProjection(), ProjectionLifecycle.Inline);
            o.Schema.For<AutomationGoalCheckView>().Index(c => c.At);
            // Registered so its table is created at start-up (ApplyAllDatabaseChangesOnStartup), not lazily by the first
            // handler that loads it — which raced between nodes and dead-lettered a message (docs/reliability.md §5).
            o.Schema.For<Features.GoalMonitoring.AutomationGoalSchedule>();
        });
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(AnalyticsModule).Assembly));
        return services;
    }
}
