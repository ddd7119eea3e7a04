using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;

namespace Monolith.BuildingBlocks.Limits;

/// <summary>
/// Request size and time limits from <see cref="RequestLimitsOptions"/>: Kestrel's body, header and slow-client limits,
/// the form limits, and the ASP.NET Core request-timeouts middleware (504 ProblemDetails) for <c>/api</c> requests.
/// </summary>
public static class RequestLimitsRegistration
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<RequestLimitsOptions>(RequestLimitsOptions.Section);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            var settings = limits.Value;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = settings.MaxRequestHeadersTotalBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(settings.RequestHeadersTimeoutSeconds);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(settings.KeepAliveTimeoutSeconds);
            kestrel.Limits.MinRequestBodyDataRate = settings.MinRequestBodyBytesPerSecond <= 0
                ? null
                : new MinDataRate(settings.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(settings.MinRequestBodyGracePeriodSeconds));
        });
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>>((form, limits) =>
            form.MultipartBodyLengthLimit = limits.Value.MaxRequestBodyBytes);
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) =>
        {
            var seconds = limits.Value.RequestTimeoutSeconds;
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(seconds),
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
                WriteTimeoutResponse = context => RequestLimitProblems.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
                    "Request timed out", $"The request took longer than {seconds} s ({RequestLimitsOptions.Section}:{nameof(RequestLimitsOptions.RequestTimeoutSeconds)})."),
            };
        });
        return builder;
    }

    /// <summary>
    /// After routing (the exemptions read endpoint metadata): an over-limit body becomes a 413 ProblemDetails, API requests
    /// get the default timeout unless exempt (<c>DisableRequestTimeout()</c> endpoints such as <c>/api/live</c>, and
    /// <c>?wait=true</c> requests, which wait at most their own <c>WaitTimeoutSeconds</c> and then answer 202).
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseWhen(IsTimedApiRequest, api => api.UseRequestTimeouts());
        return app;
    }

    /// <summary>API requests that are not waits: the only ones the request timeout applies to.</summary>
    internal static bool IsTimedApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(context.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase);
}
