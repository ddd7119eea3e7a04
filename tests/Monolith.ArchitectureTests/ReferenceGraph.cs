using System.Reflection;
using System.Xml.Linq;

namespace Monolith.ArchitectureTests;

/// <summary>The projects (or assemblies) found and who references whom.</summary>
internal sealed record ReferenceGraph(IReadOnlyList<string> Nodes, IReadOnlyList<(string From, string To)> Edges)
{
    /// <summary>Every csproj under <c>src/</c> and its <c>&lt;ProjectReference&gt;</c> items: the graph as declared.</summary>
    public static ReferenceGraph FromProjectFiles(string repoRoot)
    {
        var projects = Directory.GetFiles(Path.Combine(repoRoot, "src"), "*.csproj", SearchOption.AllDirectories);
        var edges = projects.SelectMany(ProjectReferencesOf).ToList();
        return new(projects.Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList(), edges);
    }

    /// <summary>
    /// Our compiled assemblies in the test output folder and their metadata references: the graph as built.
    /// A reference the compiler dropped because no type of it is used does not show up here, which is why the
    /// csproj graph is checked as well.
    /// </summary>
    public static ReferenceGraph FromCompiledAssemblies(string outputFolder)
    {
        var assemblies = OurAssemblies(outputFolder);
        var edges = assemblies
            .SelectMany(a => a.GetReferencedAssemblies().Select(r => (From: a.GetName().Name!, To: r.Name!)))
            .ToList();
        return new(assemblies.Select(a => a.GetName().Name!).ToList(), edges);
    }

    /// <summary>Our non-test assemblies, loaded into the default context so their dependencies resolve through deps.json.</summary>
    public static IReadOnlyList<Assembly> OurAssemblies(string outputFolder) =>
        Directory.GetFiles(outputFolder, "Monolith.*.dll")
            .Select(path => AssemblyName.GetAssemblyName(path))
            .Where(name => ProjectKind.Of(name.Name!).Role is not (ProjectRole.Test or ProjectRole.External))
            .Select(Assembly.Load)
            .ToList();

    /// <summary>Walks up from the test binaries to the folder holding <c>Monolith.sln</c>.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monolith.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Monolith.sln not found above {AppContext.BaseDirectory}");
    }

    private static IEnumerable<(string From, string To)> ProjectReferencesOf(string projectPath)
    {
        var from = Path.GetFileNameWithoutExtension(projectPath);
        var folder = Path.GetDirectoryName(projectPath)!;
        return XDocument.Load(projectPath)
            .Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            // MSBuild accepts either separator; normalise so Path understands the Include on every OS.
            .Select(include => Path.GetFullPath(Path.Combine(folder, include.Replace('\\', '/'))))
            .Select(target => (from, Path.GetFileNameWithoutExtension(target)));
    }
}
