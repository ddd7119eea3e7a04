using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Caching;
using StackExchange.Redis;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>
/// With Redis configured, a value written by one container is read by a new container (a restart, or
/// another node) without running the factory. Starts a real redis-server.
/// </summary>
public class RedisL2Tests
{
    public sealed record Product(string Name, decimal Price);

    [Fact]
    public async Task a_value_survives_a_restart_through_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var instance = $"test-{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration, ["Redis:InstanceName"] = instance };
        var key = new CacheKey<Product>("catalog", "sku-42");
        var stored = new Product("Widget", 9.5m);

        await using (var first = CacheTestHost.Build(settings))
        {
            var value = await first.GetRequiredService<TypedCache>().GetOrCreateAsync(key, _ => new(stored), CancellationToken.None);
            Assert.Equal(stored, value);

            // HybridCache releases callers before its L2 write finishes; wait for it before "shutting down".
            var l2 = first.GetRequiredService<IDistributedCache>();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await l2.GetAsync(key.ToString(1024)) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the value never reached Redis");
                await Task.Delay(20);
            }
        }

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            var server = connection.GetServer(connection.GetEndPoints().Single());
            Assert.Contains(server.Keys(pattern: instance + "*"), k => k == instance + key.ToString(1024));
        }

        await using var second = CacheTestHost.Build(settings);
        var factoryCalls = 0;
        var read = await second.GetRequiredService<TypedCache>().GetOrCreateAsync(key, _ =>
        {
            Interlocked.Increment(ref factoryCalls);
            return new(new Product("recomputed", 0m));
        }, CancellationToken.None);

        Assert.Equal(0, factoryCalls);
        Assert.Equal(stored, read);
    }
}
