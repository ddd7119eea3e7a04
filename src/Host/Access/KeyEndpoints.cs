using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Access;
using Wolverine.Http;

namespace Monolith.Host.Access;

public sealed record IssueApiKey(string? Name, string? Role);

public sealed record ApiKeyView(Guid Id, string Name, string Role, string Hint, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static ApiKeyView Of(ApiKey key) => new(key.Id, key.Name, SignInEndpoint.Role(key.Role), key.Hint, key.CreatedAt,
        key.CreatedBy, key.RevokedAt, key.RevokedBy);
}

/// <summary>The new key, shown this once: only its SHA-256 is stored.</summary>
public sealed record ApiKeyIssuedView(ApiKeyView Key, string ApiKey);

public static class IssueApiKeyEndpoint
{
    public static ProblemDetails Validate(IssueApiKey command)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > 100 || command.Name.Any(char.IsControl))
            errors["name"] = ["name is required: 1-100 printable characters."];
        if (!Enum.TryParse<AccessRole>(command.Role, ignoreCase: true, out _) || int.TryParse(command.Role, out _))
            errors["role"] = ["role must be viewer, operator or admin."];
        return errors.Count == 0 ? WolverineContinue.NoProblems
            : new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "The key request is invalid" };
    }

    /// <summary>Issues a key for the caller's own customer (admins only). The answer holds the key; it cannot be shown again.</summary>
    [WolverinePost("/api/access/keys", OperationId = "IssueApiKey")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Access")]
    [ProducesResponseType<ApiKeyIssuedView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Post(IssueApiKey command, HttpContext http, ApiKeyStore keys, CancellationToken ct)
    {
        var caller = Caller.Of(http)!;
        var role = Enum.Parse<AccessRole>(command.Role!, ignoreCase: true);
        var issued = await keys.IssueAsync(caller.Tenant, command.Name!.Trim(), role, caller.KeyName, ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/access/keys/{issued.Record.Id}", new ApiKeyIssuedView(ApiKeyView.Of(issued.Record), issued.Key));
    }
}

public static class ListApiKeysEndpoint
{
    /// <summary>The customer's keys (never the keys themselves), revoked ones included.</summary>
    [WolverineGet("/api/access/keys", OperationId = "ListApiKeys")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Access")]
    [ProducesResponseType<IReadOnlyList<ApiKeyView>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<ApiKeyView>> Get(HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
        [.. (await keys.ListAsync(Caller.Of(http)!.Tenant, ct)).Select(ApiKeyView.Of)];
}

public static class RevokeApiKeyEndpoint
{
    /// <summary>Revokes one of the customer's keys: refused at once on this node, on the others within Access:CacheSeconds.</summary>
    [WolverineDelete("/api/access/keys/{id}", OperationId = "RevokeApiKey")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Access")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Delete(Guid id, HttpContext http, ApiKeyStore keys, CancellationToken ct)
    {
        var caller = Caller.Of(http)!;
        return await keys.RevokeAsync(caller.Tenant, id, caller.KeyName, ct)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Key not found", detail: $"No API key {id}.");
    }
}
