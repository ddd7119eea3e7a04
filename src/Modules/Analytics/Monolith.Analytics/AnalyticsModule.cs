using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Monolith.Analytics;

/// <summary>The Analytics module's public surface: its registration.</summary>
public static class AnalyticsModule
{
    public static IServiceCollection AddAnalyticsModule(this IServiceCollection services)
    {
        services.ConfigureMarten(o => o.Projections.Snapshot<CompanyHistory>(SnapshotLifecycle.Inline));
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(AnalyticsModule).Assembly));
        return services;
    }
}
