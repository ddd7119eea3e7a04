using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Access;

/// <summary>
/// Key material. A key is <c>mk_</c> + 32 random bytes (base64url), so it is stored as its SHA-256: with 256 bits of
/// entropy a slow password hash adds nothing against guessing and would cost every request; the hash alone cannot be
/// turned back into a key that authenticates.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "mk_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>An opaque random token (dashboard sessions).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What lists show to tell keys apart: the prefix and the first characters, never enough to use it.</summary>
    public static string Hint(string key) => key.Length <= 10 ? Prefix : key[..10] + "…";

    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F');

    /// <summary>Cheap shape check before any lookup: printable ASCII, bounded length.</summary>
    public static bool LooksLikeKey(string? value) =>
        value is { Length: >= 16 and <= 256 } && value.All(c => c is > ' ' and < '\u007f');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>An API key issued through the API, stored under its tenant (conjoined tenancy like every document).</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Tenant { get; set; } = "";
    public AccessRole Role { get; set; }
    /// <summary>SHA-256 (hex) of the key; the key itself is shown once, when issued, and never stored.</summary>
    public string Hash { get; set; } = "";
    public string Hint { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>Audit trail of a key's life, on its own stream (the key's id) in its tenant. Never carries the key or its hash.</summary>
public sealed record ApiKeyIssued(Guid KeyId, string Name, AccessRole Role, string Hint, string IssuedBy, DateTimeOffset At);
public sealed record ApiKeyRevoked(Guid KeyId, string RevokedBy, DateTimeOffset At);

/// <summary>What a valid key grants.</summary>
public sealed record KeyGrant(string KeyId, string Name, string Tenant, AccessRole Role);

/// <summary>
/// Finds the grant for a presented key (by its hash): configured keys first, then issued ones in PostgreSQL. Found
/// grants are remembered for <c>Access:CacheSeconds</c> (misses are not, so guessing cannot fill memory); revoking on
/// this node forgets at once, other nodes within that time.
/// </summary>
public sealed class ApiKeyDirectory(IDocumentStore store, IOptions<AccessOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (KeyGrant Grant, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private Dictionary<string, KeyGrant>? _configured;

    public async ValueTask<KeyGrant?> FindByHashAsync(string hash, CancellationToken ct)
    {
        var configured = _configured ??= Configured(options.Value);
        if (configured.TryGetValue(hash, out var fixedGrant)) return fixedGrant;

        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Grant;

        await using var session = store.QuerySession();
        var key = await session.Query<ApiKey>()
            .Where(k => k.AnyTenant() && k.Hash == hash && k.RevokedAt == null)
            .FirstOrDefaultAsync(ct);
        if (key is null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        var grant = new KeyGrant(key.Id.ToString(), key.Name, key.Tenant, key.Role);
        if (options.Value.CacheSeconds > 0) _cache[hash] = (grant, now.AddSeconds(options.Value.CacheSeconds));
        return grant;
    }

    public void Forget(string hash) => _cache.TryRemove(hash, out _);

    private static Dictionary<string, KeyGrant> Configured(AccessOptions settings) =>
        settings.Keys.ToDictionary(
            k => k.Sha256.ToLowerInvariant(),
            k => new KeyGrant("config:" + k.Name, k.Name, Tenancy.TenantId.Normalise(k.Tenant),
                Enum.Parse<AccessRole>(k.Role, ignoreCase: true)),
            StringComparer.Ordinal);
}

/// <summary>Issues, lists and revokes a tenant's keys.</summary>
public sealed class ApiKeyStore(IDocumentStore store, ApiKeyDirectory directory, TimeProvider clock)
{
    public sealed record Issued(ApiKey Record, string Key);

    public async Task<Issued> IssueAsync(string tenant, string name, AccessRole role, string issuedBy, CancellationToken ct)
    {
        var key = ApiKeySecret.NewKey();
        var record = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Tenant = tenant,
            Role = role,
            Hash = ApiKeySecret.Hash(key),
            Hint = ApiKeySecret.Hint(key),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = issuedBy,
        };
        await using var session = store.LightweightSession(tenant);
        session.Store(record);
        session.Events.StartStream(record.Id, new ApiKeyIssued(record.Id, name, role, record.Hint, issuedBy, record.CreatedAt));
        await session.SaveChangesAsync(ct);
        return new Issued(record, key);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync(ct);
    }

    /// <summary>False when the tenant has no such key (another tenant's id included: callers answer 404).</summary>
    public async Task<bool> RevokeAsync(string tenant, Guid id, string revokedBy, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var key = await session.LoadAsync<ApiKey>(id, ct);
        if (key is null) return false;
        if (key.RevokedAt is not null) return true;
        key.RevokedAt = clock.GetUtcNow();
        key.RevokedBy = revokedBy;
        session.Store(key);
        session.Events.Append(id, new ApiKeyRevoked(id, revokedBy, key.RevokedAt.Value));
        await session.SaveChangesAsync(ct);
        directory.Forget(key.Hash);
        return true;
    }
}
