using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>The corpus' comparison rules (corpus-web/README.md): how an extracted value is held against the asserted one.</summary>
internal static partial class Comparison
{
    /// <summary>Shortest text that may count by containment (relaxed).</summary>
    private const int MinContainedChars = 3;

    /// <summary>NFKC, HTML entities, curly quotes and dashes, whitespace and case folded away.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decoded = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                _ => c,
            });
        return Spaces().Replace(builder.ToString(), " ").Trim().ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>Text fields: strict = equal after folding; relaxed = also when one contains the other (both at least 3 characters).</summary>
    public static (bool Strict, bool Relaxed) Text(string? got, string want)
    {
        var (a, b) = (Fold(got), Fold(want));
        if (a.Length == 0) return (false, false);
        var strict = a == b;
        return (strict, strict || (a.Length >= MinContainedChars && b.Length >= MinContainedChars && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal))));
    }

    /// <summary>Language tags by their primary subtag (<c>en-US</c> = <c>en</c>).</summary>
    public static (bool Strict, bool Relaxed) Language(string? got, string want)
    {
        static string Primary(string? tag) => (tag ?? "").Trim().Split('-', '_')[0].ToLowerInvariant();
        var same = Primary(got).Length > 0 && Primary(got) == Primary(want);
        return (same, same);
    }

    /// <summary>Logos: strict = same URL; relaxed = same host and path, query ignored.</summary>
    public static (bool Strict, bool Relaxed) Logo(string? got, string want)
    {
        if (got is null || !Uri.TryCreate(got, UriKind.Absolute, out var a) || !Uri.TryCreate(want.Trim(), UriKind.Absolute, out var b)) return (false, false);
        var strict = a.AbsoluteUri == b.AbsoluteUri;
        var relaxed = strict || (string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.AbsolutePath == b.AbsolutePath);
        return (strict, relaxed);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
