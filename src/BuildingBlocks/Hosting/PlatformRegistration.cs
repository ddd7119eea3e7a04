using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Access;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Health;
using Monolith.BuildingBlocks.Limits;
using Monolith.BuildingBlocks.Messaging;
using Monolith.BuildingBlocks.Observability;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Postgres;
using Monolith.BuildingBlocks.Resilience;
using Monolith.BuildingBlocks.Tenancy;

namespace Monolith.BuildingBlocks.Hosting;

/// <summary>Everything a module relies on, registered in one call so <c>Program.cs</c> stays short.</summary>
public static class PlatformRegistration
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TenancyOptions>(TenancyOptions.Section);
        builder.Services.AddAccess();
        builder.Services.AddValidatedOptions<Web.SecurityHeadersOptions>(Web.SecurityHeadersOptions.Section);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPostgres();
        builder.Services.AddResilience();
        builder.Services.AddCaching(builder.Configuration);
        builder.Services.AddHealth();
        builder.AddObservability();
        builder.AddCritterStack();
        builder.AddRequestLimits();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseMiddleware<Web.SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseAccessAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseAccessControl();
        app.UseMiddleware<Web.RequestHygieneMiddleware>();
        app.UseRequestLimits();
        app.MapHealth();
        app.MapObservability();
        app.MapCritterStackEndpoints();
        return app;
    }
}
