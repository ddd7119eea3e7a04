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
    /// A folder of the shared data next to the checkout (<c>../shared</c>, as CI lays it out): corpora that never enter
    /// the repository. A test that needs it fails when it is absent: a skipped measurement reads like a passing one.
    /// </summary>
    public static string RequireShared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([Find(), "..", "shared", .. parts]));
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"shared data missing at {path}: put the shared folder next to the repository (../shared), as CI does");
        return path;
    }
}
