using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;
using Npgsql;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Wires the cache: HybridCache with in-memory L1 and an L2 (HybridCache uses whatever IDistributedCache is registered),
/// so entries survive restarts and are shared by nodes: Redis when <c>Redis:Configuration</c> is set, else a table in the
/// application's PostgreSQL (<see cref="PostgresDistributedCache"/>); <c>Caching:L2</c> chooses explicitly
/// (<see cref="CacheL2"/>). Registers <see cref="TypedCache"/> for modules to use.
/// </summary>
public static class CachingRegistration
{
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<CachingOptions>(CachingOptions.Section);
        services.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        services.AddMetrics();

        // HybridCache's L1 is the registered IMemoryCache; it gives every entry its payload size, so a size limit
        // bounds the memory the cache holds (compaction drops the least recently used entries).
        services.AddMemoryCache();
        services.AddOptions<Microsoft.Extensions.Caching.Memory.MemoryCacheOptions>().Configure<IOptions<CachingOptions>>((memory, caching) =>
            memory.SizeLimit = (long)caching.Value.LocalSizeLimitMegabytes * 1024 * 1024);
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CachingOptions>>((hybrid, caching) =>
        {
            var o = caching.Value;
            hybrid.MaximumPayloadBytes = o.MaximumPayloadBytes;
            hybrid.MaximumKeyLength = o.MaximumKeyLength;
            hybrid.DefaultEntryOptions = CachePolicy.Defaults(o);
        });

        // Which L2 exists must be known while registering, so it is read from configuration here;
        // the values are still bound and validated through CachingOptions and RedisOptions.
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        var configured = configuration.GetSection(CachingOptions.Section).Get<CachingOptions>()?.L2;
        var l2 = ResolveL2(configured, redis.Enabled, services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)));
        services.TryAddSingleton(TimeProvider.System);
        if (l2 == CacheL2.Postgres)
        {
            services.AddSingleton<PostgresDistributedCache>();
            services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<PostgresDistributedCache>());
            services.AddHostedService<PostgresCacheCleanup>();
        }
        if (l2 == CacheL2.Redis)
        {
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<RedisCacheOptions>().Configure<IOptions<RedisOptions>>((target, source) =>
            {
                target.Configuration = source.Value.Configuration;
                target.InstanceName = source.Value.InstanceName;
            });
        }

        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<TypedCache>();
        return services;
    }

    /// <summary>The L2 to use: the configured one (which must be available), else Redis when configured, else the
    /// application's PostgreSQL when it has one (<c>AddPostgres</c> ran first, as in the Host), else none.</summary>
    public static CacheL2 ResolveL2(CacheL2? configured, bool redisConfigured, bool postgresRegistered)
    {
        const string setting = CachingOptions.Section + ":" + nameof(CachingOptions.L2);
        return configured switch
        {
            CacheL2.Redis when !redisConfigured => throw new OptionsValidationException(setting, typeof(CachingOptions),
                [$"{setting}: is Redis, but {RedisOptions.Section}:{nameof(RedisOptions.Configuration)} is empty."]),
            CacheL2.Postgres when !postgresRegistered => throw new OptionsValidationException(setting, typeof(CachingOptions),
                [$"{setting}: is Postgres, but this application has no PostgreSQL connection (AddPostgres)."]),
            { } explicitly => explicitly,
            null when redisConfigured => CacheL2.Redis,
            null when postgresRegistered => CacheL2.Postgres,
            null => CacheL2.None,
        };
    }
}
