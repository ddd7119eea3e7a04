using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Access;
using Wolverine.Http;

namespace Monolith.Host.Access;

public sealed record SignIn(string? ApiKey);

/// <summary>Who the request is made as: the dashboard shows it and uses it to decide what to offer.</summary>
public sealed record SessionView(string Tenant, string Role, string KeyName, string Via, DateTimeOffset? ExpiresAt);

/// <summary>The dashboard's sign-in: an API key in, a session cookie out (the key is not kept in the browser).</summary>
public static class SignInEndpoint
{
    public static ProblemDetails Validate(SignIn command) =>
        string.IsNullOrWhiteSpace(command.ApiKey)
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { ["apiKey"] = ["apiKey is required."] })
            { Status = StatusCodes.Status400BadRequest, Title = "The sign-in is invalid" }
            : WolverineContinue.NoProblems;

    [WolverinePost("/api/session", OperationId = "SignIn")]
    [AllowAnonymous]
    [Tags("Access")]
    [ProducesResponseType<SessionView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public static async Task<IResult> Post(SignIn command, HttpContext http, ApiKeyDirectory keys, SessionStore sessions,
        IOptions<AccessOptions> options, CancellationToken ct)
    {
        var key = command.ApiKey!.Trim();
        var hash = ApiKeySecret.Hash(key);
        var grant = ApiKeySecret.LooksLikeKey(key) ? await keys.FindByHashAsync(hash, ct) : null;
        if (grant is null)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The API key is not valid (unknown, revoked or malformed).");

        var (token, session) = await sessions.StartAsync(grant, hash, ct);
        var settings = options.Value.Session;
        http.Response.Cookies.Append(settings.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = settings.AlwaysSecure || http.Request.IsHttps,
            Path = "/",
            Expires = session.ExpiresAt,
            IsEssential = true,
        });
        return Results.Ok(new SessionView(grant.Tenant, Role(grant.Role), grant.Name, "session", session.ExpiresAt));
    }

    internal static string Role(AccessRole role) => role.ToString().ToLowerInvariant();
}

public static class CurrentSessionEndpoint
{
    /// <summary>Who this request is made as (key, session or development mode).</summary>
    [WolverineGet("/api/session", OperationId = "GetSession")]
    [Tags("Access")]
    [ProducesResponseType<SessionView>(StatusCodes.Status200OK)]
    public static SessionView Get(HttpContext http)
    {
        var caller = Caller.Of(http)!;
        return new SessionView(caller.Tenant, SignInEndpoint.Role(caller.Role), caller.KeyName, caller.Via, null);
    }
}

public static class SignOutEndpoint
{
    /// <summary>Ends the dashboard session on every node and clears the cookie.</summary>
    [WolverineDelete("/api/session", OperationId = "SignOut")]
    [AllowAnonymous]
    [Tags("Access")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(HttpContext http, SessionStore sessions, IOptions<AccessOptions> options, CancellationToken ct)
    {
        var name = options.Value.Session.CookieName;
        if (http.Request.Cookies.TryGetValue(name, out var token) && ApiKeySecret.LooksLikeKey(token))
            await sessions.EndAsync(token, ct);
        http.Response.Cookies.Delete(name, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
        return Results.NoContent();
    }
}
