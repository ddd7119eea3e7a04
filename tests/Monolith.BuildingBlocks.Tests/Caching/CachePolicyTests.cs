using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>The profile → HybridCacheEntryOptions rule, without a cache or clock.</summary>
public class CachePolicyTests
{
    private static CachingOptions Options() => new()
    {
        DefaultTtlMinutes = 5,
        LocalTtlMinutes = 3,
        Profiles =
        {
            ["Pages"] = new() { TtlMinutes = 30, LocalTtlMinutes = 2 },
            ["Short"] = new() { TtlMinutes = 1 },
            ["prices"] = new() { TtlMinutes = 60 },
        },
    };

    [Fact]
    public void an_explicit_profile_sets_both_lifetimes()
    {
        var (profile, entry) = CachePolicy.Resolve(Options(), "Pages", "pages");
        Assert.Equal("Pages", profile);
        Assert.Equal(TimeSpan.FromMinutes(30), entry.Expiration);
        Assert.Equal(TimeSpan.FromMinutes(2), entry.LocalCacheExpiration);
    }

    [Fact]
    public void without_a_local_ttl_the_profile_uses_the_global_one_capped_by_its_ttl()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), CachePolicy.Resolve(Options(), "Short", "x").Entry.LocalCacheExpiration);
        Assert.Equal(TimeSpan.FromMinutes(3), CachePolicy.Resolve(Options(), null, "prices").Entry.LocalCacheExpiration);
    }

    [Fact]
    public void without_a_distributed_l2_the_local_copy_lives_the_whole_ttl()
    {
        // No Redis: the in-process copy is the only one; a 1-minute local lifetime would make a 24 h crawl cache a 1-minute one.
        Assert.Equal(TimeSpan.FromMinutes(60), CachePolicy.Resolve(Options(), null, "prices", localOnly: true).Entry.LocalCacheExpiration);
        Assert.Equal(TimeSpan.FromMinutes(1), CachePolicy.Resolve(Options(), "Short", "x", localOnly: true).Entry.LocalCacheExpiration);
        // A profile's own local lifetime, and keys without a profile, keep their configured values.
        Assert.Equal(TimeSpan.FromMinutes(2), CachePolicy.Resolve(Options(), "Pages", "pages", localOnly: true).Entry.LocalCacheExpiration);
        Assert.Equal(TimeSpan.FromMinutes(3), CachePolicy.Resolve(Options(), null, "other", localOnly: true).Entry.LocalCacheExpiration);
    }

    [Fact]
    public void a_profile_named_like_the_namespace_applies_implicitly_otherwise_the_defaults()
    {
        Assert.Equal(TimeSpan.FromMinutes(60), CachePolicy.Resolve(Options(), null, "Prices").Entry.Expiration);
        var (profile, entry) = CachePolicy.Resolve(Options(), null, "other");
        Assert.Equal(CachePolicy.DefaultProfile, profile);
        Assert.Equal(TimeSpan.FromMinutes(5), entry.Expiration);
        Assert.Equal(TimeSpan.FromMinutes(3), entry.LocalCacheExpiration);
    }

    [Fact]
    public void an_explicit_unknown_profile_is_an_error_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CachePolicy.Resolve(Options(), "Typo", "pages"));
        Assert.Contains("Caching:Profiles:Typo:TtlMinutes", error.Message, StringComparison.Ordinal);
    }
}
