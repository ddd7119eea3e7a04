using System.Net;
using System.Threading.RateLimiting;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;

namespace Monolith.BuildingBlocks.Access;

public static class AccessRegistration
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddValidatedOptions<AccessOptions>(AccessOptions.Section);
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SessionStore>();
        services.AddHostedService<DevelopmentModeAnnouncement>();
        services.ConfigureMarten(o =>
        {
            o.Schema.For<ApiKey>().Index(k => k.Hash);
            o.Schema.For<SessionRecord>();
        });
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = static async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await AccessProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"The request rate allowed for this API key (Access:RateLimit) was exceeded; retry after {retryAfter} s.");
            };
        });
        return services;
    }

    /// <summary>Authentication → tenant (see TenantResolutionMiddleware) → rate limit → access control: call in this order.</summary>
    public static WebApplication UseAccessAuthentication(this WebApplication app)
    {
        app.UseMiddleware<AccessAuthenticationMiddleware>();
        return app;
    }

    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<AccessControlMiddleware>();
        return app;
    }

    /// <summary>One token bucket per API key (per node); callers without a valid key share one per client address.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.RateLimit;
        if (!AccessControlMiddleware.IsApi(context.Request.Path) || settings.RequestsPerMinute == 0)
            return RateLimitPartition.GetNoLimiter("unlimited");
        var caller = Caller.Of(context);
        if (caller is not null)
            return RateLimitPartition.GetTokenBucketLimiter($"key:{caller.KeyId}:{settings.RequestsPerMinute}:{settings.Burst}",
                _ => Bucket(settings.RequestsPerMinute, settings.Burst));
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        return RateLimitPartition.GetTokenBucketLimiter($"anonymous:{address}:{settings.AnonymousRequestsPerMinute}",
            _ => Bucket(settings.AnonymousRequestsPerMinute, Math.Max(1, settings.AnonymousRequestsPerMinute / 6)));
    }

    internal static TokenBucketRateLimiterOptions Bucket(int perMinute, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerMinute / perMinute)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>
/// Development mode says so at start-up, loudly, and refuses to serve on anything but loopback: if an address the
/// server listens on is not loopback, the Host stops with exit code 1.
/// </summary>
internal sealed class DevelopmentModeAnnouncement(IOptions<AccessOptions> options, IServer server,
    IHostApplicationLifetime lifetime, ILogger<DevelopmentModeAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsDevelopment) return Task.CompletedTask;
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
            const string rule = "****************************************************************";
            logger.LogWarning("{Rule}", rule);
            logger.LogWarning("DEVELOPMENT MODE (Access:Mode=Development): NO API KEYS. Every caller is an admin of the tenant named by X-Customer-Id.");
            logger.LogWarning("Serving on loopback only: {Addresses}. Never use this mode for real customer data.", string.Join(", ", addresses));
            logger.LogWarning("{Rule}", rule);
            if (exposed.Count > 0)
            {
                logger.LogCritical("Development mode refuses to listen on non-loopback addresses: {Addresses}. Stopping.", string.Join(", ", exposed));
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri)) return false;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
