using System.Text.RegularExpressions;

namespace Monolith.Documents.Validation;

/// <summary>IBAN check (ISO 13616): country code, the country's registered length, and mod 97 = 1. Pure.</summary>
public static partial class Iban
{
    /// <summary>Lengths from the SWIFT IBAN registry.</summary>
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28,
        ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22,
        ["RU"] = 33, ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    };

    /// <summary>Null when valid, else why not. Spaces are ignored and letters may be lower case, as printed IBANs are.</summary>
    public static string? Problem(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var compact = string.Concat(iban.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length < 5 || !char.IsAsciiLetter(compact[0]) || !char.IsAsciiLetter(compact[1]) || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
            return $"{compact} does not start with a country code and two check digits";
        if (!compact.All(char.IsAsciiLetterOrDigit))
            return $"{compact} contains characters other than letters and digits";
        if (!Lengths.TryGetValue(compact[..2], out var length))
            return $"{compact[..2]} is not a country with IBANs";
        if (compact.Length != length)
            return $"{compact} has {compact.Length} characters; {compact[..2]} IBANs have {length}";
        return TaxIdCheck.Mod97(compact[4..] + compact[..4]) == 1 ? null : $"{compact} fails the ISO 13616 mod-97 check";
    }

    public static bool IsValid(string iban) => Problem(iban) is null;

    [GeneratedRegex(@"\bIBAN\b[\s:.#-]*(?<iban>[A-Z]{2}[ ]?\d{2}(?:[ ]?[A-Z0-9]){8,32})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    /// <summary>
    /// The IBANs a document prints after an "IBAN" label, compacted and cut to their country's registered length (the
    /// match may run on into "BIC …"); one shorter than its country's length is kept as read, so the check reports it.
    /// </summary>
    public static IReadOnlyList<string> FindInText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var found = new List<string>();
        foreach (Match m in Labelled().Matches(text))
        {
            var compact = string.Concat(m.Groups["iban"].Value.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
            if (!Lengths.TryGetValue(compact[..2], out var length)) continue;
            var iban = compact.Length > length ? compact[..length] : compact;
            if (!found.Contains(iban)) found.Add(iban);
        }
        return found;
    }
}
