using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Wires the cache: HybridCache with in-memory L1 and, when <c>Redis:Configuration</c> is set, Redis as L2
/// (HybridCache uses whatever IDistributedCache is registered), so entries survive restarts and are shared
/// by nodes. Registers <see cref="TypedCache"/> for modules to use.
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

        // Whether an L2 exists must be known while registering, so it is read from configuration here;
        // its values are still bound and validated through RedisOptions.
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
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
}
