using Monolith.BuildingBlocks.Postgres;

namespace Monolith.BuildingBlocks.Tests.Postgres;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pgbin-").FullName;

    private string FakeInstall(string version)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, version, "bin")).FullName;
        foreach (var name in new[] { "initdb", "pg_ctl", "postgres" }) File.WriteAllText(Path.Combine(bin, name), "");
        return bin;
    }

    [Fact]
    public void path_wins_over_install_folders()
    {
        var onPath = FakeInstall("onpath");
        Assert.Equal(onPath, PostgresBinaries.Locate(null, pathVariable: onPath, extraRoots: []));
    }

    [Fact]
    public void the_highest_installed_version_is_chosen()
    {
        FakeInstall("9.6");
        var newest = FakeInstall("15");
        Assert.Equal(newest, PostgresBinaries.Locate(null, pathVariable: "", extraRoots: [_root]));
    }

    [Fact]
    public void a_folder_missing_one_program_is_skipped()
    {
        var incomplete = FakeInstall("16");
        File.Delete(Path.Combine(incomplete, "initdb"));
        var complete = FakeInstall("14");
        Assert.Equal(complete, PostgresBinaries.Locate(null, pathVariable: incomplete, extraRoots: [_root]));
    }

    [Fact]
    public void a_configured_folder_without_the_programs_is_rejected_naming_both_alternatives()
    {
        var error = Assert.Throws<EmbeddedPostgresException>(() => PostgresBinaries.Locate(Path.Combine(_root, "missing")));
        Assert.Contains("EmbeddedPostgres:BinDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_not_found_message_names_the_package_to_install()
    {
        var candidates = PostgresBinaries.Candidates("", []).ToList();
        Assert.Contains("/usr/local/pgsql/bin", candidates);
        var message = PostgresBinaries.NotFoundMessage;
        Assert.Contains("apt-get install postgresql", message, StringComparison.Ordinal);
        Assert.Contains("EmbeddedPostgres:BinDirectory", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
