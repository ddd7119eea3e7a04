using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Access;

/// <summary>
/// A dashboard sign-in: the cookie holds a random token, the server keeps only its SHA-256 and which key it came
/// from, so signing out (or revoking the key) ends the session on every node.
/// </summary>
public sealed class SessionRecord
{
    /// <summary>SHA-256 (hex) of the cookie's token.</summary>
    public string Id { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Tenant { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class SessionStore(IDocumentStore store, ApiKeyDirectory keys, IOptions<AccessOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (SessionRecord Session, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<(string Token, SessionRecord Session)> StartAsync(KeyGrant grant, string keyHash, CancellationToken ct)
    {
        var token = ApiKeySecret.NewToken();
        var now = clock.GetUtcNow();
        var record = new SessionRecord
        {
            Id = ApiKeySecret.Hash(token),
            KeyHash = keyHash,
            Tenant = grant.Tenant,
            CreatedAt = now,
            ExpiresAt = now.AddHours(options.Value.Session.LifetimeHours),
        };
        await using var session = store.LightweightSession(grant.Tenant);
        session.Store(record);
        await session.SaveChangesAsync(ct);
        return (token, record);
    }

    /// <summary>The grant behind a session token, or null when the session ended or its key was revoked.</summary>
    public async ValueTask<KeyGrant?> FindAsync(string token, CancellationToken ct)
    {
        var id = ApiKeySecret.Hash(token);
        var now = clock.GetUtcNow();
        SessionRecord? record;
        if (_cache.TryGetValue(id, out var cached) && cached.Until > now) record = cached.Session;
        else
        {
            await using var session = store.QuerySession();
            record = await session.Query<SessionRecord>().Where(s => s.AnyTenant() && s.Id == id).FirstOrDefaultAsync(ct);
            if (record is null) { _cache.TryRemove(id, out _); return null; }
            if (options.Value.CacheSeconds > 0) _cache[id] = (record, now.AddSeconds(options.Value.CacheSeconds));
        }
        if (record.ExpiresAt <= now) return null;
        var grant = await keys.FindByHashAsync(record.KeyHash, ct);
        return grant is not null && grant.Tenant == record.Tenant ? grant : null;
    }

    public async Task EndAsync(string token, CancellationToken ct)
    {
        var id = ApiKeySecret.Hash(token);
        _cache.TryRemove(id, out _);
        await using var query = store.QuerySession();
        var record = await query.Query<SessionRecord>().Where(s => s.AnyTenant() && s.Id == id).FirstOrDefaultAsync(ct);
        if (record is null) return;
        await using var session = store.LightweightSession(record.Tenant);
        session.Delete<SessionRecord>(record.Id);
        await session.SaveChangesAsync(ct);
    }
}
