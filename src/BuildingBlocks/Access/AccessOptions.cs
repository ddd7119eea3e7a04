using System.ComponentModel.DataAnnotations;
using Monolith.BuildingBlocks.Tenancy;

namespace Monolith.BuildingBlocks.Access;

/// <summary>Who may call the API and how often (section <c>Access</c>).</summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string Section = "Access";

    /// <summary>
    /// <c>Keys</c> (default): every <c>/api</c> request needs an API key (or a dashboard session made from one); the key
    /// decides the customer and the role. <c>Development</c>: no keys, every caller is an admin of the
    /// <c>X-Customer-Id</c> tenant — accepted on loopback only, announced loudly at start-up.
    /// </summary>
    [Required, RegularExpression("^(Keys|Development)$", ErrorMessage = "must be 'Keys' or 'Development'")]
    public string Mode { get; set; } = "Keys";

    /// <summary>
    /// Keys given by configuration (bootstrap, or keys kept in a secret store): only their SHA-256 is configured, never
    /// the key. Keys issued through the API are stored (hashed) in PostgreSQL.
    /// </summary>
    public List<ConfiguredApiKey> Keys { get; set; } = [];

    /// <summary>
    /// The tenant whose admins may run operations that touch every customer's data at once (rebuilding a projection
    /// replays all tenants' events). Empty: only the command line can rebuild.
    /// </summary>
    [RegularExpression(TenantId.Pattern, ErrorMessage = "must be 1-64 characters of a-z, 0-9, '-' or '_'")]
    public string? PlatformTenant { get; set; } = "default";

    /// <summary>How long a node trusts a key or session it looked up before checking the store again (revocation delay on other nodes).</summary>
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 30;

    public SessionOptions Session { get; set; } = new();
    public InboundRateLimitOptions RateLimit { get; set; } = new();

    public bool IsDevelopment => Mode == "Development";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            var path = $"Keys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name)) yield return new($"{path}:Name: is required", [$"Keys:{i}:Name"]);
            if (!TenantId.IsValid(key.Tenant)) yield return new("must be 1-64 characters of a-z, 0-9, '-' or '_'", [$"{path}:Tenant"]);
            if (!Enum.TryParse<AccessRole>(key.Role, ignoreCase: true, out _) || int.TryParse(key.Role, out _))
                yield return new("must be viewer, operator or admin", [$"{path}:Role"]);
            if (!ApiKeySecret.IsSha256Hex(key.Sha256))
                yield return new("must be the key's SHA-256 as 64 hex characters (see `keys hash`)", [$"{path}:Sha256"]);
        }
    }
}

public sealed class ConfiguredApiKey
{
    public string Name { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Role { get; set; } = "viewer";
    public string Sha256 { get; set; } = "";
}

public sealed class SessionOptions
{
    /// <summary>Name of the dashboard's session cookie (HttpOnly, SameSite=Strict, Secure on HTTPS).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string CookieName { get; set; } = "monolith_session";

    /// <summary>A session ends this long after sign-in, whatever happens.</summary>
    [Range(1, 24 * 30)]
    public int LifetimeHours { get; set; } = 12;

    /// <summary>Send the cookie only over HTTPS even when the request came over HTTP (behind a TLS-terminating proxy).</summary>
    public bool AlwaysSecure { get; set; }
}

public sealed class InboundRateLimitOptions
{
    /// <summary>Sustained requests per minute per API key (per node). 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Requests a key may send at once above the sustained rate.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 200;

    /// <summary>Requests per minute per client address without a valid key (sign-in attempts, wrong keys).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 60;
}
