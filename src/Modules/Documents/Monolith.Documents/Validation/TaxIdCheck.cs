using System.Text.RegularExpressions;
using Monolith.Documents.Extraction.Local;

namespace Monolith.Documents.Validation;

/// <summary>
/// What a tax identifier's own structure says about it. <see cref="ChecksumVerified"/> is false where the scheme has no
/// public check digit (Malaysian SST, TIN and company numbers, French alphabetic keys, UK government departments): those are
/// checked for format only.
/// </summary>
public sealed record TaxIdVerdict(string Normalised, string Scheme, bool Valid, bool ChecksumVerified, string Message);

/// <summary>
/// Check digits of tax identifiers: EU VAT numbers (DE, AT, FR, IT, ES, NL old and new, BE; others by format via
/// <see cref="TaxIdParser"/>), UK VAT (mod 97 and mod 9755), the Australian ABN (mod 89) and the Malaysian SST,
/// TIN and company registration formats (no public check digit). Pure functions.
/// </summary>
public static partial class TaxIdCheck
{
    /// <summary>The verdict on one identifier, or null when it is in no scheme we know (a local tax number, say).</summary>
    /// <param name="currency">A hint for identifiers written without a country prefix: AUD suggests an ABN, MYR a Malaysian number.</param>
    public static TaxIdVerdict? Check(string? value, string? currency = null)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var upper = value.Trim().ToUpperInvariant();
        var compact = Separators().Replace(upper, "");

        if (compact.Length > 2 && compact[..2] is var prefix && char.IsAsciiLetter(prefix[0]) && char.IsAsciiLetter(prefix[1])
            && TaxIdParser.Parse(upper) is { } vat && vat.Value == compact)
            return Vat(vat.Country, compact[2..], compact);

