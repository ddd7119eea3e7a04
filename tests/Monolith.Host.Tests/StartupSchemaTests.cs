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
