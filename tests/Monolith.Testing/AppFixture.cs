using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Xunit;

namespace Monolith.Testing;

/// <summary>
/// The whole Host over real HTTP (Alba) on its own database in the shared test server: one per test class,
/// so classes are isolated and can run in parallel; the database is dropped afterwards.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private string? _database;

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    /// <summary>Extra settings for this fixture's host (configuration keys as in appsettings, ':' separated).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        ConnectionString = await TestPostgres.ConnectionStringAsync(_database);
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
            builder.UseSetting("CritterStack:DurabilityMode", "Solo");
            builder.UseSetting("Observability:ConsoleLogFormat", "simple");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in Settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public virtual async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
    }
}
