using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>Binding and start-up validation of the Caching and Redis sections.</summary>
public class CachingOptionsTests
{
    private static string SingleFailure<T>(Dictionary<string, string?> settings) where T : class
    {
        using var provider = CacheTestHost.Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<T>>().Value);
        return Assert.Single(error.Failures);
    }

    [Fact]
    public void profiles_bind_from_configuration()
    {
        using var provider = CacheTestHost.Build(new()
        {
            ["Caching:DefaultTtlMinutes"] = "10",
            ["Caching:Profiles:Pages:TtlMinutes"] = "30",
            ["Caching:Profiles:Pages:LocalTtlMinutes"] = "2",
        });
        var options = provider.GetRequiredService<IOptions<CachingOptions>>().Value;
        Assert.Equal(10, options.DefaultTtlMinutes);
        Assert.Equal(30, options.Profiles["pages"].TtlMinutes);
        Assert.Equal(2, options.Profiles["Pages"].LocalTtlMinutes);
        Assert.Equal("monolith:", provider.GetRequiredService<IOptions<RedisOptions>>().Value.InstanceName);
    }

    [Fact]
    public void an_out_of_range_profile_ttl_names_the_full_setting_path()
    {
        var failure = SingleFailure<CachingOptions>(new() { ["Caching:Profiles:Pages:TtlMinutes"] = "0" });
        Assert.StartsWith("Caching:Profiles:Pages:TtlMinutes:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void a_profile_without_ttl_is_rejected()
    {
        var failure = SingleFailure<CachingOptions>(new() { ["Caching:Profiles:Pages:LocalTtlMinutes"] = "1" });
        Assert.StartsWith("Caching:Profiles:Pages:TtlMinutes:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void a_local_ttl_longer_than_the_ttl_is_rejected()
    {
        var failure = SingleFailure<CachingOptions>(new()
        {
            ["Caching:Profiles:Pages:TtlMinutes"] = "5",
            ["Caching:Profiles:Pages:LocalTtlMinutes"] = "10",
        });
        Assert.StartsWith("Caching:Profiles:Pages:LocalTtlMinutes:", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Caching:MaximumKeyLength", "64")]
    [InlineData("Caching:MaximumPayloadBytes", "10")]
    [InlineData("Caching:DefaultTtlMinutes", "0")]
    public void top_level_limits_are_validated(string setting, string value)
    {
        Assert.StartsWith(setting + ":", SingleFailure<CachingOptions>(new() { [setting] = value }), StringComparison.Ordinal);
    }

    [Fact]
    public void an_unparseable_redis_configuration_names_the_setting()
    {
        var failure = SingleFailure<RedisOptions>(new() { ["Redis:Configuration"] = "localhost,noSuchOption=1" });
        Assert.StartsWith("Redis:Configuration:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void redis_is_the_l2_only_when_configured()
    {
        using (var withoutRedis = CacheTestHost.Build())
            Assert.Null(withoutRedis.GetService<IDistributedCache>());

        using var withRedis = CacheTestHost.Build(new() { ["Redis:Configuration"] = "127.0.0.1:1,abortConnect=false", ["Redis:InstanceName"] = "app1:" });
        Assert.IsAssignableFrom<RedisCache>(withRedis.GetRequiredService<IDistributedCache>());
        var redis = withRedis.GetRequiredService<IOptions<RedisCacheOptions>>().Value;
        Assert.Equal("127.0.0.1:1,abortConnect=false", redis.Configuration);
        Assert.Equal("app1:", redis.InstanceName);
    }
}
