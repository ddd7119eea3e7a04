using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Llm;
using Monolith.BuildingBlocks.Tests.Caching;
using Monolith.Testing.OpenAI;
using StackExchange.Redis;

namespace Monolith.BuildingBlocks.Tests.Llm;

/// <summary>With Redis configured, an answer one node paid for is served to another node (or after a restart) without a call.</summary>
public sealed class LlmRedisCacheTests
{
    [Fact]
    public async Task an_answer_survives_a_restart_through_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var stub = await OpenAIChatStub.StartAsync();
        stub.Answers["answer"] = LlmTestHost.Good;
        var instance = $"llm-{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration, ["Redis:InstanceName"] = instance };

        await using (var first = LlmTestHost.Build(stub, settings))
        {
            var paid = await first.GetRequiredService<LlmGateway>().CompleteJsonAsync(LlmTestHost.Request(), CancellationToken.None);
            Assert.False(paid.Usage.CacheHit);

            // HybridCache releases callers before its L2 write finishes; wait for it before "shutting down".
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            var server = connection.GetServer(connection.GetEndPoints().Single());
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!server.Keys(pattern: instance + "llm*").Any())
            {
                Assert.True(DateTime.UtcNow < deadline, "the answer never reached Redis");
                await Task.Delay(20);
            }
        }

        await using var second = LlmTestHost.Build(stub, settings);
        var served = await second.GetRequiredService<LlmGateway>().CompleteJsonAsync(LlmTestHost.Request(), CancellationToken.None);

        Assert.True(served.Usage.CacheHit);
        Assert.Equal(new LlmTestHost.Answer("ok", 3), served.Output);
        Assert.Equal(1, stub.ChatRequestCount);
    }
}
