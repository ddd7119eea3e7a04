using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Companies.Contracts;
using Monolith.Companies.Scanning;
using Wolverine;

namespace Monolith.Companies;

/// <summary>
/// The Companies module's public surface: its registration. It reads company websites for the Supplier and Prospect
/// modules, which ask through <see cref="RunCompanyStep"/>; its contracts live in Monolith.Companies.Contracts.
/// </summary>
public static class CompaniesModule
{
    public static IServiceCollection AddCompaniesModule(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCompanyAnalysis();
        // The step events are ours; the analyses that ask for the steps record them in their streams (type names unchanged).
        services.ConfigureMarten(o => o.Events.AddEventTypes(CompanyStepEvents.Shared));
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(CompaniesModule).Assembly));
        return services;
    }
}