        if (AbnShape().IsMatch(upper) || (currency == "AUD" && compact.Length == 11 && compact.All(char.IsAsciiDigit)))
            return Abn(compact);
        if (currency == "MYR" || MalaysianShape().IsMatch(upper))
            return Malaysian(upper, compact);
        return null;
    }

    private static TaxIdVerdict Vat(string country, string body, string normalised)
    {
        bool? verified = country switch
        {
            "DE" => Mod11_10(body),
            "AT" => Austria(body),
            "FR" => France(body),
            "IT" => Luhn(body),
            "ES" => Spain(body),
            "NL" => Netherlands(body, normalised),
            "BE" => Belgium(body),
            "GB" or "XI" => UnitedKingdom(body),
            _ => null,
        };
        var scheme = country + " VAT";
        return verified switch
        {
            true => new(normalised, scheme, true, true, $"{normalised}: {scheme} check digits valid"),
            false => new(normalised, scheme, false, true, $"{normalised}: {scheme} check digits do not match"),
            null => new(normalised, scheme, true, false, $"{normalised}: {scheme} format valid (check digit not verified)"),
        };
    }

    /// <summary>Germany: ISO 7064 MOD 11,10 over the first eight digits.</summary>
    internal static bool Mod11_10(string digits)
    {
        var product = 10;
        foreach (var c in digits[..^1])
        {
            var sum = (c - '0' + product) % 10;
            product = 2 * (sum == 0 ? 10 : sum) % 11;
        }
        return (11 - product) % 10 == digits[^1] - '0';
    }

    /// <summary>Austria: U + 8 digits, a Luhn variant with the constant 4.</summary>
    private static bool Austria(string body)
    {
        var d = body[1..];
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            var v = d[i] - '0';
            if (i % 2 == 1) { v *= 2; v = v / 10 + v % 10; }
            sum += v;
        }
        return (10 - (sum + 4) % 10) % 10 == d[7] - '0';
    }

    /// <summary>France: a numeric key is (12 + 3 × (SIREN mod 97)) mod 97; alphabetic keys (new numbers) have no public formula.</summary>
    private static bool? France(string body)
    {
        var siren = body[2..];
        if (!body[..2].All(char.IsAsciiDigit))
            return null;
        return (12 + 3 * (int)(long.Parse(siren, System.Globalization.CultureInfo.InvariantCulture) % 97)) % 97 == int.Parse(body[..2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Luhn (Italy's partita IVA, the French SIREN).</summary>
    internal static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var v = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { v *= 2; if (v > 9) v -= 9; }
            sum += v;
        }
        return sum % 10 == 0;
    }

    /// <summary>Spain: DNI/NIE letter (mod 23) for persons, CIF control digit or letter for companies.</summary>
    private static bool Spain(string body)
    {
        const string dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
        var first = body[0];
        if (char.IsAsciiDigit(first) || first is 'X' or 'Y' or 'Z')
        {
            var number = (first switch { 'X' => "0", 'Y' => "1", 'Z' => "2", _ => first.ToString() }) + body[1..8];
            return number.All(char.IsAsciiDigit) && dniLetters[int.Parse(number, System.Globalization.CultureInfo.InvariantCulture) % 23] == body[8];
        }
        var digits = body[1..8];
        if (!digits.All(char.IsAsciiDigit))
            return false;
        if (first is 'K' or 'L' or 'M')
            return dniLetters[int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 23] == body[8];
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            var v = digits[i] - '0';
            if (i % 2 == 0) { v *= 2; v = v / 10 + v % 10; }
            sum += v;
        }
        var control = (10 - sum % 10) % 10;
        var letter = "JABCDEFGHI"[control];
        return first switch
        {
            'P' or 'Q' or 'R' or 'S' or 'N' or 'W' => body[8] == letter,
            'A' or 'B' or 'E' or 'H' => body[8] == (char)('0' + control),
            _ => body[8] == letter || body[8] == (char)('0' + control),
        };
    }

    /// <summary>
    /// Netherlands: the old BTW number (9 digits, B, 2 digits) is an eleven-test on the first nine digits; the number
    /// given to sole traders since 2020 is ISO 7064 mod 97 over the whole identifier, letters as numbers. Either passes.
    /// </summary>
    private static bool Netherlands(string body, string normalised)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (body[i] - '0') * (9 - i);
        var elevenTest = (sum - (body[8] - '0')) % 11 == 0;
        return elevenTest || Mod97(normalised) == 1;
    }

    /// <summary>Belgium: the last two digits are 97 − (the first eight mod 97).</summary>
    private static bool Belgium(string body) =>
        97 - int.Parse(body[..8], System.Globalization.CultureInfo.InvariantCulture) % 97 == int.Parse(body[8..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>UK: weights 8…2 on the first seven digits plus the two check digits, ≡ 0 mod 97 (old) or with 55 added (mod 9755).</summary>
    private static bool? UnitedKingdom(string body)
    {
        if (body.StartsWith("GD", StringComparison.Ordinal) || body.StartsWith("HA", StringComparison.Ordinal))
            return null; // government departments and health authorities: three digits, no check digit
        var sum = 0;
        for (var i = 0; i < 7; i++)
            sum += (body[i] - '0') * (8 - i);
        sum += int.Parse(body[7..9], System.Globalization.CultureInfo.InvariantCulture);
        return sum % 97 == 0 || (sum + 55) % 97 == 0;
    }

    /// <summary>Australian Business Number: subtract 1 from the first digit, weights 10,1,3,…,19, sum ≡ 0 mod 89.</summary>
    private static TaxIdVerdict Abn(string compact)
    {
        int[] weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
        var sum = 0;
        for (var i = 0; i < 11; i++)
            sum += ((compact[i] - '0') - (i == 0 ? 1 : 0)) * weights[i];
        var valid = sum % 89 == 0;
        return new(compact, "AU ABN", valid, true, valid ? $"{compact}: ABN check digits valid" : $"{compact}: ABN check digits do not match (mod 89)");
    }

    /// <summary>
    /// Malaysia publishes no check digit for any of these, so only the format is checked: SST registration
    /// (<c>W10-1808-32000080</c>), the 12-digit SSM company number since 2019 (year, entity type 01–06, serial),
    /// the older company number with its suffix letter (<c>123456-A</c>), LHDN income-tax numbers (<c>C2584563202</c>)
    /// and the former 12-digit GST number.
    /// </summary>
    private static TaxIdVerdict? Malaysian(string upper, string compact)
    {
        string? scheme = SstNumber().IsMatch(upper) ? "MY SST"
            : SsmNumber().IsMatch(compact) ? "MY company registration (SSM)"
            : OldCompanyNumber().IsMatch(upper.Replace(" ", "", StringComparison.Ordinal)) ? "MY company registration (old)"
            : IncomeTaxNumber().IsMatch(compact) ? "MY income tax (TIN)"
            : compact.Length == 12 && compact.All(char.IsAsciiDigit) ? "MY GST (former)"
            : null;
        return scheme is null
            ? new(compact, "MY", false, false, $"{upper}: not a Malaysian SST, TIN or company registration number")
            : new(compact, scheme, true, false, $"{upper}: {scheme} format valid (no public check digit)");
    }

    /// <summary>ISO 7064 mod 97 of an identifier with letters as 10…35 (IBAN, new Dutch VAT numbers).</summary>
    internal static int Mod97(string alphanumeric)
    {
        var remainder = 0;
        foreach (var c in alphanumeric)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0) return -1;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }

    [GeneratedRegex(@"[\s.\-/]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:ABN\s*:?\s*)?\d{2}\s\d{3}\s\d{3}\s\d{3}$")]
    private static partial Regex AbnShape();

    [GeneratedRegex(@"^[A-Z]\d{2}-\d{4}-\d{8}$")]
    private static partial Regex SstNumber();

    [GeneratedRegex(@"^(?:19[5-9]\d|20\d{2})0[1-6]\d{6}$")]
    private static partial Regex SsmNumber();

    [GeneratedRegex(@"^\d{1,7}-?[A-Z]$")]
    private static partial Regex OldCompanyNumber();

    [GeneratedRegex(@"^(?:SG|OG|IG|C|CS|D|E|F|FA|PT|TA|TC|TN|TR|TP|J|LE)\d{8,11}$")]
    private static partial Regex IncomeTaxNumber();

    [GeneratedRegex(@"^[A-Z]\d{2}-\d{4}-\d{8}$|^(?:19[5-9]\d|20\d{2})0[1-6]\d{6}$|^\d{1,7}-[A-Z]$")]
    private static partial Regex MalaysianShape();
}
