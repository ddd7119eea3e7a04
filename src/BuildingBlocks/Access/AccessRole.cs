namespace Monolith.BuildingBlocks.Access;

/// <summary>What a key may do, each role including the ones below it.</summary>
public enum AccessRole
{
    /// <summary>Reads: lists, details, analytics, exports of its own customer's data.</summary>
    Viewer = 1,
    /// <summary>Plus work: uploads, analyses, reviews, retries.</summary>
    Operator = 2,
    /// <summary>Plus settings, re-scoring, rebuilding read models and managing keys.</summary>
    Admin = 3,
}

/// <summary>
/// The least role an endpoint needs. Without it: <see cref="AccessRole.Viewer"/> for GET/HEAD,
/// <see cref="AccessRole.Operator"/> for everything else.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RequiresRoleAttribute(AccessRole role) : Attribute
{
    public AccessRole Role { get; } = role;
}

/// <summary>The endpoint changes every customer's data at once; only admins of <c>Access:PlatformTenant</c> may call it.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class PlatformOperationAttribute : Attribute;

/// <summary>Who is calling: decided once per request by <see cref="AccessAuthenticationMiddleware"/>.</summary>
/// <param name="KeyId">Stable id of the key (never the key): the rate-limit partition and what logs may name.</param>
/// <param name="Via">"key", "session" or "development".</param>
public sealed record Caller(string KeyId, string KeyName, string Tenant, AccessRole Role, string Via)
{
    private static readonly object ItemKey = new();

    public static Caller? Of(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as Caller : null;

    internal void AttachTo(Microsoft.AspNetCore.Http.HttpContext context) => context.Items[ItemKey] = this;
}
