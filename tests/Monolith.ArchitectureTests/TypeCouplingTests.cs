using Monolith.Supplier;

namespace Monolith.ArchitectureTests;

/// <summary>No module's types may appear in the signatures of another module's (or BuildingBlocks') types.</summary>
public class TypeCouplingTests
{
    /// <summary>Stands in for an Analytics type that leaks Supplier internals through its signatures.</summary>
    public sealed class LeakyAnalyticsType
    {
        public SupplierAnalysis? Latest { get; set; }

        public IReadOnlyList<SupplierAnalysisFinished> History { get; } = [];
    }

    [Fact]
    public void real_assemblies_use_no_other_modules_internal_types()
    {
        var inspected = 0;
        var violations = new List<string>();
        foreach (var assembly in ReferenceGraph.OurAssemblies(AppContext.BaseDirectory))
        {
            var kind = ProjectKind.Of(assembly.GetName().Name!);
            // The Host composes modules, so it is the one place allowed to touch their implementation types.
            if (kind.Role is not (ProjectRole.Module or ProjectRole.Contracts or ProjectRole.BuildingBlocks))
                continue;
            foreach (var type in assembly.GetExportedTypes())
            {
                inspected++;
                violations.AddRange(TypeCoupling.ForeignModuleTypesUsedBy(type, kind.Module));
            }
        }

        Assert.True(inspected > 0, "No public types were inspected; the check would pass vacuously.");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void a_type_from_another_modules_implementation_in_a_signature_is_caught()
    {
        var violations = TypeCoupling.ForeignModuleTypesUsedBy(typeof(LeakyAnalyticsType), ownerModule: "Analytics").ToList();

        Assert.Contains(violations, v => v.Contains("uses Monolith.Supplier.SupplierAnalysis from Monolith.Supplier", StringComparison.Ordinal));
        // Found inside a generic argument too, not only as a direct member type.
        Assert.Contains(violations, v => v.Contains("uses Monolith.Supplier.SupplierAnalysisFinished", StringComparison.Ordinal));
    }

    [Fact]
    public void a_module_using_its_own_types_is_allowed() =>
        Assert.Empty(TypeCoupling.ForeignModuleTypesUsedBy(typeof(LeakyAnalyticsType), ownerModule: "Supplier"));
}
