using System.Security.Cryptography;
using System.Text;

namespace Monolith.Webhooks;

/// <summary>
/// The <c>X-Monolith-Signature</c> header: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes,
/// keyed with the subscription's secret (its UTF-8 bytes). Receivers compute the same and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Monolith-Signature";
    public const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
        var given = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>A new secret: 32 random bytes, shown to the customer once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
