namespace Monolith.ArchitectureTests;

/// <summary>Synthetic graphs: proves the rules catch each kind of breach, so a green real-graph check means something.</summary>
public class BoundaryRulesTests
{
    private static IReadOnlyList<string> Judge(params (string From, string To)[] references) => BoundaryRules.Violations(references);

    [Fact]
    public void a_module_referencing_another_modules_implementation_is_a_violation()
    {
        var violation = Assert.Single(Judge(("Monolith.Analytics", "Monolith.Supplier")));
        Assert.Equal(
            "Monolith.Analytics references Monolith.Supplier (another module's internals); reference Monolith.Supplier.Contracts instead",
            violation);
    }

    [Fact]
    public void building_blocks_referencing_a_module_is_a_violation()
    {
        var violation = Assert.Single(Judge(("Monolith.BuildingBlocks", "Monolith.Prospect")));
        Assert.StartsWith("Monolith.BuildingBlocks references Monolith.Prospect;", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void building_blocks_referencing_a_modules_contracts_is_a_violation()
    {
        var violation = Assert.Single(Judge(("Monolith.BuildingBlocks", "Monolith.Documents.Contracts")));
        Assert.StartsWith("Monolith.BuildingBlocks references Monolith.Documents.Contracts;", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void contracts_referencing_building_blocks_is_a_violation()
    {
        var violation = Assert.Single(Judge(("Monolith.Supplier.Contracts", "Monolith.BuildingBlocks")));
        Assert.StartsWith("Monolith.Supplier.Contracts references Monolith.BuildingBlocks;", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void contracts_referencing_another_modules_contracts_is_a_violation() =>
        Assert.Single(Judge(("Monolith.Analytics.Contracts", "Monolith.Supplier.Contracts")));

    [Fact]
    public void a_module_referencing_the_host_is_a_violation() =>
        Assert.Single(Judge(("Monolith.Supplier", "Monolith.Host")));

    [Fact]
    public void a_module_referencing_another_modules_contracts_is_allowed() =>
        Assert.Empty(Judge(("Monolith.Analytics", "Monolith.Supplier.Contracts")));

    [Fact]
    public void a_module_referencing_its_own_contracts_and_building_blocks_is_allowed() =>
        Assert.Empty(Judge(("Monolith.Supplier", "Monolith.Supplier.Contracts"), ("Monolith.Supplier", "Monolith.BuildingBlocks")));

    [Theory]
    [InlineData("Monolith.BuildingBlocks")]
    [InlineData("Monolith.Supplier")]
    [InlineData("Monolith.Supplier.Contracts")]
    [InlineData("Microsoft.AspNetCore")]
    public void the_host_may_reference_anything(string target) => Assert.Empty(Judge(("Monolith.Host", target)));

    [Fact]
    public void framework_packages_and_test_projects_are_out_of_scope() =>
        Assert.Empty(Judge(
            ("Monolith.Supplier.Contracts", "System.Runtime"),
            ("Monolith.BuildingBlocks", "Marten"),
            ("Monolith.Supplier.Tests", "Monolith.Analytics"),
            ("Monolith.Testing", "Monolith.Host"),
            ("Monolith.ArchitectureTests", "Monolith.Supplier")));

    [Fact]
    public void an_unrecognised_project_shape_is_flagged_rather_than_silently_allowed()
    {
        var violation = Assert.Single(Judge(("Monolith.Analytics", "Monolith.Supplier.Domain")));
        Assert.Contains("Monolith.Supplier.Domain is not a recognised project shape", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void every_breach_in_a_graph_is_reported_once()
    {
        var violations = Judge(
            ("Monolith.Analytics", "Monolith.Supplier"),
            ("Monolith.Analytics", "Monolith.Supplier"),
            ("Monolith.Analytics", "Monolith.Supplier.Contracts"),
            ("Monolith.BuildingBlocks", "Monolith.Host"));
        Assert.Equal(2, violations.Count);
    }
}
