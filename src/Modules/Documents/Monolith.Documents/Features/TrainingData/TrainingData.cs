using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.Documents.Extraction;
using Monolith.Documents.Storage;
using Wolverine.Http;

namespace Monolith.Documents.Features.TrainingData;

public sealed record TrainingExample(Guid Id, string DocumentType, string? Industry, string Text,
    IReadOnlyDictionary<string, object?> Fields, IReadOnlyList<string> HumanCorrectedFields, double Confidence);

public static class TrainingDataEndpoint
{
    private const int BatchSize = 200;

    /// <summary>
    /// JSON lines of finished documents (automated, or approved by a person) whose field confidence reaches
    /// <c>minConfidence</c>: the text plus the final fields, human corrections taking precedence (confidence 1).
    /// Streams in batches straight from PostgreSQL, so it stays flat in memory whatever the history. Every write is
    /// asynchronous: Kestrel refuses synchronous I/O, so one synchronous write would cut the export after its first record.
    /// </summary>
    [WolverineGet("/api/documents/training-data", OperationId = "GetTrainingData")]
    [Tags("Documents")]
    [Produces("application/x-ndjson")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static IResult Get(IQuerySession session, string? documentType, string? industry, double? minConfidence,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        DocumentType? type = null;
        if (documentType is not null)
        {
            if (Enum.TryParse<DocumentType>(documentType, ignoreCase: true, out var t)) type = t;
            else errors["documentType"] = [$"documentType must be one of {string.Join(", ", Enum.GetNames<DocumentType>())}."];
        }
        var floor = minConfidence ?? 0.8;
        if (double.IsNaN(floor) || floor is < 0 or > 1) errors["minConfidence"] = ["minConfidence must be between 0 and 1."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        return Results.Stream(async body =>
        {
            // Keyset paging on ReceivedAt; ids already written at the boundary timestamp are skipped on the next batch.
            var received = DateTimeOffset.MinValue;
            var atBoundary = new HashSet<Guid>();
            while (true)
            {
                IQueryable<ProcessedDocument> query = session.Query<ProcessedDocument>()
                    .Where(d => d.Status == DocumentStatus.Approved
                                || (d.Status == DocumentStatus.Decided && d.Decision == Scoring.Decision.Automated));
                if (type is { } ty) query = query.Where(d => d.DocumentType == ty);
                if (!string.IsNullOrWhiteSpace(industry)) query = query.Where(d => d.Industry == industry);
                var page = await query.Where(d => d.ReceivedAt >= received)
                    .OrderBy(d => d.ReceivedAt).Take(BatchSize + atBoundary.Count).ToListAsync(ct);
                var batch = page.Where(d => !atBoundary.Contains(d.Id)).ToList();
                if (batch.Count == 0) break;

                var texts = (await session.LoadManyAsync<DocumentTextRecord>(ct, batch.Select(d => d.Id)))
                    .ToDictionary(t => t.Id);
                foreach (var d in batch)
                {
                    var confidence = d.Fields.Count == 0 ? 0 : d.Fields.Average(f => f.Confidence);
                    if (confidence < floor || !texts.TryGetValue(d.Id, out var text) || d.DocumentType is null) continue;
                    var example = new TrainingExample(d.Id, d.DocumentType.Value.ToString(), d.Industry, text.Text.FullText,
                        d.Fields.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
                        d.CorrectedFields, Math.Round(confidence, 4));
                    await JsonSerializer.SerializeAsync(body, example, JsonOptions, ct);
                    await body.WriteAsync(NewLine, ct);
                }
                await body.FlushAsync(ct);
                if (batch[^1].ReceivedAt != received) atBoundary.Clear();
                received = batch[^1].ReceivedAt;
                foreach (var d in batch.Where(d => d.ReceivedAt == received)) atBoundary.Add(d.Id);
            }
        }, "application/x-ndjson");
    }

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
