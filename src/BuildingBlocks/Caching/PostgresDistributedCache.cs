using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// HybridCache's L2 in the application's own PostgreSQL (the embedded one by default), so crawls and LLM answers survive a
/// restart and are shared by nodes without Redis. One table, <c>{schema}.entries</c>, keyed by the SHA-256 of the key
/// (PostgreSQL's b-tree cannot index the 8 KiB keys <c>Caching:MaximumKeyLength</c> allows); the key itself is kept to
/// check against. Absolute and sliding expiration are honoured on read (an expired row is never returned); rows are
/// deleted by <see cref="PostgresCacheCleanup"/>. Times come from <see cref="TimeProvider"/>, so nodes should keep their
/// clocks in sync as they do for everything else.
/// </summary>
public sealed partial class PostgresDistributedCache(
    NpgsqlDataSource dataSource,
    IOptions<CachingOptions> options,
    TimeProvider clock,
    ILogger<PostgresDistributedCache> logger) : IBufferDistributedCache
{
    private readonly PostgresCacheOptions _options = options.Value.Postgres;
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    private string Table => $"\"{_options.Schema}\".entries";

    /// <summary>Creates the schema and table when missing. Several nodes starting at once serialise on an advisory lock
    /// (<c>create … if not exists</c> alone still races on the catalog).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (_created) return;
        await _creating.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_created) return;
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"""
                select pg_advisory_xact_lock(hashtext('monolith-cache-schema:{_options.Schema}'));
                create schema if not exists "{_options.Schema}";
                create table if not exists {Table} (
                    id bytea primary key,
                    key text not null,
                    value bytea not null,
                    expires_at timestamptz not null,
                    absolute_expires_at timestamptz,
                    sliding_ms bigint);
                create index if not exists entries_expires_at on {Table} (expires_at);
                """, connection, transaction);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var writer = new ArrayBufferWriter<byte>();
        return await TryGetAsync(key, writer, token).ConfigureAwait(false) ? writer.WrittenSpan.ToArray() : null;
    }

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await EnsureCreatedAsync(token).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $"select key, value, sliding_ms from {Table} where id = $1 and expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Id(key) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        byte[] value;
        long? sliding;
        await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(token).ConfigureAwait(false) || reader.GetString(0) != key) return false;
            value = reader.GetFieldValue<byte[]>(1);
            sliding = reader.IsDBNull(2) ? null : reader.GetInt64(2);
        }
        if (sliding is not null) await RefreshAsync(key, token).ConfigureAwait(false);
        destination.Write(value);
        return true;
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return WriteAsync(key, value, options, token);
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        new(WriteAsync(key, value.ToArray(), options, token));

    /// <summary>Insert or overwrite in one statement: concurrent writers of one key leave exactly one row (the last).</summary>
    private async Task WriteAsync(string key, byte[] value, DistributedCacheEntryOptions entry, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        if (value.Length > _options.MaximumEntryBytes)
        {
            LogTooLarge(key.Length, value.Length, _options.MaximumEntryBytes);
            return;
        }
        var now = clock.GetUtcNow();
        var absolute = entry.AbsoluteExpiration ?? (entry.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        if (absolute <= now) throw new ArgumentOutOfRangeException(nameof(entry), absolute, "The absolute expiration value must be in the future.");
        var sliding = entry.SlidingExpiration ?? (absolute is null ? TimeSpan.FromMinutes(_options.DefaultSlidingMinutes) : null);
        var expires = Expiry(now, absolute, sliding);

        await EnsureCreatedAsync(token).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand($"""
            insert into {Table} (id, key, value, expires_at, absolute_expires_at, sliding_ms) values ($1, $2, $3, $4, $5, $6)
            on conflict (id) do update set key = excluded.key, value = excluded.value, expires_at = excluded.expires_at,
                absolute_expires_at = excluded.absolute_expires_at, sliding_ms = excluded.sliding_ms
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Id(key) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = value });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expires });
        command.Parameters.Add(new NpgsqlParameter { Value = absolute is { } a ? a : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = sliding is { } s ? (long)s.TotalMilliseconds : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    /// <summary>Moves a sliding entry's expiry to now + its window, never past its absolute expiry; others are untouched.</summary>
    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        await EnsureCreatedAsync(token).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand($"""
            update {Table} set expires_at = least($2 + sliding_ms * interval '1 millisecond', coalesce(absolute_expires_at, 'infinity'))
            where id = $1 and expires_at > $2 and sliding_ms is not null
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Id(key) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await EnsureCreatedAsync(token).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand($"delete from {Table} where id = $1");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Id(key) });
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    /// <summary>Deletes expired rows in batches (short transactions, no long lock on a large table); returns how many.</summary>
    public async Task<long> RemoveExpiredAsync(CancellationToken token = default)
    {
        await EnsureCreatedAsync(token).ConfigureAwait(false);
        long removed = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"delete from {Table} where id in (select id from {Table} where expires_at <= $1 limit 5000)");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            var batch = await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            removed += batch;
            if (batch < 5000) return removed;
        }
    }

    // HybridCache and the app only use the async members; the synchronous ones exist for the interface.
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public bool TryGet(string key, IBufferWriter<byte> destination) => TryGetAsync(key, destination).AsTask().GetAwaiter().GetResult();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).AsTask().GetAwaiter().GetResult();

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    private static DateTimeOffset Expiry(DateTimeOffset now, DateTimeOffset? absolute, TimeSpan? sliding) =>
        sliding is { } s ? (absolute is { } a && a < now + s ? a : now + s) : absolute!.Value;

    private static byte[] Id(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache entry not stored in PostgreSQL: {Bytes} bytes exceed Caching:Postgres:MaximumEntryBytes ({Maximum}); key of {KeyLength} characters")]
    private partial void LogTooLarge(int keyLength, int bytes, int maximum);
}
