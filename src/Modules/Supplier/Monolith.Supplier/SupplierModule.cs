using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Companies.Contracts;
using Wolverine;

namespace Monolith.Supplier;

/// <summary>The Supplier module's public surface: its registration. Contracts live in Monolith.Supplier.Contracts. It asks the Companies module to read the supplier's site.</summary>
public static class SupplierModule
{
    public static IServiceCollection AddSupplierModule(this IServiceCollection services)
    {
        services.AddOptions<AnalysisWaitOptions>().BindConfiguration(AnalysisWaitOptions.Section);
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
