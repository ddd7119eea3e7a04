using Marten;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Messaging;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Monolith.Documents.Storage;

/// <summary>
/// The uploaded bytes, stored once per document in a plain <c>bytea</c> table next to the event store (created and
/// migrated by Marten with the rest of the schema), written in the same transaction as the document's first event.
/// Events carry only the hash and size, never the content.
/// </summary>
public sealed class DocumentFiles(NpgsqlDataSource dataSource, IOptions<CritterStackOptions> options)
{
    public const string TableName = "document_files";

    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("stored_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    /// <summary>Queues the insert in <paramref name="session"/>'s unit of work (same transaction as the events).</summary>
    public void Store(IDocumentSession session, Guid documentId, byte[] content) =>
        session.QueueSqlCommand(
            $"insert into {options.Value.EventStoreSchema}.{TableName} (tenant_id, id, content) values (?, ?, ?) on conflict do nothing",
            session.TenantId, documentId, content);

    public async Task<byte[]?> LoadAsync(string tenant, Guid documentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select content from {options.Value.EventStoreSchema}.{TableName} where tenant_id = $1 and id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(documentId);
        return await command.ExecuteScalarAsync(ct) as byte[];
    }
}

/// <summary>The text and layout read from a document, kept for extraction, review and training data.</summary>
public sealed class DocumentTextRecord
{
    public Guid Id { get; set; }
    public Extraction.DocumentText Text { get; set; } = new([], "");
}
