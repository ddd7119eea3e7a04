using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Access;

/// <summary>
/// Decides who is calling, before the tenant is resolved: an API key (<c>Authorization: Bearer mk_…</c> or
/// <c>X-Api-Key</c>), else the dashboard's session cookie. Nothing is refused here except, in development mode,
/// connections that are not from this machine; <see cref="AccessControlMiddleware"/> refuses what needs a caller.
/// </summary>
public sealed class AccessAuthenticationMiddleware(RequestDelegate next, IOptions<AccessOptions> options,
    ApiKeyDirectory keys, SessionStore sessions)
{
    private static readonly object FailureKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (settings.IsDevelopment)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is not null && !IPAddress.IsLoopback(remote))
            {
                await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Development mode",
                    "This server runs in development mode without API keys and accepts connections from this machine only.");
                return;
            }
            await next(context);
            return;
        }

        var presented = PresentedKey(context.Request);
        if (presented is not null)
        {
            var grant = ApiKeySecret.LooksLikeKey(presented)
                ? await keys.FindByHashAsync(ApiKeySecret.Hash(presented), context.RequestAborted)
                : null;
            if (grant is null) context.Items[FailureKey] = "The API key is not valid (unknown, revoked or malformed).";
            else new Caller(grant.KeyId, grant.Name, grant.Tenant, grant.Role, "key").AttachTo(context);
        }
        else if (context.Request.Cookies.TryGetValue(settings.Session.CookieName, out var token) && ApiKeySecret.LooksLikeKey(token))
        {
            var grant = await sessions.FindAsync(token, context.RequestAborted);
            if (grant is null) context.Items[FailureKey] = "The session has ended; sign in again.";
            else new Caller(grant.KeyId, grant.Name, grant.Tenant, grant.Role, "session").AttachTo(context);
        }
        await next(context);
    }

    /// <summary>Why a presented credential was refused (null when none was presented).</summary>
    public static string? FailureOf(HttpContext context) => context.Items.TryGetValue(FailureKey, out var f) ? f as string : null;

    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization[7..].Trim();
        var header = request.Headers["X-Api-Key"].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}

/// <summary>
/// Refuses <c>/api</c> requests the caller may not make: 401 without a valid credential, 403 when the role is too
/// small, or (for cookie sessions) when a state-changing request lacks the <c>X-Requested-With</c> header a
/// cross-site form cannot send. Another customer's ids are not refused here: their lookups find nothing (404).
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, IOptions<AccessOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsApi(context.Request.Path) || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        var caller = Caller.Of(context);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await AccessProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication required",
                AccessAuthenticationMiddleware.FailureOf(context)
                ?? "Send an API key as 'Authorization: Bearer <key>' (or 'X-Api-Key'), or sign in to the dashboard.");
            return;
        }

        var metadata = context.GetEndpoint()?.Metadata;
        var required = RequiredRole(context.Request.Method, metadata?.GetMetadata<RequiresRoleAttribute>());
        if (caller.Role < required)
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed for this role",
                $"This request needs the {Name(required)} role; the key '{caller.KeyName}' has the {Name(caller.Role)} role.");
            return;
        }
        if (metadata?.GetMetadata<PlatformOperationAttribute>() is not null && caller.Via != "development"
            && (string.IsNullOrEmpty(options.Value.PlatformTenant) || caller.Tenant != options.Value.PlatformTenant))
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Platform operation",
                "This operation replays every customer's data; only admins of the platform tenant (Access:PlatformTenant) may run it, or use the command line.");
            return;
        }
        if (caller.Via == "session" && !IsSafe(context.Request.Method)
            && !string.Equals(context.Request.Headers["X-Requested-With"], "monolith", StringComparison.Ordinal))
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Missing request header",
                "Requests made with the dashboard's session cookie that change data must send 'X-Requested-With: monolith'.");
            return;
        }
        await next(context);
    }

    public static AccessRole RequiredRole(string method, RequiresRoleAttribute? declared) =>
        declared?.Role ?? (IsSafe(method) ? AccessRole.Viewer : AccessRole.Operator);

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static string Name(AccessRole role) => role.ToString().ToLowerInvariant();

    internal static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

internal static class AccessProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier },
        };
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
