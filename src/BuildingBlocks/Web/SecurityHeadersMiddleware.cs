using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Web;

/// <summary>Which protective response headers are sent (section <c>SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "SecurityHeaders";

    /// <summary>Send the headers at all (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Send <c>Strict-Transport-Security</c> on HTTPS requests (one year, subdomains included).</summary>
    public bool Hsts { get; set; } = true;
}

/// <summary>
/// Protective headers on every response, set before the response starts unless an endpoint already chose its own:
/// <c>X-Content-Type-Options: nosniff</c>, framing only by our own pages (<c>X-Frame-Options: SAMEORIGIN</c>, the dashboard
/// frames documents), <c>Referrer-Policy: no-referrer</c>, <c>Cross-Origin-Opener-Policy: same-origin</c>, a
/// <c>Permissions-Policy</c> that turns off camera, microphone and geolocation, and HSTS on HTTPS.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (settings.Enabled)
        {
            context.Response.OnStarting(static state =>
            {
                var (http, hsts) = ((HttpContext, bool))state;
                var headers = http.Response.Headers;
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("X-Frame-Options", "SAMEORIGIN");
                headers.TryAdd("Referrer-Policy", "no-referrer");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                if (hsts && http.Request.IsHttps) headers.TryAdd("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                return Task.CompletedTask;
            }, (context, settings.Hsts));
        }
        return next(context);
    }
}
