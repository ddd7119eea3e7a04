using JasperFx;
using Monolith.Analytics;
using Monolith.BuildingBlocks.Hosting;
using Monolith.Companies;
using Monolith.Documents;
using Monolith.Host;
using Monolith.Host.Access;
using Monolith.Host.Dashboard;
using Monolith.Prospect;
using Monolith.Supplier;
using Scalar.AspNetCore;

return await StartupFailure.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPlatform();
    builder.Services.AddOpenApi(o => o.AddApiKeyScheme().AddDeclaredRequestBodies());
    builder.Services
        .AddCompaniesModule()
        .AddSupplierModule()
        .AddProspectModule()
        .AddDocumentsModule()
        .AddAnalyticsModule()
        .AddDashboard();

    // Disposing the app on every exit path stops the embedded PostgreSQL, also when start-up fails.
    await using var app = builder.Build();
    StartupFailure.CheckBeforeServing(app.Services, args);
    app.UsePlatform();
    app.MapOpenApi();
    // Interactive reference over /openapi/v1.json; Scalar's script is served from the package, no CDN.
    app.MapScalarApiReference("/api-reference");
    app.UseDashboard();
    return await app.RunJasperFxCommands(args);
});
