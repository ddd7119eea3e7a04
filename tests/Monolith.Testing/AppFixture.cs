using System.Collections.Concurrent;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Monolith.BuildingBlocks.Access;
using Monolith.BuildingBlocks.Tenancy;
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
        Host = await StartHostAsync();
    }

    /// <summary>Stops the Host and starts a new one over the same database: a restart (or another node taking over).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await StartHostAsync();
    }

    private async Task<IAlbaHost> StartHostAsync()
    {
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
            builder.UseSetting("CritterStack:DurabilityMode", "Solo");
            builder.UseSetting("Observability:ConsoleLogFormat", "simple");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Inbound rate limits off unless a fixture sets them: some tests send thousands of requests with one key.
            builder.UseSetting("Access:RateLimit:RequestsPerMinute", "0");
            foreach (var (key, value) in Settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                if (SignInFromTenantHeader) services.AddTransient<IStartupFilter>(_ => new TenantHeaderSignIn(this));
            });
        });
        // Alba turns synchronous body I/O on; Kestrel refuses it, so a blocking read or write must fail here too.
        host.GetTestServer().AllowSynchronousIO = false;
        return host;
    }

    /// <summary>
    /// The Host runs in keys mode, as in production. Most tests only care which customer they act for, so a request
    /// without credentials is sent with an admin key of the tenant its <c>X-Customer-Id</c> header names (else
    /// "default"), and the header is removed: every request still goes through the real key check. Security tests turn
    /// this off and send keys themselves.
    /// </summary>
    protected virtual bool SignInFromTenantHeader => true;

    private readonly ConcurrentDictionary<(string Tenant, AccessRole Role), Task<string>> _keys = new();

    /// <summary>An API key issued (through the real key store) for <paramref name="tenant"/> with <paramref name="role"/>; one per pair.</summary>
    public Task<string> KeyAsync(string tenant, AccessRole role = AccessRole.Admin) =>
        _keys.GetOrAdd((tenant, role), async k =>
            (await Host.Services.GetRequiredService<ApiKeyStore>().IssueAsync(k.Tenant, $"test-{k.Role}", k.Role, "test fixture", CancellationToken.None)).Key);

    /// <summary>First in the pipeline (a startup filter): sees the request exactly as the scenario sent it.</summary>
    private sealed class TenantHeaderSignIn(AppFixture fixture) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                await fixture.SignInAsync(context);
                await proceed(context);
            });
            next(app);
        };
    }

    private async Task SignInAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("Authorization") || headers.ContainsKey("X-Api-Key") || headers.ContainsKey("Cookie")) return;
        var named = headers["X-Customer-Id"].ToString();
        var tenant = string.IsNullOrWhiteSpace(named) ? "default" : TenantId.Normalise(named);
        if (!TenantId.IsValid(tenant))
        {
            // A malformed header is kept, next to a valid key: the Host answers 400 naming the header.
            headers.Authorization = "Bearer " + await KeyAsync("default");
            return;
        }
        headers.Remove("X-Customer-Id");
        headers.Authorization = "Bearer " + await KeyAsync(tenant);
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public virtual async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
    }
}
