using System.Globalization;
using System.Text;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>Keyword counting on lower-cased text: a keyword counts where a word starts (German compounds still match their first part).</summary>
public static class TextMatching
{
    public static string Lower(string text) => text.ToLowerInvariant();

    /// <summary>Occurrences of <paramref name="keyword"/> starting a word; keywords of up to four letters must also end one.</summary>
    public static int Count(string lowerText, string keyword)
    {
        var count = 0;
        for (var index = lowerText.IndexOf(keyword, StringComparison.Ordinal); index >= 0; index = lowerText.IndexOf(keyword, index + keyword.Length, StringComparison.Ordinal))
        {
            if (index > 0 && char.IsLetterOrDigit(lowerText[index - 1])) continue;
            var end = index + keyword.Length;
            if (keyword.Length <= 4 && end < lowerText.Length && char.IsLetterOrDigit(lowerText[end])) continue;
            count++;
        }
        return count;
    }

    public static bool Contains(string lowerText, string keyword) => Count(lowerText, keyword) > 0;

    /// <summary>A URL-safe slug: lower case ASCII letters, digits and dashes.</summary>
    public static string Slug(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
