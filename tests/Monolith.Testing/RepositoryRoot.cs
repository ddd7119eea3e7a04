namespace Monolith.Testing;

/// <summary>The checkout (the folder holding <c>Monolith.sln</c>), found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Monolith.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("Monolith.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// A folder of the shared data next to the checkout (<c>../shared</c>, as the development machines lay it out):
    /// corpora that never enter the repository. Null when it is not there (a clone elsewhere).
    /// </summary>
    public static string? Shared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([Find(), "..", "shared", .. parts]));
        return Directory.Exists(path) ? path : null;
    }
}
