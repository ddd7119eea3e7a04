using System.Text;
using System.Text.Json;
using Marten;

namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>
/// Sums the window's hour buckets in PostgreSQL into one row per slot × department × document type, so the endpoint
/// deserialises a few hundred small rows instead of every hour bucket (up to departments × types × 720 for 30 days).
/// Rows keep department and type, so <see cref="AutomationQuery.Matches"/> and <see cref="AutomationSeries.Build"/>
/// apply to them unchanged; <see cref="AutomationSeries.SumBySlot"/> is the same summing in memory.
/// </summary>
public static class AutomationSlotSums
{
    public static async Task<IReadOnlyList<AutomationBucket>> LoadAsync(IQuerySession session, AutomationQuery query,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(query);
        var options = session.DocumentStore.Options;
        var sql = Sql(options.Schema.For<AutomationBucket>(), options.DatabaseSchemaName);
        var rows = await session.AdvancedSql.QueryAsync<string>(sql, ct,
            query.Granularity == Granularity.Day ? "day" : "hour", session.TenantId, query.From.ToUniversalTime(), query.To.ToUniversalTime());
        return JsonSerializer.Deserialize<List<AutomationBucket>>(rows.Single()) ?? [];
    }

    private static string Sql(string table, string schema)
    {
        // The JSON names are AutomationBucket's (Marten stores documents with System.Text.Json, names as declared).
        static string Sum(string path, string type = "bigint") => $"sum(coalesce(({path})::{type}, 0))";
        static string Field(string name, string type = "bigint") => $"'{name}', {Sum($"data->>'{name}'", type)}";
        static string Score(string name) =>
            $"'{name}', jsonb_build_object('Count', {Sum($"data->'{name}'->>'Count'")}, 'Sum', {Sum($"data->'{name}'->>'Sum'", "float8")})";
        var latencyCounts = string.Join(", ",
            Enumerable.Range(0, LatencyBuckets.Count).Select(i => Sum($"data->'LatencyCounts'->>{i}")));
        string[] fields =
        [
            "'Department', department", "'DocumentType', document_type", "'HourStart', slot",
            Field("Received"), Field("Processed"), Field("Automated"), Field("NeedsReview"), Field("Manual"), Field("Failed"),
            Score("Confidence"), Score("Completeness"), Score("Validation"), Score("Automation"),
            Field("RemoteCalls"), Field("LatencySecondsSum", "float8"),
            "'LatencySecondsMax', coalesce(max((data->>'LatencySecondsMax')::float8), 0)",
            $"'LatencyCounts', jsonb_build_array({latencyCounts})",
            Field("Reviewed"), Field("Approved"), Field("Rejected"), Field("CorrectedFields"),
        ];
        // The HourStart expression is the one Marten's index on it uses.
        var hourStart = $"{schema}.mt_immutable_timestamptz(data->>'HourStart')";
        return new StringBuilder()
            .Append("select coalesce(jsonb_agg(slot_sum), '[]'::jsonb)::text from (select jsonb_build_object(")
            .AppendJoin(", ", fields)
            .Append(") as slot_sum from (select data, data->>'Department' as department, data->>'DocumentType' as document_type, ")
            .Append($"date_trunc(?, {hourStart}, 'UTC') as slot from {table} ")
            .Append($"where tenant_id = ? and {hourStart} >= ? and {hourStart} < ?) bucket ")
            .Append("group by slot, department, document_type) rows")
            .ToString();
    }
}
