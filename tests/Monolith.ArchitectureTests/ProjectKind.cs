namespace Monolith.ArchitectureTests;

/// <summary>What role a project/assembly plays in the monolith, derived from its name alone.</summary>
internal enum ProjectRole
{
    /// <summary>Not ours (framework, NuGet package): never constrained.</summary>
    External,
    /// <summary>A test project: out of scope of the boundary rules.</summary>
    Test,
    BuildingBlocks,
    Host,
    /// <summary>A module's implementation, <c>Monolith.{Module}</c>.</summary>
    Module,
    /// <summary>A module's integration contracts, <c>Monolith.{Module}.Contracts</c>.</summary>
    Contracts,
    /// <summary>Starts with <c>Monolith.</c> but fits no known shape, so the rules cannot vouch for it.</summary>
    Unrecognised,
}

/// <summary>A project name with its role and, for modules and contracts, the owning module.</summary>
internal sealed record ProjectKind(string Name, ProjectRole Role, string? Module)
{
    private const string Prefix = "Monolith.";
    private const string ContractsSuffix = ".Contracts";

    public static ProjectKind Of(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            return new(name, ProjectRole.External, null);
        // Covers Monolith.{X}.Tests and Monolith.ArchitectureTests alike.
        if (name.EndsWith("Tests", StringComparison.Ordinal) || name == "Monolith.Testing")
            return new(name, ProjectRole.Test, null);
        if (name == "Monolith.BuildingBlocks")
            return new(name, ProjectRole.BuildingBlocks, null);
        if (name == "Monolith.Host")
            return new(name, ProjectRole.Host, null);

        var rest = name[Prefix.Length..];
        if (rest.EndsWith(ContractsSuffix, StringComparison.Ordinal))
        {
            var module = rest[..^ContractsSuffix.Length];
            return IsModuleName(module) ? new(name, ProjectRole.Contracts, module) : new(name, ProjectRole.Unrecognised, null);
        }
        return IsModuleName(rest) ? new(name, ProjectRole.Module, rest) : new(name, ProjectRole.Unrecognised, null);
    }

    /// <summary>Module names are a single segment; "Supplier.Domain" would be a new kind of project the rules do not know.</summary>
    private static bool IsModuleName(string candidate) => candidate.Length > 0 && !candidate.Contains('.', StringComparison.Ordinal);

    public string ContractsName => $"{Prefix}{Module}{ContractsSuffix}";
}
