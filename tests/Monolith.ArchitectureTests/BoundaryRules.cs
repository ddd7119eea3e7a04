namespace Monolith.ArchitectureTests;

/// <summary>
/// The module boundary rules as a pure function over a reference graph, so the same rules judge the csproj graph,
/// the compiled assembly graph and synthetic graphs in tests.
/// </summary>
internal static class BoundaryRules
{
    public static IReadOnlyList<string> Violations(IEnumerable<(string From, string To)> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return references
            .Select(r => Judge(ProjectKind.Of(r.From), ProjectKind.Of(r.To)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <returns>A human-readable violation, or null when the reference is allowed.</returns>
    private static string? Judge(ProjectKind from, ProjectKind to)
    {
        // Tests and third-party code are out of scope; the Host composes everything, so it may reference anything.
        if (from.Role is ProjectRole.External or ProjectRole.Test or ProjectRole.Host
            || to.Role is ProjectRole.External or ProjectRole.Test)
            return null;

        if (from.Role is ProjectRole.Unrecognised)
            return Unrecognised(from);
        if (to.Role is ProjectRole.Unrecognised)
            return Unrecognised(to);

        return from.Role switch
        {
            ProjectRole.Contracts =>
                $"{from.Name} references {to.Name}; contracts must reference nothing of ours so any module can consume them",
            ProjectRole.BuildingBlocks =>
                $"{from.Name} references {to.Name}; shared plumbing must not depend on any module, its contracts or the host",
            ProjectRole.Module => JudgeModule(from, to),
            _ => null,
        };
    }

    private static string? JudgeModule(ProjectKind from, ProjectKind to) => to.Role switch
    {
        ProjectRole.BuildingBlocks or ProjectRole.Contracts => null,
        ProjectRole.Module when to.Module == from.Module => null,
        ProjectRole.Module =>
            $"{from.Name} references {to.Name} (another module's internals); reference {to.ContractsName} instead",
        ProjectRole.Host => $"{from.Name} references {to.Name}; modules must not depend on the host that composes them",
        _ => null,
    };

    private static string Unrecognised(ProjectKind kind) =>
        $"{kind.Name} is not a recognised project shape (Monolith.BuildingBlocks, Monolith.Host, Monolith.{{Module}}, "
        + "Monolith.{Module}.Contracts); extend BoundaryRules before adding it";
}
