namespace Monolith.BuildingBlocks.Postgres;

/// <summary>Finds the PostgreSQL server programs: the configured folder, then PATH, then the usual install folders.</summary>
public static class PostgresBinaries
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public const string NotFoundMessage =
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or under /usr/lib/postgresql/*/bin, " +
        "/usr/pgsql-*/bin, /usr/local/pgsql/bin or /opt/homebrew/opt/postgresql*/bin. Install them " +
        "(Debian/Ubuntu: 'apt-get install postgresql'; Fedora: 'dnf install postgresql-server'; macOS: 'brew install postgresql'), " +
        "or set EmbeddedPostgres:BinDirectory to their folder, or set ConnectionStrings:Postgres to use an existing server.";

    public static string Locate(string? configured, string? pathVariable = null, IEnumerable<string>? extraRoots = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (HasAll(configured)) return Path.GetFullPath(configured);
            throw new EmbeddedPostgresException(
                $"EmbeddedPostgres:BinDirectory is '{configured}', but it does not contain {string.Join(", ", Required)}. " +
                "Point it at the PostgreSQL server's bin folder, or set ConnectionStrings:Postgres to use an existing server.");
        }

        foreach (var candidate in Candidates(pathVariable ?? Environment.GetEnvironmentVariable("PATH"), extraRoots))
        {
            if (HasAll(candidate)) return candidate;
        }

        throw new EmbeddedPostgresException(NotFoundMessage);
    }

    internal static IEnumerable<string> Candidates(string? pathVariable, IEnumerable<string>? extraRoots)
    {
        foreach (var dir in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;

        var patterns = new List<(string Root, string Pattern, string Suffix)>
        {
            ("/usr/lib/postgresql", "*", "bin"),
            ("/usr", "pgsql-*", "bin"),
            ("/opt/homebrew/opt", "postgresql*", "bin"),
            ("/usr/local/opt", "postgresql*", "bin"),
        };
        foreach (var root in extraRoots ?? []) patterns.Insert(0, (root, "*", "bin"));

        foreach (var (root, pattern, suffix) in patterns)
        {
            if (!Directory.Exists(root)) continue;
            // Highest version first: "15" sorts before "9" as text, so order by the numeric prefix.
            var versions = Directory.GetDirectories(root, pattern)
                .OrderByDescending(d => VersionKey(Path.GetFileName(d)));
            foreach (var dir in versions) yield return Path.Combine(dir, suffix);
        }
        yield return "/usr/local/pgsql/bin";
    }

    private static double VersionKey(string name)
    {
        var digits = new string(name.SkipWhile(c => !char.IsDigit(c)).TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return double.TryParse(digits, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private static bool HasAll(string dir) => Required.All(name => File.Exists(Path.Combine(dir, name)));
}
