using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Monolith.BuildingBlocks.Text;
using Monolith.Companies.Contracts;

namespace Monolith.Prospect.Scoring;

/// <summary>
/// The parameters of cluster fit and revenue opportunity (section <c>Prospect:Scoring</c>), validated at start-up. Every
/// score names the <see cref="Version"/> of the parameters that produced it, so re-scoring with new parameters is auditable.
/// Spend per employee is annual USD per UNSPSC segment (defaults: rough order-of-magnitude planning figures, meant to
/// be replaced with the customer's own numbers); amounts are converted to the country's currency with
/// <see cref="UsdExchangeRates"/> (units of the currency per 1 USD).
/// </summary>
public sealed class ScoringParameters : IValidatableObject
{
    public const string Section = "Prospect:Scoring";

    /// <summary>Weight of the industry match in the fit score.</summary>
    [Range(0.0, 1.0)] public double IndustryWeight { get; set; } = 0.45;

    /// <summary>Weight of the company-size match.</summary>
    [Range(0.0, 1.0)] public double SizeWeight { get; set; } = 0.25;

    /// <summary>Weight of the overlap between what the prospect buys and what the cluster's offerings address.</summary>
    [Range(0.0, 1.0)] public double SpendWeight { get; set; } = 0.30;

    /// <summary>Fit below which no opportunity is counted.</summary>
    [Range(0.0, 1.0)] public double MinimumFit { get; set; } = 0.35;

    /// <summary>Share of the prospect's spend in the addressed categories a supplier can realistically win.</summary>
    [Range(0.0, 1.0)] public double ShareOfWallet { get; set; } = 0.15;

    /// <summary>Annual spend per employee (USD) used for a category missing from <see cref="SpendPerEmployeeUsd"/>.</summary>
    [Range(0.0, 1_000_000.0)] public double DefaultSpendPerEmployeeUsd { get; set; } = 300;

    /// <summary>Annual spend per employee in USD by UNSPSC segment code.</summary>
    public Dictionary<string, double> SpendPerEmployeeUsd { get; set; } = new(StringComparer.Ordinal)
    {
        ["43"] = 2_400, ["44"] = 150, ["80"] = 1_200, ["81"] = 900, ["78"] = 800, ["72"] = 600, ["76"] = 350, ["47"] = 80,
        ["24"] = 250, ["26"] = 300, ["41"] = 500, ["42"] = 700, ["50"] = 250, ["53"] = 120, ["55"] = 60, ["56"] = 200,
        ["60"] = 40, ["82"] = 450, ["83"] = 700, ["84"] = 1_100, ["85"] = 900, ["86"] = 400, ["90"] = 650, ["93"] = 50,
        ["31"] = 1_500, ["23"] = 1_200, ["27"] = 200, ["39"] = 250, ["40"] = 300, ["12"] = 500, ["15"] = 600, ["25"] = 900,
    };

    /// <summary>Multiplier on spend by NAICS sector of the prospect (1 when missing).</summary>
    public Dictionary<string, double> IndustryMultipliers { get; set; } = new(StringComparer.Ordinal)
    {
        ["31-33"] = 1.4, ["48-49"] = 1.3, ["21"] = 1.5, ["22"] = 1.4, ["23"] = 1.2, ["51"] = 1.2, ["52"] = 1.1, ["62"] = 1.1,
        ["44-45"] = 0.9, ["72"] = 0.8, ["81"] = 0.8, ["92"] = 0.9, ["61"] = 0.8,
    };

    /// <summary>Units of a currency per 1 USD. A currency missing here is reported in USD, and the explanation says so.</summary>
    public Dictionary<string, decimal> UsdExchangeRates { get; set; } = new(StringComparer.Ordinal)
    {
        ["USD"] = 1m, ["EUR"] = 0.92m, ["GBP"] = 0.79m, ["CHF"] = 0.88m, ["JPY"] = 150m, ["CAD"] = 1.36m, ["AUD"] = 1.52m,
        ["SEK"] = 10.5m, ["NOK"] = 10.7m, ["DKK"] = 6.9m, ["PLN"] = 4.0m, ["CZK"] = 23m, ["INR"] = 83m, ["BRL"] = 5.0m,
        ["MXN"] = 17m, ["CNY"] = 7.2m, ["SGD"] = 1.35m, ["ZAR"] = 18.5m, ["NZD"] = 1.65m, ["HUF"] = 360m, ["RON"] = 4.6m,
    };

    /// <summary>Name of these parameters in score events: a short hash of their values, so equal parameters share a version.</summary>
    public string Version
    {
        get
        {
            var canonical = JsonSerializer.Serialize(new
            {
                IndustryWeight, SizeWeight, SpendWeight, MinimumFit, ShareOfWallet, DefaultSpendPerEmployeeUsd,
                Spend = SpendPerEmployeeUsd.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
                Industry = IndustryMultipliers.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
                Rates = UsdExchangeRates.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
            });
            return "scoring-" + Hashing.Sha256Hex(canonical)[..12];
        }
    }

    public ScoringParameters Copy() => new()
    {
        IndustryWeight = IndustryWeight, SizeWeight = SizeWeight, SpendWeight = SpendWeight, MinimumFit = MinimumFit,
        ShareOfWallet = ShareOfWallet, DefaultSpendPerEmployeeUsd = DefaultSpendPerEmployeeUsd,
        SpendPerEmployeeUsd = new(SpendPerEmployeeUsd, StringComparer.Ordinal),
        IndustryMultipliers = new(IndustryMultipliers, StringComparer.Ordinal),
        UsdExchangeRates = new(UsdExchangeRates, StringComparer.Ordinal),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IndustryWeight + SizeWeight + SpendWeight <= 0)
            yield return new ValidationResult("IndustryWeight + SizeWeight + SpendWeight must be above 0", [nameof(IndustryWeight)]);
        foreach (var (code, value) in SpendPerEmployeeUsd ?? [])
            if (value is < 0 or > 1_000_000 || double.IsNaN(value))
                yield return new ValidationResult($"entry '{code}' must be between 0 and 1000000, not {value}", [nameof(SpendPerEmployeeUsd)]);
        foreach (var (code, value) in IndustryMultipliers ?? [])
            if (value is < 0 or > 100 || double.IsNaN(value))
                yield return new ValidationResult($"entry '{code}' must be between 0 and 100, not {value}", [nameof(IndustryMultipliers)]);
        foreach (var (code, value) in UsdExchangeRates ?? [])
        {
            if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
                yield return new ValidationResult($"entry '{code}' must be an ISO 4217 code such as EUR", [nameof(UsdExchangeRates)]);
            if (value <= 0)
                yield return new ValidationResult($"entry '{code}' must be above 0, not {value}", [nameof(UsdExchangeRates)]);
        }
    }
}
