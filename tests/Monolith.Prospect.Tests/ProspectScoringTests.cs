using Monolith.BuildingBlocks.Options;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Features;
using Monolith.Prospect.Scoring;

namespace Monolith.Prospect.Tests;

public class ProspectScoringTests
{
    private static readonly IndustryCode Manufacturing = new("31-33", "Manufacturing");
    private static readonly IndustryCode Wholesale = new("42", "Wholesale Trade");
    private static readonly IndustryCode Health = new("62", "Health Care and Social Assistance");

    private static readonly CustomerCluster Factories = new("mid-size-manufacturers", "Mid-size manufacturers", [Manufacturing],
        [CompanySizeBand.Medium, CompanySizeBand.Large], ["COO"], ["downtime"], ["43", "81"], "test");
    private static readonly CustomerCluster Clinics = new("clinics", "Clinics", [Health], [CompanySizeBand.Small], ["Practice manager"], ["no-shows"], ["43", "85"], "test");

    private static EmployeeEstimate Employees(int low, int estimate, int high) => new(Low: low, High: high, Estimate: estimate, Confidence: 0.8, Method: "schema.org", Evidence: []);

    private static readonly SpendCategory[] Buys = [new("43", "IT", 0.9, []), new("81", "Engineering services", 0.6, []), new("78", "Transport", 0.5, [])];

    [Fact]
    public void the_matching_cluster_ranks_first_with_reasons()
    {
        var fits = ProspectScoring.Fit(Manufacturing, Employees(100, 120, 150), Buys, [Clinics, Factories], new ScoringParameters());

        Assert.Equal("mid-size-manufacturers", fits[0].ClusterId);
        Assert.Equal(1.0, fits[0].Industry);
        Assert.Equal(1.0, fits[0].Size);
        Assert.Equal(0.75, fits[0].Spend, 3);    // (0.9 + 0.6) / min(3, 2)= 0.75
        Assert.Equal(Math.Round((0.45 + 0.25 + 0.30 * 0.75) / 1.0, 4), fits[0].Score);
        Assert.Contains(fits[0].Reasons, r => r.Contains("31-33", StringComparison.Ordinal));
        Assert.True(fits[1].Score < fits[0].Score);
        Assert.All(fits, f => Assert.InRange(f.Score, 0, 1));
    }

    [Fact]
    public void same_naics_group_and_adjacent_size_give_partial_credit()
    {
        var fit = Assert.Single(ProspectScoring.Fit(Wholesale, Employees(300, 400, 500), [], [Clinics with { Industries = [new("44-45", "Retail")], SizeBands = [CompanySizeBand.Medium] }], new ScoringParameters()));
        Assert.Equal(0.4, fit.Industry);
        Assert.Equal(0.5, fit.Size);
        Assert.Equal(0.0, fit.Spend);
    }

    [Fact]
    public void the_opportunity_explains_its_arithmetic_in_the_countrys_currency()
    {
        var parameters = new ScoringParameters();
        var employees = Employees(100, 120, 150);
        var fits = ProspectScoring.Fit(Manufacturing, employees, Buys, [Factories], parameters);
        var o = ProspectScoring.Opportunity(fits[0], Factories, Manufacturing, employees, Buys, "EUR", parameters);

        Assert.Equal("EUR", o.Currency);
        Assert.Equal(2, o.Lines.Count);       // 43 and 81; 78 is not addressed by the cluster
        var it = o.Lines.Single(l => l.Category == "43");
        var expected = Math.Round(120m * (decimal)(2400 * 1.4 * 0.9 * 0.15 * fits[0].Score) * 0.92m, 0, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, it.Expected);
        Assert.Equal(o.Lines.Sum(l => l.Expected), o.Expected);
        Assert.True(o.Low < o.Expected && o.Expected < o.High);
        Assert.Contains("share of wallet", o.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void a_poor_fit_or_missing_rate_is_explained_not_hidden()
    {
        var parameters = new ScoringParameters();
        var poor = new ClusterFit("clinics", "Clinics", 0.1, 0, 0, 0.3, []);
        var none = ProspectScoring.Opportunity(poor, Clinics, Manufacturing, Employees(1, 2, 3), Buys, "EUR", parameters);
        Assert.Equal(0, none.Expected);
        Assert.Contains(none.Notes, n => n.Contains("below the minimum", StringComparison.Ordinal));

        var fits = ProspectScoring.Fit(Manufacturing, Employees(100, 120, 150), Buys, [Factories], parameters);
        var usd = ProspectScoring.Opportunity(fits[0], Factories, Manufacturing, Employees(100, 120, 150), Buys, "XOF", parameters);
        Assert.Equal("USD", usd.Currency);
        Assert.Contains(usd.Notes, n => n.Contains("no exchange rate for XOF", StringComparison.Ordinal));
    }

    [Fact]
    public void eight_digit_and_two_digit_unspsc_segment_codes_match()
    {
        var llmCluster = Factories with { SpendCategories = ["43000000", "81000000"] };
        var fit = Assert.Single(ProspectScoring.Fit(Manufacturing, Employees(100, 120, 150), Buys, [llmCluster], new ScoringParameters()));
        Assert.Equal(0.75, fit.Spend, 3);
        var o = ProspectScoring.Opportunity(fit, llmCluster, Manufacturing, Employees(100, 120, 150), Buys, "USD", new ScoringParameters());
        Assert.Equal(2_400, o.Lines.Single(l => l.Category == "43").SpendPerEmployeeUsd);
    }

    [Fact]
    public void equal_parameters_share_a_version_and_any_change_makes_a_new_one()
    {
        Assert.Equal(new ScoringParameters().Version, new ScoringParameters().Version);
        Assert.NotEqual(new ScoringParameters().Version, new ScoringParameters { ShareOfWallet = 0.2 }.Version);
        var changedTable = new ScoringParameters();
        changedTable.SpendPerEmployeeUsd["43"] = 1;
        Assert.NotEqual(new ScoringParameters().Version, changedTable.Version);
    }

    [Fact]
    public void rescore_overrides_merge_and_errors_name_the_parameter()
    {
        var (merged, ok) = RescoreDecider.Parameters(new ScoringParameters(), new ScoringOverrides(null, null, null, null, 0.3, null,
            new() { ["43"] = 5000 }, null, new() { ["XOF"] = 600m }));
        Assert.Empty(ok);
        Assert.Equal(0.3, merged.ShareOfWallet);
        Assert.Equal(5000, merged.SpendPerEmployeeUsd["43"]);
        Assert.Equal(1_200, merged.SpendPerEmployeeUsd["80"]);
        Assert.Equal(600m, merged.UsdExchangeRates["XOF"]);

        var (_, range) = RescoreDecider.Parameters(new ScoringParameters(), new ScoringOverrides(null, null, null, null, 7, null, null, null, null));
        Assert.Contains("parameters.shareOfWallet", range.Keys);
        var (_, table) = RescoreDecider.Parameters(new ScoringParameters(), new ScoringOverrides(null, null, null, null, null, null, null, null, new() { ["eur"] = -1m }));
        Assert.Contains("entry 'eur' must be an ISO 4217 code", Assert.Single(table["parameters.usdExchangeRates"], e => e.Contains("ISO", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void configured_parameters_are_validated_by_setting_name()
    {
        var bad = new ScoringParameters { IndustryWeight = 0, SizeWeight = 0, SpendWeight = 0 };
        Assert.Contains(OptionsRegistration.Validate(bad, ScoringParameters.Section), e => e.StartsWith("Prospect:Scoring:IndustryWeight", StringComparison.Ordinal));
    }
}
