using System.ComponentModel.DataAnnotations;

namespace Monolith.Documents;

/// <summary>Limits of document intake, validated at start-up (section <c>Documents</c>).</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    /// <summary>Largest accepted upload; bigger files are refused with 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How long <c>?wait=true</c> waits for processing before answering 202.</summary>
    [Range(1, 300)]
    public int WaitTimeoutSeconds { get; set; } = 30;

    /// <summary>Most files in one bulk upload.</summary>
    [Range(1, 1000)]
    public int BulkMaxFiles { get; set; } = 100;

    /// <summary>Documents processed at the same time on one node (durable local queue parallelism).</summary>
    [Range(1, 256)]
    public int ProcessingConcurrency { get; set; } = 8;

    /// <summary>PDFs with more pages end in <c>Failed</c> with reason <c>too-many-pages</c>.</summary>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 500;

    /// <summary>Below this local classifier confidence a configured remote provider is asked for the type.</summary>
    [Range(0.0, 1.0)]
    public double RemoteClassificationThreshold { get; set; } = 0.6;

    /// <summary>Remote models asked in parallel for an unsure document (the likeliest types' models only).</summary>
    [Range(1, 5)]
    public int RemoteClassificationMaxModels { get; set; } = 2;

    /// <summary>
    /// Extraction providers per document type, tried in order until one succeeds (<c>local</c>, <c>azure</c>,
    /// <c>openai</c>); a type not listed uses <see cref="DefaultProviders"/>. Structured e-invoices never need one.
    /// </summary>
    public Dictionary<string, string[]> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [MinLength(1)]
    public string[] DefaultProviders { get; set; } = ["local"];

    public IReadOnlyList<string> ProvidersFor(Extraction.DocumentType type) =>
        Providers.TryGetValue(type.ToString(), out var list) && list.Length > 0 ? list : DefaultProviders;
}
