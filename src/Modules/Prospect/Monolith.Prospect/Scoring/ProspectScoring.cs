using System.Globalization;
using Monolith.Companies.Contracts;

namespace Monolith.Prospect.Scoring;

/// <summary>How well the prospect fits one supplier cluster (0..1), its parts, and the reasons in words.</summary>
public sealed record ClusterFit(string ClusterId, string ClusterName, double Score, double Industry, double Size, double Spend, IReadOnlyList<string> Reasons);

/// <summary>One line of the opportunity arithmetic: a spend category the best cluster addresses.</summary>
public sealed record OpportunityLine(string Category, string Label, double Likelihood, double SpendPerEmployeeUsd, decimal Low, decimal Expected, decimal High);

/// <summary>
/// Annual addressable spend in <see cref="Currency"/> (low, expected, high), the cluster it is for, and the arithmetic:
/// <see cref="Formula"/> and one <see cref="Lines"/> entry per category, and <see cref="Notes"/> (assumptions, fallbacks).
/// </summary>
public sealed record RevenueOpportunity(
    string Currency, decimal Low, decimal Expected, decimal High, string? ClusterId, double Fit,
    string Formula, IReadOnlyList<OpportunityLine> Lines, IReadOnlyList<string> Notes);

/// <summary>
/// The pure scoring of a prospect against a supplier's clusters — from recorded step outputs only (profile industry,
/// employee estimate, spend categories, the clusters), so re-scoring needs no page fetch and no LLM call.
/// </summary>
public static class ProspectScoring
{
    private static readonly CompanySizeBand[] Bands = Enum.GetValues<CompanySizeBand>();

    /// <summary>Every cluster's fit, best first (ties by cluster id, so the order is deterministic).</summary>
    public static IReadOnlyList<ClusterFit> Fit(IndustryCode? industry, EmployeeEstimate? employees, IReadOnlyList<SpendCategory> categories,
        IReadOnlyList<CustomerCluster> clusters, ScoringParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(parameters);
        var weights = parameters.IndustryWeight + parameters.SizeWeight + parameters.SpendWeight;
        return clusters.Select(cluster =>
        {
            var reasons = new List<string>();
            var i = IndustryMatch(industry, cluster, reasons);
            var s = SizeMatch(employees, cluster, reasons);
            var c = SpendMatch(categories, cluster, reasons);
            var score = Math.Round((parameters.IndustryWeight * i + parameters.SizeWeight * s + parameters.SpendWeight * c) / weights, 4);
            return new ClusterFit(cluster.Id, cluster.Name, score, i, s, c, reasons);
        }).OrderByDescending(f => f.Score).ThenBy(f => f.ClusterId, StringComparer.Ordinal).ToList();
    }

    private static double IndustryMatch(IndustryCode? industry, CustomerCluster cluster, List<string> reasons)
    {
        if (industry is null) { reasons.Add("industry unknown: counted as a neutral 0.3"); return 0.3; }
        if (cluster.Industries.Count == 0) { reasons.Add("the cluster names no industry: 0.5"); return 0.5; }
        if (cluster.Industries.Any(x => x.Code == industry.Code)) { reasons.Add($"industry {industry.Code} {industry.Label} is a target industry of the cluster"); return 1.0; }
        if (cluster.Industries.Any(x => x.Code[0] == industry.Code[0]))
        {
            reasons.Add($"industry {industry.Code} {industry.Label} is in the same NAICS group as the cluster's ({string.Join(", ", cluster.Industries.Select(x => x.Code))}): 0.4");
            return 0.4;
        }
        reasons.Add($"industry {industry.Code} {industry.Label} is not among the cluster's ({string.Join(", ", cluster.Industries.Select(x => x.Code))})");
        return 0.0;
    }

    private static double SizeMatch(EmployeeEstimate? employees, CustomerCluster cluster, List<string> reasons)
    {
        if (employees is null) { reasons.Add("size unknown: counted as a neutral 0.5"); return 0.5; }
        if (cluster.SizeBands.Count == 0) { reasons.Add("the cluster names no size band: 0.7"); return 0.7; }
        var band = employees.Band;
        if (cluster.SizeBands.Contains(band)) { reasons.Add($"about {employees.Estimate} employees ({band}) is a target size"); return 1.0; }
        var distance = cluster.SizeBands.Min(b => Math.Abs(Array.IndexOf(Bands, b) - Array.IndexOf(Bands, band)));
        if (distance == 1) { reasons.Add($"about {employees.Estimate} employees ({band}) is next to a target size ({string.Join(", ", cluster.SizeBands)}): 0.5"); return 0.5; }
        reasons.Add($"about {employees.Estimate} employees ({band}) is far from the target sizes ({string.Join(", ", cluster.SizeBands)})");
        return 0.0;
    }

