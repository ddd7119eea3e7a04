using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Access;
using Wolverine.Http.Runtime.MultiTenancy;

namespace Monolith.BuildingBlocks.Tenancy;

/// <summary>
/// The one place a request's tenant is decided (the caller's API key or session; in development mode the
/// <c>X-Customer-Id</c> header, else the configured default). It runs as middleware so a bad or missing tenant is a 400 ProblemDetails
/// before any endpoint runs, and Wolverine.Http reads the decision through <see cref="ResolvedTenantDetection"/>,
/// which opens every Marten session for that tenant.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, IOptions<TenancyOptions> options, IOptions<AccessOptions> access)
{
    private static readonly object Key = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        var header = context.Request.Headers[settings.HeaderName].ToString();
        var caller = Caller.Of(context);
        string? tenant = null;
        string? problem = null;
        if (caller is not null)
        {
            // The key decides the customer; a header naming another one is a client mistake worth saying out loud.
            tenant = caller.Tenant;
            if (!string.IsNullOrWhiteSpace(header) && TenantId.Normalise(header) != caller.Tenant)
                problem = $"Header '{settings.HeaderName}' names another customer than the API key's; leave it out or send '{caller.Tenant}'.";
        }
        else if (!access.Value.IsDevelopment)
        {
            // No caller: AccessControlMiddleware answers 401 for /api; nothing else reads tenant data.
        }
        else if (!string.IsNullOrWhiteSpace(header))
        {
            var normalised = TenantId.Normalise(header);
            if (TenantId.IsValid(normalised)) tenant = normalised;
            else problem = $"Header '{settings.HeaderName}' must be 1-64 characters of a-z, 0-9, '-' or '_'.";
        }
        else if (!string.IsNullOrWhiteSpace(settings.DefaultTenant))
        {
            tenant = settings.DefaultTenant;
        }
        else if (IsApi(context.Request.Path))
        {
            problem = $"Header '{settings.HeaderName}' is required: it names the customer the request is for.";
        }

        if (problem is not null && IsApi(context.Request.Path))
        {
            var details = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid tenant",
                Detail = problem,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [settings.HeaderName] = [problem] } },
            };
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }

        if (tenant is not null)
        {
            context.Items[Key] = tenant;
            if (caller is null) new Caller("development", "development", tenant, AccessRole.Admin, "development").AttachTo(context);
        }
        await next(context);
    }

    public static string? TenantOf(HttpContext context) => context.Items.TryGetValue(Key, out var t) ? t as string : null;

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Hands the middleware's decision to Wolverine.Http's tenant detection.</summary>
public sealed class ResolvedTenantDetection : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => new(TenantResolutionMiddleware.TenantOf(context));
}
