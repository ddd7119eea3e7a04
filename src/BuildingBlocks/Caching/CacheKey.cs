namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// A typed cache key: the value type travels with the key so a key cannot be read as the wrong type.
/// <see cref="Namespace"/> groups keys (it is the invalidation tag); <see cref="Profile"/> names the TTL
/// profile under <c>Caching:Profiles</c> (unset = a profile named like the namespace, if configured, else
/// the defaults). Example: <c>new CacheKey&lt;Page&gt;("pages", tenant, slug) { Profile = "Pages" }</c>.
/// </summary>
public readonly record struct CacheKey<T>
{
    public CacheKey(string @namespace, params ReadOnlySpan<string> parts)
    {
        Value = CacheKeyFormat.Join(@namespace, parts);
        Namespace = @namespace;
    }

    public string Namespace { get; }

    /// <summary>Explicit TTL profile; must exist in configuration when set.</summary>
    public string? Profile { get; init; }

    /// <summary>The escaped, unbounded key ("ns:part1:part2").</summary>
    public string Value { get; }

    /// <summary>The key as stored: <see cref="Value"/>, hashed when longer than <paramref name="maximumLength"/>.</summary>
    public string ToString(int maximumLength) =>
        CacheKeyFormat.Bound(Value ?? throw new InvalidOperationException("default(CacheKey<T>) is not a key"),
            CacheKeyFormat.Escape(Namespace), maximumLength);

    public override string ToString() => Value;
}
