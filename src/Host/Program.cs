using JasperFx;
using Monolith.Analytics;
using Monolith.BuildingBlocks.Hosting;
using Monolith.Documents;
using Monolith.Prospect;
using Monolith.Supplier;

return await StartupFailure.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPlatform();
    builder.Services.AddOpenApi();
    builder.Services
        .AddSupplierModule()
        .AddProspectModule()
        .AddDocumentsModule()
        .AddAnalyticsModule();

    var app = builder.Build();
    app.UsePlatform();
    app.MapOpenApi();
    return await app.RunJasperFxCommands(args);
});
