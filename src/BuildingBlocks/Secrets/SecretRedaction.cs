using System.Text.RegularExpressions;

namespace Monolith.BuildingBlocks.Secrets;

/// <summary>
/// Removes secret values from text that leaves the process (start-up failure lines, exception messages): connection-string
/// and header style <c>password=…</c>, <c>api-key: …</c>, <c>Bearer …</c> tokens and OpenAI-style <c>sk-…</c> keys. The
/// name stays, the value becomes <c>***</c>, so the message still says which setting is involved.
/// </summary>
public static partial class SecretRedaction
{
    public const string Mask = "***";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        text = NamedSecret().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        return OpenAIKey().Replace(text, "sk-" + Mask);
    }

    /// <summary>Whether a setting (last segment of its configuration path) holds a secret: *Key, *Password*, *Secret*, *Token*, connection strings.</summary>
    public static bool IsSecretSetting(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)) return true;
        var name = path[(path.LastIndexOf(':') + 1)..];
        return name.EndsWith("Key", StringComparison.OrdinalIgnoreCase)
               || name.Contains("Password", StringComparison.OrdinalIgnoreCase)
               || name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
               || name.Contains("Token", StringComparison.OrdinalIgnoreCase)
               || name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase);
    }

    // Not after ':' — "Llm:ApiKey: is required" names a setting (a configuration path), it does not carry a value.
    [GeneratedRegex(@"(?<![:])(?<name>\b(?:password|pwd|passwd|secret|client[-_ ]?secret|token|access[-_ ]?token|api[-_ ]?key|subscription[-_ ]?key|ocp-apim-subscription-key)\b)(?<sep>\s*[=:]\s*)(?:""[^""]*""|'[^']*'|[^;,\s&""']+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedSecret();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_-]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAIKey();
}
