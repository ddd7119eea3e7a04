using Monolith.Analytics;
using Monolith.BuildingBlocks.Hosting;
using Monolith.Companies;
using Monolith.Documents;
using Monolith.Host.Access;
using Monolith.Host.ApiReference;
using Monolith.Host.Dashboard;
using Monolith.Prospect;
using Monolith.Supplier;
using Monolith.Webhooks;

return await StartupFailure.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPlatform();
    builder.Services.AddOpenApi(o => o.AddApiKeyScheme().AddDeclaredRequestBodies().UseReadableOperationNames());
    builder.Services
        .AddCompaniesModule()
        .AddSupplierModule()
        .AddProspectModule()
        .AddDocumentsModule()
        .AddAnalyticsModule()
        .AddWebhooksModule()
        .AddDashboard();

    // Disposing the app on every exit path stops the embedded PostgreSQL, also when start-up fails.
    await using var app = builder.Build();
    StartupFailure.CheckBeforeServing(app.Services, args);
    app.UsePlatform();
    app.MapOpenApi();
    app.MapApiReference();
    app.UseDashboard();
    return await CommandLine.RunAsync(app, args);
});
