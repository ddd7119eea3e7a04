using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monolith.BuildingBlocks.Observability;

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core, HttpClient, Npgsql, Wolverine, Marten and our own meters,
/// scraped by Prometheus at <see cref="ObservabilityOptions.MetricsPath"/> and exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; structured JSON console logs carrying trace and correlation ids.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Meters and activity sources of the product's own code start with this prefix.</summary>
    public const string MonolithPrefix = "Monolith";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ObservabilityOptions>(ObservabilityOptions.Section);
        var settings = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new();

        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (settings.ConsoleLogFormat == "simple")
        {
            builder.Logging.AddSimpleConsole(o => { o.IncludeScopes = true; o.SingleLine = true; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health")
                    && !ctx.Request.Path.StartsWithSegments(settings.MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Wolverine", "Marten", MonolithPrefix + ".*"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Wolverine:*", "Marten", "Marten.*", MonolithPrefix + ".*")
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        return builder;
    }

    public static WebApplication MapObservability(this WebApplication app)
    {
        var path = app.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.MetricsPath ?? "/metrics";
        app.MapPrometheusScrapingEndpoint(path);
        return app;
    }
}
