using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Monolith.BuildingBlocks.Tenancy;
using Wolverine;

namespace Monolith.Host.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: static files embedded in the Host assembly (so it works from any working
/// directory, also the published binary) and the server-sent-events stream <c>GET /api/live</c>.
/// </summary>
public static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<LiveEventHub>();
        // The live-event handlers live in the Host; name it explicitly (under test hosts the entry assembly is the runner).
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(DashboardRegistration).Assembly));
        return services;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardRegistration).Assembly, "Monolith.Host.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Always revalidate (ETag/Last-Modified), so a new Host version's script is picked up at once.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });
        // A stream lasts as long as the client stays: exempt from Limits:RequestTimeoutSeconds.
        app.MapGet("/api/live", StreamAsync).ExcludeFromDescription().DisableRequestTimeout();
        return app;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Server-sent events for the request's tenant. EventSource cannot send headers, so today this is the default
    /// tenant unless a header is present; the sign-in cookie will name the tenant later (the same middleware decides).
    /// Ends when the client goes or the Host stops, so open streams never hold up a graceful shutdown.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, LiveEventHub hub, IHostApplicationLifetime lifetime)
    {
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        using var subscription = hub.Subscribe(tenant);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await http.Response.WriteAsync($"retry: 3000\nevent: hello\ndata: {JsonSerializer.Serialize(new { tenant }, Json)}\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                string chunk;
                try
                {
                    var live = await subscription.Reader.ReadAsync(heartbeat.Token);
                    chunk = $"event: {live.Type}\ndata: {JsonSerializer.Serialize(live, Json)}\n\n";
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    chunk = ": keep-alive\n\n"; // proxies close idle connections
                }
                await http.Response.WriteAsync(chunk, ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (System.Threading.Channels.ChannelClosedException) { }
        catch (IOException) { } // the client went away mid-write
    }
}
