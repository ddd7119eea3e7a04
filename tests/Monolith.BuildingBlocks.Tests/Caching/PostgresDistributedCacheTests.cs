using System.Buffers;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Postgres;
using Monolith.Testing;
using Npgsql;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>One database in the shared test PostgreSQL for the L2 contract tests.</summary>
public sealed class CacheDatabase : IAsyncLifetime
{
    private string _database = "";

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("cache");
        ConnectionString = await TestPostgres.ConnectionStringAsync(_database);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.DropDatabaseAsync(_database);
    }

    public PostgresDistributedCache Cache(TimeProvider clock, string schema = "cache", int maximumEntryBytes = 16 << 20) =>
        new(DataSource, Microsoft.Extensions.Options.Options.Create(new CachingOptions { Postgres = new() { Schema = schema, MaximumEntryBytes = maximumEntryBytes } }),
            clock, NullLogger<PostgresDistributedCache>.Instance);

    public async Task<long> RowsAsync(string schema = "cache")
    {
        await using var command = DataSource.CreateCommand($"select count(*) from \"{schema}\".entries");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public class PostgresDistributedCacheTests(CacheDatabase db) : IClassFixture<CacheDatabase>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static string Key() => "test:" + Guid.NewGuid().ToString("N");

    private static DistributedCacheEntryOptions Absolute(double minutes) => new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(minutes) };

    [Fact]
    public async Task set_get_overwrite_and_remove()
    {
        var cache = db.Cache(_clock);
        var key = Key();
        Assert.Null(await cache.GetAsync(key));

        await cache.SetAsync(key, [1, 2, 3], Absolute(10));
        Assert.Equal([1, 2, 3], await cache.GetAsync(key));
        await cache.SetAsync(key, [4], Absolute(10));
        Assert.Equal([4], await cache.GetAsync(key));
        Assert.Equal([4], cache.Get(key)); // the synchronous members work too

        await cache.RemoveAsync(key);
        Assert.Null(await cache.GetAsync(key));
        await cache.RemoveAsync(key); // removing what is gone is fine
    }

    [Fact]
    public async Task the_buffer_members_hybridcache_uses_round_trip_and_keys_longer_than_an_index_row_work()
    {
        var cache = db.Cache(_clock);
        var key = "long:" + new string('k', 8000);
        var payload = Encoding.UTF8.GetBytes(new string('v', 100_000));
        await cache.SetAsync(key, new ReadOnlySequence<byte>(payload), Absolute(10));

        var writer = new ArrayBufferWriter<byte>();
        Assert.True(await cache.TryGetAsync(key, writer));
        Assert.Equal(payload, writer.WrittenSpan.ToArray());
        Assert.False(await cache.TryGetAsync(Key(), new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public async Task an_absolute_expiration_is_honoured_and_refresh_does_not_extend_it()
    {
        var cache = db.Cache(_clock);
        var key = Key();
        await cache.SetAsync(key, [7], Absolute(10));
        _clock.Advance(TimeSpan.FromMinutes(9));
        await cache.RefreshAsync(key);
        Assert.NotNull(await cache.GetAsync(key));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await cache.GetAsync(key));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            cache.SetAsync(key, [1], new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.GetUtcNow().AddSeconds(-1) }));
    }

    [Fact]
    public async Task a_sliding_expiration_is_extended_by_reads_and_refresh_but_never_past_the_absolute_one()
    {
        var cache = db.Cache(_clock);
        var key = Key();
        await cache.SetAsync(key, [1], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(25),
        });
        _clock.Advance(TimeSpan.FromMinutes(8));
        Assert.NotNull(await cache.GetAsync(key));   // read at 8: now lives until 18
        _clock.Advance(TimeSpan.FromMinutes(8));
        await cache.RefreshAsync(key);               // refresh at 16: until 25 (absolute), not 26
        _clock.Advance(TimeSpan.FromMinutes(8));
        Assert.NotNull(await cache.GetAsync(key));   // 24
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await cache.GetAsync(key));      // 25: the absolute expiry wins

        var idle = Key();
        await cache.SetAsync(idle, [2], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await cache.GetAsync(idle));     // not touched for its whole window
    }

    [Fact]
    public async Task concurrent_sets_of_one_key_leave_one_row_holding_one_of_the_values()
    {
        var cache = db.Cache(_clock);
        var key = Key();
        var values = Enumerable.Range(1, 24).Select(i => new byte[] { (byte)i }).ToList();
        await Task.WhenAll(values.Select(v => Task.Run(() => cache.SetAsync(key, v, Absolute(10)))));

        var stored = await cache.GetAsync(key);
        Assert.Contains(values, v => v.SequenceEqual(stored!));
        await using var command = db.DataSource.CreateCommand("select count(*) from cache.entries where key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task the_cleanup_deletes_expired_rows_only()
    {
        const string schema = "cache_cleanup";
        var cache = db.Cache(_clock, schema);
        for (var i = 0; i < 30; i++) await cache.SetAsync($"old:{i}", [1], Absolute(1));
        for (var i = 0; i < 5; i++) await cache.SetAsync($"fresh:{i}", [1], Absolute(60));
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(30, await cache.RemoveExpiredAsync());
        Assert.Equal(5, await db.RowsAsync(schema));
        Assert.Equal(0, await cache.RemoveExpiredAsync());
    }

    [Fact]
    public async Task the_background_job_creates_the_table_at_start_and_deletes_expired_rows_every_interval()
    {
        const string schema = "cache_job";
        var cache = db.Cache(_clock, schema);
        await using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Microsoft.Extensions.Options.Options.Create(new CachingOptions { Postgres = new() { Schema = schema, CleanupIntervalMinutes = 30 } });
        using var job = new PostgresCacheCleanup(cache, options, new CacheMetrics(metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            _clock, NullLogger<PostgresCacheCleanup>.Instance);
        await job.StartAsync(CancellationToken.None);
        Assert.Equal(0, await db.RowsAsync(schema)); // the table exists before anything was written

        await cache.SetAsync("short", [1], Absolute(5));
        await cache.SetAsync("long", [1], Absolute(120));
        _clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(200);
        Assert.Equal(2, await db.RowsAsync(schema)); // expired, not returned, but not deleted before the interval
        _clock.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await db.RowsAsync(schema) != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the expired row was not deleted at the interval");
            await Task.Delay(20);
        }
        await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task several_nodes_creating_the_table_at_once_all_succeed()
    {
        var schema = "cache_race_" + Guid.NewGuid().ToString("N")[..8];
        var nodes = Enumerable.Range(0, 6).Select(_ => db.Cache(_clock, schema)).ToList();
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.EnsureCreatedAsync(CancellationToken.None))));
        await nodes[0].SetAsync("k", [1], Absolute(1));
        Assert.Equal([1], await nodes[5].GetAsync("k"));
    }

    [Fact]
    public async Task an_entry_above_the_size_limit_is_not_stored()
    {
        var cache = db.Cache(_clock, maximumEntryBytes: 2048);
        var key = Key();
        await cache.SetAsync(key, new byte[4096], Absolute(10));
        Assert.Null(await cache.GetAsync(key));
    }

    [Fact]
    public async Task typed_cache_values_survive_a_new_container_over_the_same_database()
    {
        var settings = new Dictionary<string, string?> { ["Caching:L2"] = "Postgres" };
        void Postgres(IServiceCollection s) => s.AddSingleton(db.DataSource);
        var key = new CacheKey<RedisL2Tests.Product>("catalog", Guid.NewGuid().ToString("N"));
        var stored = new RedisL2Tests.Product("Widget", 9.5m);

        await using (var first = CacheTestHost.Build(settings, platform: Postgres))
        {
            Assert.IsType<PostgresDistributedCache>(first.GetRequiredService<IDistributedCache>());
            await first.GetRequiredService<TypedCache>().GetOrCreateAsync(key, _ => new(stored), CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await first.GetRequiredService<IDistributedCache>().GetAsync(key.ToString(1024)) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the value never reached PostgreSQL");
                await Task.Delay(20);
            }
        }

        await using var second = CacheTestHost.Build(settings, platform: Postgres);
        var factoryCalls = 0;
        var read = await second.GetRequiredService<TypedCache>().GetOrCreateAsync(key, _ =>
        {
            factoryCalls++;
            return new(new RedisL2Tests.Product("recomputed", 0m));
        }, CancellationToken.None);
        Assert.Equal((0, stored), (factoryCalls, read));
    }
}

