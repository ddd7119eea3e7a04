using Monolith.Testing;
using Npgsql;

namespace Monolith.Host.Tests;

/// <summary>
/// Every document table exists once the Host has started (ApplyAllDatabaseChangesOnStartup), before any request: a
/// table Marten creates lazily on first use races between nodes (two Balanced nodes dead-lettered a message that way).
/// </summary>
public class when_the_host_has_started(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("mt_doc_automationgoalschedule")]
    [InlineData("mt_doc_apikey")]
    [InlineData("mt_doc_sessionrecord")]
    [InlineData("mt_doc_storedpagebody")]
    [InlineData("mt_doc_documenttextrecord")]
    [InlineData("mt_doc_supplierreference")]
    public async Task the_document_tables_exist_before_any_handler_runs(string table)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select count(*) from information_schema.tables where table_name = @t", connection);
        exists.Parameters.AddWithValue("t", table);
        Assert.Equal(1L, (long)(await exists.ExecuteScalarAsync())!);
    }
}

/// <summary>
/// The store's event types as the running Host registers them: every company-analysis event keeps the type name stored
/// before it moved from BuildingBlocks to the Companies module (so earlier analyses still load and replay), and no event
/// type is defined in BuildingBlocks (shared plumbing holds no stored events).
/// </summary>
public class when_the_store_knows_its_event_types(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("site_crawled", "Monolith.Companies.Contracts")]
    [InlineData("profile_extracted", "Monolith.Companies.Contracts")]
    [InlineData("analysis_step_failed", "Monolith.Companies.Contracts")]
    [InlineData("analysis_retried", "Monolith.Companies.Contracts")]
    public void a_stored_event_type_name_still_resolves_to_its_owner(string name, string assembly)
    {
        var owners = Events().Where(e => e.EventTypeName == name).Select(e => e.DocumentType.Assembly.GetName().Name).ToList();

        Assert.Equal([assembly], owners);
    }

    [Fact]
    public void building_blocks_defines_no_event_type()
    {
        var events = Events().ToList();

        Assert.True(events.Count >= 4, $"only {events.Count} event types registered: the check would pass vacuously");
        Assert.DoesNotContain(events, e => e.DocumentType.Assembly.GetName().Name == "Monolith.BuildingBlocks");
    }

    private IEnumerable<(string EventTypeName, Type DocumentType)> Events() =>
        app.Store.Options.Events.AllKnownEventTypes().Select(e => (e.EventTypeName, e.EventType));
}

/// <summary>
/// A supplier analysis stored before the company-analysis events moved from BuildingBlocks to the Companies module (its
/// rows name the old .NET types) still loads: the stream's events deserialize to today's types and the snapshot rebuilds.
/// </summary>
public class when_an_analysis_stored_before_the_companies_module_is_read(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task its_events_load_and_its_snapshot_rebuilds()
    {
        var id = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        var info = new Monolith.Companies.Contracts.StepInfo("crawl", "hash", Monolith.Companies.Contracts.StepUsage.Heuristic("v1", 3), at);
        var crawl = new Monolith.Companies.Contracts.SiteCrawl("https://acme.example/",
            [new("https://acme.example/", "https://acme.example/", 200, "text/html", 10, "h1", "home", at, 5, false)], [], 5, null);
        var profile = new Monolith.Companies.Contracts.CompanyProfile(new("Acme Tools GmbH", 0.9, []), null, null, null, null, null, null, null, "heuristic");
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.StartStream<Monolith.Supplier.SupplierAnalysis>(id,
                new Monolith.Supplier.AnalysisRequested(id, "https://acme.example/", "acme.example", "DE", "EUR", at),
                new Monolith.Companies.Contracts.SiteCrawled(id, crawl, false, info),
                new Monolith.Companies.Contracts.ProfileExtracted(id, profile, info with { Step = "profile" }));
            await session.SaveChangesAsync();
        }
        // What rows written by the earlier layout say: the old namespace and assembly.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            var schema = app.Store.Options.Events.DatabaseSchemaName;
            await using var rewrite = new NpgsqlCommand(
                $"update {schema}.mt_events set mt_dotnet_type = replace(mt_dotnet_type, 'Monolith.Companies.Contracts.', 'Monolith.BuildingBlocks.CompanyAnalysis.Scanning.') "
                + "where stream_id = @id and type in ('site_crawled', 'profile_extracted')", connection);
            rewrite.Parameters.AddWithValue("id", id);
            Assert.Equal(2, await rewrite.ExecuteNonQueryAsync());
        }

        await using var query = app.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        var rebuilt = await query.Events.AggregateStreamAsync<Monolith.Supplier.SupplierAnalysis>(id);

        Assert.IsType<Monolith.Companies.Contracts.SiteCrawled>(events[1].Data);
        Assert.IsType<Monolith.Companies.Contracts.ProfileExtracted>(events[2].Data);
        Assert.Equal("Acme Tools GmbH", rebuilt!.Profile!.CompanyName!.Value);
        Assert.Equal("https://acme.example/", rebuilt.Crawl!.Url);
    }
}
