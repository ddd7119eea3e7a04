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
}
