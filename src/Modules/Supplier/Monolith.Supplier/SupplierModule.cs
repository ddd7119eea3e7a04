using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Monolith.Supplier;

/// <summary>The Supplier module's public surface: its registration. Contracts live in Monolith.Supplier.Contracts.</summary>
public static class SupplierModule
{
    public static IServiceCollection AddSupplierModule(this IServiceCollection services)
    {
        services.ConfigureMarten(o => o.Projections.Snapshot<SupplierAnalysis>(SnapshotLifecycle.Inline));
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(SupplierModule).Assembly));
        return services;
    }
}
