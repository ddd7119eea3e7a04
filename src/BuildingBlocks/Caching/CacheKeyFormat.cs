using System.Security.Cryptography;
using System.Text;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Turns a namespace and key parts into one unambiguous, bounded key string. Parts are percent-escaped
/// (':' separates parts, '#' marks a hashed key, '*' is HybridCache's wildcard tag, control characters and
/// lone surrogates would make HybridCache bypass the cache), so ("a:b","c") and ("a","b:c") differ.
/// </summary>
public static class CacheKeyFormat
{
    /// <summary>Smallest allowed maximum: room for a namespace prefix, ":#" and a SHA-256 in hex.</summary>
    public const int MinimumLength = 128;
    private const int HashedSuffixLength = 2 + 64;

    public static string Escape(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        StringBuilder? escaped = null;
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            var pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < part.Length && char.IsLowSurrogate(part[i + 1]);
            if (pairedSurrogate)
            {
                escaped?.Append(c).Append(part[i + 1]);
                i++;
                continue;
            }
            var mustEscape = c is '%' or ':' or '#' or '*' || char.IsControl(c) || char.IsSurrogate(c);
            if (!mustEscape)
            {
                escaped?.Append(c);
                continue;
            }
            escaped ??= new StringBuilder(part.Length + 8).Append(part, 0, i);
            escaped.Append(c <= 0xFF ? $"%{(int)c:X2}" : $"%u{(int)c:X4}");
        }
        return escaped?.ToString() ?? part;
    }

    /// <summary>"ns:part1:part2" with every segment escaped.</summary>
    public static string Join(string @namespace, ReadOnlySpan<string> parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        var builder = new StringBuilder(Escape(@namespace));
        foreach (var part in parts) builder.Append(':').Append(Escape(part));
        return builder.ToString();
    }

    /// <summary>The key itself when it fits, else "{namespace prefix}:#{sha256 of the whole key}".</summary>
    public static string Bound(string key, string escapedNamespace, int maximumLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumLength, MinimumLength);
        if (key.Length <= maximumLength) return key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var prefix = escapedNamespace.Length > maximumLength - HashedSuffixLength
            ? escapedNamespace[..(maximumLength - HashedSuffixLength)]
            : escapedNamespace;
        return $"{prefix}:#{hash}";
    }
}