    private static double SpendMatch(IReadOnlyList<SpendCategory> categories, CustomerCluster cluster, List<string> reasons)
    {
        if (cluster.SpendCategories.Count == 0) { reasons.Add("the cluster addresses no spend category: 0"); return 0.0; }
        var addressed = cluster.SpendCategories.Select(Segment).ToHashSet(StringComparer.Ordinal);
        var matched = categories.Where(c => addressed.Contains(Segment(c.Code))).ToList();
        var score = Math.Min(1.0, matched.Sum(c => c.Likelihood) / Math.Min(3, cluster.SpendCategories.Count));
        reasons.Add(matched.Count == 0
            ? "buys none of the categories the cluster's offerings address"
            : $"likely buys {string.Join(", ", matched.Select(c => $"{c.Code} {c.Label} ({c.Likelihood:0.00})"))}: {score:0.00}");
        return score;
    }

    /// <summary>The opportunity with the best-fitting cluster, in <paramref name="currency"/> when a rate is configured.</summary>
    public static RevenueOpportunity Opportunity(ClusterFit? best, CustomerCluster? cluster, IndustryCode? industry, EmployeeEstimate? employees,
        IReadOnlyList<SpendCategory> categories, string currency, ScoringParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(parameters);
        var notes = new List<string>();
        var rate = 1m;
        var shownCurrency = currency;
        if (!parameters.UsdExchangeRates.TryGetValue(currency, out rate))
        {
            rate = 1m;
            shownCurrency = "USD";
            notes.Add($"no exchange rate for {currency} is configured (Prospect:Scoring:UsdExchangeRates): amounts are in USD");
        }
        const string formula = "employees × spend per employee (USD, by category) × industry multiplier × likelihood × share of wallet × fit × exchange rate";
        if (best is null || cluster is null || employees is null)
        {
            notes.Add(best is null ? "no supplier cluster to score against" : "no employee estimate: the opportunity cannot be sized");
            return new RevenueOpportunity(shownCurrency, 0, 0, 0, best?.ClusterId, best?.Score ?? 0, formula, [], notes);
        }
        if (best.Score < parameters.MinimumFit)
        {
            notes.Add($"best fit {best.Score:0.00} ({cluster.Name}) is below the minimum {parameters.MinimumFit:0.00}: no opportunity counted");
            return new RevenueOpportunity(shownCurrency, 0, 0, 0, best.ClusterId, best.Score, formula, [], notes);
        }
        var multiplier = industry is not null && parameters.IndustryMultipliers.TryGetValue(industry.Code, out var m) ? m : 1.0;
        notes.Add($"industry multiplier {multiplier:0.##} ({(industry is null ? "industry unknown" : industry.Code)}), share of wallet {parameters.ShareOfWallet:0.##}, fit {best.Score:0.00}, rate {rate.ToString(CultureInfo.InvariantCulture)} {shownCurrency}/USD");
        var lines = new List<OpportunityLine>();
        var addressed = cluster.SpendCategories.Select(Segment).ToHashSet(StringComparer.Ordinal);
        foreach (var category in categories.Where(c => addressed.Contains(Segment(c.Code))).OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            var perEmployee = parameters.SpendPerEmployeeUsd.TryGetValue(Segment(category.Code), out var p) ? p : parameters.DefaultSpendPerEmployeeUsd;
            var factor = (decimal)(perEmployee * multiplier * category.Likelihood * parameters.ShareOfWallet * best.Score) * rate;
            lines.Add(new OpportunityLine(category.Code, category.Label, category.Likelihood, perEmployee,
                Round(employees.Low * factor), Round(employees.Estimate * factor), Round(employees.High * factor)));
        }
        if (lines.Count == 0) notes.Add("the prospect buys none of the categories the cluster addresses");
        return new RevenueOpportunity(shownCurrency, lines.Sum(l => l.Low), lines.Sum(l => l.Expected), lines.Sum(l => l.High),
            best.ClusterId, best.Score, formula, lines, notes);
    }

    /// <summary>The UNSPSC segment of a code: its first two digits ("43" and "43000000" are both segment 43).</summary>
    public static string Segment(string code) =>
        code is { Length: >= 2 } && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) ? code[..2] : code ?? "";

    private static decimal Round(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);
}
