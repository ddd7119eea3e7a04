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
        settings.DataDirectory = Path.GetFullPath(settings.DataDirectory, environment.ContentRootPath);
        var server = EmbeddedPostgresServer.StartAsync(settings, loggers.CreateLogger<EmbeddedPostgresServer>())
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
