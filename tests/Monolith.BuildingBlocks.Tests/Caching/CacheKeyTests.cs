using Monolith.BuildingBlocks.Caching;

namespace Monolith.BuildingBlocks.Tests.Caching;

/// <summary>Key strings must be stable, unambiguous and never longer than the configured maximum.</summary>
public class CacheKeyTests
{
    [Fact]
    public void key_string_is_namespace_and_parts_joined_by_colons()
    {
        Assert.Equal("pages:tenant-1:home", new CacheKey<string>("pages", "tenant-1", "home").ToString(1024));
        Assert.Equal("pages", new CacheKey<string>("pages").ToString(1024));
    }

    [Fact]
    public void separators_inside_parts_are_escaped_so_different_parts_never_collide()
    {
        var a = new CacheKey<string>("ns", "a:b", "c");
        var b = new CacheKey<string>("ns", "a", "b:c");
        var c = new CacheKey<string>("ns", "a%3Ab", "c");
        Assert.NotEqual(a.Value, b.Value);
        Assert.NotEqual(a.Value, c.Value);
        Assert.Equal("ns:a%3Ab:c", a.Value);
        Assert.Equal("ns:a%253Ab:c", c.Value);
        Assert.NotEqual(new CacheKey<string>("ns", "").Value, new CacheKey<string>("ns").Value);
    }

    [Fact]
    public void characters_hybrid_cache_rejects_are_escaped()
    {
        var key = new CacheKey<string>("n*s", "line\nbreak", "#tag", "lone\uD800surrogate", "emoji😀").Value;
        Assert.DoesNotContain(key, c => char.IsControl(c) || c is '*' or '#');
        Assert.Equal("n%2As:line%0Abreak:%23tag:lone%uD800surrogate:emoji😀", key);
    }

    [Fact]
    public void equal_inputs_give_equal_keys_and_the_profile_is_part_of_identity()
    {
        Assert.Equal(new CacheKey<int>("ns", "1"), new CacheKey<int>("ns", "1"));
        Assert.NotEqual(new CacheKey<int>("ns", "1"), new CacheKey<int>("ns", "1") { Profile = "Pages" });
    }

    [Theory]
    [InlineData(128)]
    [InlineData(200)]
    public void long_keys_are_hashed_to_fit_the_maximum_length(int maximum)
    {
        var part = new string('x', 500);
        var key = new CacheKey<string>("pages", part).ToString(maximum);
        Assert.True(key.Length <= maximum, $"{key.Length} > {maximum}");
        Assert.StartsWith("pages:#", key, StringComparison.Ordinal);
        Assert.Matches("^pages:#[0-9a-f]{64}$", key);
        Assert.Equal(key, new CacheKey<string>("pages", part).ToString(maximum));
        Assert.NotEqual(key, new CacheKey<string>("pages", part + "y").ToString(maximum));
    }

    [Fact]
    public void a_long_namespace_is_truncated_in_the_hashed_form()
    {
        var key = new CacheKey<string>(new string('n', 300), "1").ToString(128);
        Assert.Equal(128, key.Length);
        Assert.Contains(":#", key, StringComparison.Ordinal);
    }

    [Fact]
    public void a_literal_part_cannot_imitate_a_hashed_key()
    {
        var hashed = new CacheKey<string>("ns", new string('x', 500)).ToString(128);
        var imitation = new CacheKey<string>("ns", hashed[3..]).ToString(128);
        Assert.NotEqual(hashed, imitation);
    }

    [Fact]
    public void maximum_lengths_below_the_hash_room_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CacheKey<string>("ns", "1").ToString(CacheKeyFormat.MinimumLength - 1));
    }
}
