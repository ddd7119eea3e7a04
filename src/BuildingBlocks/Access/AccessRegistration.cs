using System.Net;
using System.Threading.RateLimiting;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
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
/// Development mode says so at start-up, loudly, and refuses to serve on anything but loopback: once the server has
/// bound its addresses, a non-loopback one fails start-up (exit code 1, one line naming Access:Mode).
/// </summary>
internal sealed class DevelopmentModeAnnouncement(IOptions<AccessOptions> options, IServer server,
    IHostApplicationLifetime lifetime, ILogger<DevelopmentModeAnnouncement> logger) : IHostedLifecycleService
{
    internal static string Refusal(IEnumerable<string> exposed) =>
        $"Access:Mode: development mode (no API keys) serves loopback only, but the server would listen on {string.Join(", ", exposed)}; bind to 127.0.0.1 or use Access:Mode=Keys.";

    /// <summary>
    /// Before serving: the addresses configuration asks for (<c>urls</c>/<c>--urls</c>/<c>ASPNETCORE_URLS</c>,
    /// <c>http_ports</c>/<c>https_ports</c> which bind every interface, <c>Kestrel:Endpoints:*:Url</c>). Throws the
    /// one-line configuration failure when development mode would be reachable from other machines.
    /// </summary>
    public static void CheckConfiguredAddresses(Microsoft.Extensions.Configuration.IConfiguration configuration, AccessOptions access)
    {
        if (!access.IsDevelopment) return;
        var addresses = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var ports in new[] { configuration["http_ports"], configuration["https_ports"] })
            if (!string.IsNullOrWhiteSpace(ports)) addresses.AddRange(ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p.Trim()}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0) throw new OptionsValidationException(AccessOptions.Section, typeof(AccessOptions), [Refusal(exposed)]);
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsDevelopment) return Task.CompletedTask;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            // Normally caught before serving (CheckConfiguredAddresses); this covers addresses chosen in code.
            logger.LogCritical("{Failure}", Refusal(exposed));
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return Task.CompletedTask;
        }
        const string rule = "****************************************************************";
        logger.LogWarning("{Rule}", rule);
        logger.LogWarning("DEVELOPMENT MODE (Access:Mode=Development): NO API KEYS. Every caller is an admin of the tenant named by X-Customer-Id.");
        logger.LogWarning("Serving on loopback only: {Addresses}. Never use this mode for real customer data.", string.Join(", ", addresses));
        logger.LogWarning("{Rule}", rule);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri)) return false;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