public class CacheL2ChoiceTests
{
    [Theory]
    [InlineData(null, false, true, CacheL2.Postgres)]
    [InlineData(null, true, true, CacheL2.Redis)]
    [InlineData(null, false, false, CacheL2.None)]
    [InlineData(CacheL2.None, true, true, CacheL2.None)]
    [InlineData(CacheL2.Postgres, true, true, CacheL2.Postgres)]
    public void redis_when_configured_else_the_applications_postgresql(CacheL2? configured, bool redis, bool postgres, CacheL2 expected) =>
        Assert.Equal(expected, CachingRegistration.ResolveL2(configured, redis, postgres));

    [Fact]
    public void an_l2_that_is_not_available_fails_start_up_naming_the_setting()
    {
        var e = Assert.Throws<OptionsValidationException>(() => CachingRegistration.ResolveL2(CacheL2.Redis, false, true));
        Assert.Contains("Caching:L2", e.Message, StringComparison.Ordinal);
        Assert.Contains("Redis:Configuration", e.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => CachingRegistration.ResolveL2(CacheL2.Postgres, false, false));
    }

    [Fact]
    public void options_of_the_postgresql_l2_are_validated()
    {
        using var provider = CacheTestHost.Build(new() { ["Caching:Postgres:Schema"] = "Bad Schema", ["Caching:Postgres:CleanupIntervalMinutes"] = "0" });
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CachingOptions>>().Value);
        Assert.Contains("Caching:Postgres:Schema", e.Message, StringComparison.Ordinal);
        Assert.Contains("Caching:Postgres:CleanupIntervalMinutes", e.Message, StringComparison.Ordinal);
    }
}
