using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Postgres;

/// <summary>Settings of the private PostgreSQL server the Host starts when no connection string is configured.</summary>
public sealed class EmbeddedPostgresOptions
{
    public const string Section = "EmbeddedPostgres";

    /// <summary>Folder holding the cluster (<c>pgdata/</c>), its generated password and the server log. Kept between
    /// runs. Relative paths are resolved against the Host's content root (src/Host). Empty (the default) chooses one:
    /// <c>.data/postgres</c> under the content root, or — when this process is root and the server's OS user cannot
    /// reach that folder (a private home folder) — <see cref="EmbeddedDataDirectory.SystemRoot"/>/&lt;id of the
    /// content root&gt;/postgres; the choice is logged at start.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Folder with <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>; empty = search PATH and the usual install folders.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free port at each start.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    [Required(AllowEmptyStrings = false), RegularExpression("^[a-z_][a-z0-9_]{0,62}$",
        ErrorMessage = "must be a lower-case PostgreSQL identifier")]
    public string Database { get; set; } = "monolith";

    /// <summary>OS user that runs the server when this process is root (PostgreSQL refuses to run as root).</summary>
    [Required(AllowEmptyStrings = false)]
    public string OsUserWhenRoot { get; set; } = "postgres";

    [Range(1, 600)]
    public int StartTimeoutSeconds { get; set; } = 60;

    [Range(1, 600)]
    public int StopTimeoutSeconds { get; set; } = 30;

    /// <summary>false trades crash safety for speed (fsync off): for throw-away test clusters only.</summary>
    public bool Durable { get; set; } = true;
}

public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : Exception(message, inner);
