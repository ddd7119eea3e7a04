using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.CompanyAnalysis.Scanning;
using Wolverine;

namespace Monolith.Supplier;

/// <summary>The Supplier module's public surface: its registration. Contracts live in Monolith.Supplier.Contracts.</summary>
public static class SupplierModule
{
    public static IServiceCollection AddSupplierModule(this IServiceCollection services)
    {
        services.AddCompanyAnalysis();
        services.ConfigureMarten(o =>
        {
            // Not Snapshot<SupplierAnalysis>: that also projected the other module's streams (shared scanning events); see SupplierAnalysisProjection.
            o.Projections.Add(new SupplierAnalysisProjection(), ProjectionLifecycle.Inline);
            o.Schema.For<SupplierAnalysis>().Index(a => a.Domain).Index(a => a.RequestedAt);
        });
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(SupplierModule).Assembly));
        return services;
    }
}
