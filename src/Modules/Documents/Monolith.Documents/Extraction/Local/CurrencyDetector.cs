using System.Text.RegularExpressions;

namespace Monolith.Documents.Extraction.Local;

/// <summary>Currency symbols and ISO codes as printed, mapped to ISO 4217.</summary>
public static partial class CurrencyDetector
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["€"] = "EUR", ["£"] = "GBP", ["$"] = "USD", ["US$"] = "USD", ["A$"] = "AUD", ["C$"] = "CAD", ["HK$"] = "HKD",
        ["S$"] = "SGD", ["R$"] = "BRL", ["¥"] = "JPY", ["₹"] = "INR", ["Rs"] = "INR", ["Rs."] = "INR", ["RM"] = "MYR",
        ["zł"] = "PLN", ["₽"] = "RUB", ["₩"] = "KRW", ["Fr."] = "CHF", ["€uro"] = "EUR", ["Euro"] = "EUR", ["EURO"] = "EUR",
    };

    private static readonly HashSet<string> IsoCodes = new(StringComparer.Ordinal)
    {
        "EUR", "USD", "GBP", "CHF", "MYR", "INR", "JPY", "CAD", "AUD", "PLN", "SEK", "NOK", "DKK", "SGD", "HKD", "BRL",
        "MXN", "CZK", "HUF", "CNY", "ZAR", "NZD", "RUB", "KRW", "TRY", "RON", "BGN", "AED", "SAR", "THB", "IDR", "PHP",
        "ARS", "CLP", "COP", "PEN", "ILS",
    };

    /// <summary>ISO 4217 code for a printed symbol or code, or null when it is not one.</summary>
    public static string? ToIso(string printed)
    {
        var p = printed.Trim();
        if (IsoCodes.Contains(p.ToUpperInvariant()) && p.Length == 3) return p.ToUpperInvariant();
        return Symbols.TryGetValue(p, out var iso) ? iso : null;
    }

    /// <summary>The document's currency: ISO codes count double, symbols once, next to amounts more than alone.</summary>
    public static string? Detect(string text)
    {
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in CodePattern().Matches(text))
        {
            var iso = ToIso(m.Value);
            if (iso is null) continue;
            // "RM" and "Rs" are common letter pairs; trust them only next to a number.
            var isLetters = m.Value is "RM" or "Rs" or "Rs." or "Euro" or "EURO";
            var nearNumber = NearNumber(text, m.Index, m.Length);
            if (isLetters && !nearNumber && !HeaderCurrency(text, m.Index, m.Length)) continue;
            var weight = (m.Value.Length == 3 && IsoCodes.Contains(m.Value) ? 2.0 : 1.0) * (nearNumber ? 1.5 : 1.0);
            votes[iso] = votes.GetValueOrDefault(iso) + weight;
        }
        return votes.Count == 0 ? null : votes.OrderByDescending(v => v.Value).First().Key;
    }

    /// <summary>Removes a leading or trailing currency symbol/code from a printed amount.</summary>
    public static string StripCurrency(string s)
    {
        var m = EdgeCurrency().Match(s);
        return m.Success ? m.Groups["rest"].Value : s;
    }

    private static bool NearNumber(string text, int index, int length)
    {
        var before = index > 0 ? text[Math.Max(0, index - 2)..index] : "";
        var afterEnd = Math.Min(text.Length, index + length + 2);
        var after = text[(index + length)..afterEnd];
        return before.Any(char.IsAsciiDigit) || after.Any(char.IsAsciiDigit);
    }

    // "(RM)" or "RM" alone on a column-header line, as receipts print it.
    private static bool HeaderCurrency(string text, int index, int length)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var lineEnd = text.IndexOf('\n', index + length);
        if (lineEnd < 0) lineEnd = text.Length;
        var line = text[lineStart..lineEnd].Trim().Trim('(', ')', ':', ' ');
        return line.Length <= 3 || text.AsSpan(Math.Max(0, index - 1), 1).SequenceEqual("(");
    }

    [GeneratedRegex(@"US\$|A\$|C\$|HK\$|S\$|R\$|[€£$¥₹₽₩]|(?<![A-Za-z])(?:Rs\.?|RM|zł|Euro|EURO|[A-Z]{3})(?![A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\s*(?:US\$|A\$|C\$|HK\$|S\$|R\$|[€£$¥₹₽₩]|Rs\.?|RM|zł|[A-Z]{3}(?=[\s\d-]))?\s*(?<rest>.*?)\s*(?:[€£$¥₹₽₩]|zł|RM|[A-Z]{3})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EdgeCurrency();
}
