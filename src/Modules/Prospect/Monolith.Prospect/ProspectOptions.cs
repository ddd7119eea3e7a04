using System.ComponentModel.DataAnnotations;

namespace Monolith.Prospect;

/// <summary>Limits of prospect scanning, validated at start-up (section <c>Prospect</c>).</summary>
public sealed class ProspectOptions
{
    public const string Section = "Prospect";

    /// <summary>Most prospects in one bulk request.</summary>
    [Range(1, 10_000)]
    public int BulkMaxProspects { get; set; } = 500;

    /// <summary>Prospect analyses of one bulk request that run at the same time.</summary>
    [Range(1, 64)]
    public int BulkConcurrency { get; set; } = 4;

    /// <summary>Most prospect analyses one re-score request may recompute.</summary>
    [Range(1, 1_000_000)]
    public int RescoreMaxAnalyses { get; set; } = 5_000;
}
