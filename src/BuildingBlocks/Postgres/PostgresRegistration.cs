using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;
using Npgsql;

namespace Monolith.BuildingBlocks.Postgres;

/// <summary>
/// The one place the application's PostgreSQL connection comes from: <c>ConnectionStrings:Postgres</c> when
/// set (nothing is started), otherwise the embedded server, started on first use and stopped when the
/// container is disposed at shutdown (after Wolverine and Marten have drained). A relative
/// <c>EmbeddedPostgres:DataDirectory</c> is resolved against the application's content root.
/// </summary>
public sealed class PostgresConnectionSource(
    IConfiguration configuration,
    IOptions<EmbeddedPostgresOptions> options,
    IHostEnvironment environment,
    ILoggerFactory loggers) : IAsyncDisposable
{
    public const string ConnectionStringName = "Postgres";
    private readonly Lazy<(string ConnectionString, EmbeddedPostgresServer? Server)> _resolved = new(() =>
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // Checked here so a malformed value fails start-up with one line naming the setting; Npgsql's own message
            // names the bad keyword, never the password, and the line is redacted anyway.
            try { _ = new Npgsql.NpgsqlConnectionStringBuilder(configured); }
            catch (ArgumentException e)
            {
                throw new EmbeddedPostgresException(
                    $"Invalid configuration: ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string ({e.Message}).", e);
            }
            return (configured, null);
        }
        var settings = options.Value;
        // Relative data folders belong to the application, not to whatever directory it was started from.
        var automatic = string.IsNullOrWhiteSpace(settings.DataDirectory);
        settings.DataDirectory = Path.GetFullPath(automatic ? EmbeddedDataDirectory.InContentRoot : settings.DataDirectory,
            environment.ContentRootPath);
        var server = EmbeddedPostgresServer.StartAsync(settings, loggers.CreateLogger<EmbeddedPostgresServer>(),
                fallbackDataDirectory: automatic ? EmbeddedDataDirectory.SystemFallback(environment.ContentRootPath) : null)
            .GetAwaiter().GetResult();
        return (server.ConnectionString(), server);
    });

    public string ConnectionString => _resolved.Value.ConnectionString;
    public bool IsEmbedded => _resolved.Value.Server is not null;

    public async ValueTask DisposeAsync()
    {
        if (_resolved.IsValueCreated && _resolved.Value.Server is { } server) await server.StopAsync();
    }
}

/// <summary>Where the embedded server keeps its data when <c>EmbeddedPostgres:DataDirectory</c> is empty.</summary>
public static class EmbeddedDataDirectory
{
    /// <summary>The first choice, relative to the content root: kept with the checkout.</summary>
    public const string InContentRoot = ".data/postgres";

    /// <summary>The system folder used when the first choice is out of the server's OS user's reach.</summary>
    public const string SystemRoot = "/var/lib/monolith";

    /// <summary><see cref="SystemRoot"/>/&lt;12 hex digits of the content root's hash&gt;/postgres: one folder per checkout, the same at every start.</summary>
    public static string SystemFallback(string contentRoot) =>
        Path.Combine(SystemRoot, Text.Hashing.Sha256Hex(Path.GetFullPath(contentRoot).TrimEnd('/'))[..12], "postgres");
}

public static class PostgresRegistration
{
    public static IServiceCollection AddPostgres(this IServiceCollection services)
    {
        services.AddValidatedOptions<EmbeddedPostgresOptions>(EmbeddedPostgresOptions.Section);
        services.AddSingleton<PostgresConnectionSource>();
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(sp.GetRequiredService<PostgresConnectionSource>().ConnectionString);
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        return services;
    }
}
