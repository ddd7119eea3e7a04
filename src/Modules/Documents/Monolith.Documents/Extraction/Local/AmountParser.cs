using System.Globalization;
using System.Text.RegularExpressions;

namespace Monolith.Documents.Extraction.Local;

/// <summary>An amount found in a line of text, with where it was and what was printed around it.</summary>
public sealed record AmountMatch(decimal Value, int Index, int Length, string? Currency, bool HasDecimals, bool IsPercent);

/// <summary>
/// Parses money amounts as people print them: <c>1.234,56</c>, <c>1,234.56</c>, <c>1 234,56</c>, <c>1'234.56</c>,
/// <c>-12.00</c>, <c>(12.00)</c>, <c>12,00 €</c>, <c>EUR 12.00</c>, <c>$12</c>.
/// </summary>
public static partial class AmountParser
{
    /// <summary>
    /// Parses one printed amount. <paramref name="decimalSeparator"/> settles the only real ambiguity — a single
    /// separator followed by exactly three digits (<c>1.234</c>): thousands unless the document is known to use that
    /// separator for decimals.
    /// </summary>
    public static decimal? Parse(string? text, char? decimalSeparator = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        var negative = false;
        if (s.StartsWith('(') && s.EndsWith(')')) { negative = true; s = s[1..^1]; }
        s = CurrencyDetector.StripCurrency(s).Trim();
        if (s.EndsWith("CR", StringComparison.OrdinalIgnoreCase)) { negative = true; s = s[..^2].Trim(); }
        if (s.StartsWith('-') || s.StartsWith('\u2212')) { negative = true; s = s[1..].Trim(); }
        if (s.EndsWith('-')) { negative = true; s = s[..^1].Trim(); }
        s = CurrencyDetector.StripCurrency(s).Trim();
        var digits = Normalize(s, decimalSeparator);
        if (digits is null) return null;
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
        return negative ? -value : value;
    }

    /// <summary>All amounts in a line, left to right; dates, times and percentages are not amounts (percentages are flagged).</summary>
    public static IReadOnlyList<AmountMatch> FindAll(string line, char? decimalSeparator = null)
    {
        var result = new List<AmountMatch>();
        foreach (Match m in AmountPattern().Matches(line))
        {
            var num = m.Groups["num"].Value;
            var value = Parse(num, decimalSeparator);
            if (value is null) continue;
            var negative = m.Groups["neg"].Success || m.Groups["neg2"].Success || (m.Groups["paren"].Success && m.Groups["close"].Success);
            var currency = m.Groups["pre"].Success ? CurrencyDetector.ToIso(m.Groups["pre"].Value.Trim())
                : m.Groups["suf"].Success ? CurrencyDetector.ToIso(m.Groups["suf"].Value.Trim()) : null;
            var hasDecimals = HasDecimalPart(num, decimalSeparator);
            result.Add(new AmountMatch(negative ? -value.Value : value.Value, m.Index, m.Length, currency, hasDecimals, m.Groups["pct"].Success));
        }
        return result;
    }

    /// <summary>Which character a text uses for decimals, judged from amounts with two decimals (<c>9.00</c> vs <c>9,00</c>).</summary>
    public static char? GuessDecimalSeparator(string text)
    {
        var dots = DotDecimals().Count(text);
        var commas = CommaDecimals().Count(text);
        if (dots == 0 && commas == 0) return null;
        return dots >= commas ? '.' : ',';
    }

    private static bool HasDecimalPart(string num, char? decimalSeparator)
    {
        var cleaned = num.Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var last = cleaned.LastIndexOfAny(['.', ',']);
        if (last < 0) return false;
        var tail = cleaned.Length - last - 1;
        if (tail is 1 or 2) return true;
        return tail == 3 && decimalSeparator == cleaned[last] && cleaned.Count(c => c is '.' or ',') == 1;
    }

    private static string? Normalize(string s, char? decimalSeparator)
    {
        s = s.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
             .Replace("\u202F", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
             .Replace("\u2019", "", StringComparison.Ordinal);
        if (s.Length == 0 || !s.All(c => char.IsAsciiDigit(c) || c is '.' or ',')) return null;
        if (!char.IsAsciiDigit(s[0]) && !(s.Length > 1 && char.IsAsciiDigit(s[1]))) return null;
        if (!char.IsAsciiDigit(s[^1])) return null;
        var dots = s.Count(c => c == '.');
        var commas = s.Count(c => c == ',');
        if (dots > 0 && commas > 0)
        {
            var dec = s.LastIndexOf('.') > s.LastIndexOf(',') ? '.' : ',';
            var thousands = dec == '.' ? ',' : '.';
            if (s.Count(c => c == dec) > 1) return null;
            return s.Replace(thousands.ToString(), "", StringComparison.Ordinal).Replace(dec, '.');
        }
        if (dots + commas == 0) return s;
        var sep = dots > 0 ? '.' : ',';
        if (dots + commas > 1) return ValidGroups(s, sep) ? s.Replace(sep.ToString(), "", StringComparison.Ordinal) : null;
        var after = s.Length - s.IndexOf(sep, StringComparison.Ordinal) - 1;
        var isThousands = after == 3 && decimalSeparator != sep && !s.StartsWith("0" + sep, StringComparison.Ordinal);
        return isThousands ? s.Replace(sep.ToString(), "", StringComparison.Ordinal) : s.Replace(sep, '.');
    }

    private static bool ValidGroups(string s, char sep)
    {
        var parts = s.Split(sep);
        return parts[0].Length is >= 1 and <= 3 && parts.Skip(1).All(p => p.Length == 3);
    }

    private const string Cur = @"[€$£¥₹]|US\$|A\$|C\$|HK\$|S\$|R\$|Rs\.?|RM|zł|EUR|USD|GBP|CHF|MYR|INR|JPY|CAD|AUD|PLN|SEK|NOK|DKK|SGD|HKD|BRL|MXN|CZK|HUF|CNY|ZAR|NZD";

    [GeneratedRegex(@"(?<![\w.,/:'-])(?<paren>\()?(?<neg>-|\u2212)?\s?(?:(?<pre>" + Cur + @")\s?)?(?<neg2>-)?(?<num>\d{1,3}(?:[ \u00A0\u202F]\d{3})+,\d{2}|\d{1,3}(?:['\u2019]\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,3})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,3})?|\d+(?:[.,]\d{1,3})?)(?![\d/:]|[.,]\d)(?:\s?(?<suf>" + Cur + @")(?![A-Za-z]))?(?<pct>\s?%)?(?<close>\))?", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\d\.\d{2}(?!\d)")]
    private static partial Regex DotDecimals();

    [GeneratedRegex(@"\d,\d{2}(?!\d)")]
    private static partial Regex CommaDecimals();
}
