using System.Text.RegularExpressions;

namespace Monolith.Documents.Extraction.Local;

/// <summary>A tax identifier, normalised (no spaces, dots or dashes except in an EIN), with its country and kind.</summary>
public sealed record TaxId(string Value, string Country, string Kind, int Index);

/// <summary>EU VAT identification numbers (country prefix + national format), UK VAT numbers and US EINs.</summary>
public static partial class TaxIdParser
{
    private static readonly Dictionary<string, Regex> VatFormats = new(StringComparer.Ordinal)
    {
        ["AT"] = Fmt(@"U\d{8}"), ["BE"] = Fmt(@"[01]\d{9}"), ["BG"] = Fmt(@"\d{9,10}"), ["CY"] = Fmt(@"\d{8}[A-Z]"),
        ["CZ"] = Fmt(@"\d{8,10}"), ["DE"] = Fmt(@"\d{9}"), ["DK"] = Fmt(@"\d{8}"), ["EE"] = Fmt(@"\d{9}"),
        ["EL"] = Fmt(@"\d{9}"), ["GR"] = Fmt(@"\d{9}"), ["ES"] = Fmt(@"[A-Z0-9]\d{7}[A-Z0-9]"), ["FI"] = Fmt(@"\d{8}"),
        ["FR"] = Fmt(@"[A-HJ-NP-Z0-9]{2}\d{9}"), ["HR"] = Fmt(@"\d{11}"), ["HU"] = Fmt(@"\d{8}"),
        ["IE"] = Fmt(@"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]"), ["IT"] = Fmt(@"\d{11}"), ["LT"] = Fmt(@"\d{9}|\d{12}"),
        ["LU"] = Fmt(@"\d{8}"), ["LV"] = Fmt(@"\d{11}"), ["MT"] = Fmt(@"\d{8}"), ["NL"] = Fmt(@"\d{9}B\d{2}"),
        ["PL"] = Fmt(@"\d{10}"), ["PT"] = Fmt(@"\d{9}"), ["RO"] = Fmt(@"\d{2,10}"), ["SE"] = Fmt(@"\d{10}01"),
        ["SI"] = Fmt(@"\d{8}"), ["SK"] = Fmt(@"\d{10}"), ["GB"] = Fmt(@"\d{9}|\d{12}|GD\d{3}|HA\d{3}"), ["XI"] = Fmt(@"\d{9}|\d{12}"),
    };

    /// <summary>Validates and normalises one identifier (<c>DE 123 456 789</c> → <c>DE123456789</c>).</summary>
    public static TaxId? Parse(string text)
    {
        var found = FindAll(text);
        return found.Count > 0 ? found[0] : null;
    }

    public static IReadOnlyList<TaxId> FindAll(string text)
    {
        var result = new List<TaxId>();
        foreach (Match m in VatCandidate().Matches(text))
        {
            var country = m.Groups["cc"].Value;
            var body = Compact().Replace(m.Groups["body"].Value, "");
            if (!VatFormats.TryGetValue(country, out var format)) continue;
            // The candidate may run into the next word; take the longest prefix that is a valid number.
            for (var len = body.Length; len >= 2; len--)
            {
                if (!format.IsMatch(body[..len])) continue;
                if (len < body.Length && char.IsAsciiDigit(body[len]) && char.IsAsciiDigit(body[len - 1])) break;
                result.Add(new TaxId(country + body[..len], country, "VAT", m.Index));
                break;
            }
        }
        foreach (Match m in Ein().Matches(text))
            result.Add(new TaxId(m.Groups["ein"].Value, "US", "EIN", m.Index));
        result.Sort((a, b) => a.Index.CompareTo(b.Index));
        return result;
    }

    private static Regex Fmt(string body) => new("^(?:" + body + ")$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<cc>AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|GB|XI)[\s.\-]?(?<body>[A-Z0-9+*](?:[\s.\-]?[A-Z0-9+*]){1,14})", RegexOptions.CultureInvariant)]
    private static partial Regex VatCandidate();

    [GeneratedRegex(@"[\s.\-]")]
    private static partial Regex Compact();

    [GeneratedRegex(@"(?<![\d-])(?<ein>\d{2}-\d{7})(?![\d-])")]
    private static partial Regex Ein();
}
