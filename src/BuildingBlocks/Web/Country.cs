using System.Globalization;

namespace Monolith.BuildingBlocks.Web;

/// <summary>An ISO 3166-1 alpha-2 country and the ISO 4217 currency it uses by default (from the platform's ICU data).</summary>
public sealed record Country(string Code, string Currency)
{
    public static bool TryParse(string? input, out Country? country, out string error)
    {
        country = null;
        error = "";
        if (string.IsNullOrWhiteSpace(input)) { error = "is required"; return false; }
        var code = input.Trim().ToUpperInvariant();
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            error = "must be an ISO 3166-1 alpha-2 code such as DE or US"; return false;
        }
        try
        {
            var region = new RegionInfo(code);
            if (!string.Equals(region.TwoLetterISORegionName, code, StringComparison.Ordinal) || region.ISOCurrencySymbol.Length != 3)
            {
                error = $"'{code}' is not a known ISO 3166-1 alpha-2 country"; return false;
            }
            country = new Country(code, region.ISOCurrencySymbol);
            return true;
        }
        catch (ArgumentException)
        {
            error = $"'{code}' is not a known ISO 3166-1 alpha-2 country"; return false;
        }
    }
}
