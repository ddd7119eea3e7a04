namespace Monolith.ArchitectureTests;

/// <summary>The boundary rules against the real solution, read twice: as declared in csproj files and as compiled.</summary>
public class RealGraphTests
{
    /// <summary>Every project the rules must see; asserting on them stops a broken discovery from passing by finding nothing.</summary>
    private static readonly string[] ExpectedProjects =
    [
        "Monolith.BuildingBlocks",
        "Monolith.Host",
        .. new[] { "Companies", "Supplier", "Prospect", "Documents", "Analytics" }
            .SelectMany(module => new[] { $"Monolith.{module}", $"Monolith.{module}.Contracts" }),
        // Publishes no contract of its own: it only listens to the others'.
        "Monolith.Webhooks",
    ];

    private static ReferenceGraph ProjectFiles() => ReferenceGraph.FromProjectFiles(ReferenceGraph.FindRepoRoot());

    private static ReferenceGraph CompiledAssemblies() => ReferenceGraph.FromCompiledAssemblies(AppContext.BaseDirectory);

    [Fact]
    public void csproj_graph_finds_every_project() => AssertFindsEverything(ProjectFiles());

    [Fact]
    public void csproj_graph_respects_module_boundaries() => AssertNoViolations(ProjectFiles());

    [Fact]
    public void compiled_assembly_graph_finds_every_assembly() => AssertFindsEverything(CompiledAssemblies());

    [Fact]
    public void compiled_assembly_graph_respects_module_boundaries() => AssertNoViolations(CompiledAssemblies());

    private static void AssertFindsEverything(ReferenceGraph graph)
    {
        var missing = ExpectedProjects.Except(graph.Nodes, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Not discovered: {string.Join(", ", missing)}");
        Assert.NotEmpty(graph.Edges);
    }

    private static void AssertNoViolations(ReferenceGraph graph)
    {
        var violations = BoundaryRules.Violations(graph.Edges);
        Assert.True(violations.Count == 0,
            $"{violations.Count} module boundary violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}
