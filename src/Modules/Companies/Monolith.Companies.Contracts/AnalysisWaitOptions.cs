using System.ComponentModel.DataAnnotations;

namespace Monolith.Companies.Contracts;

/// <summary>
/// <c>CompanyAnalysis:WaitTimeoutSeconds</c> as the Supplier and Prospect endpoints read it: the longest bounded wait of
/// <c>?wait=true</c> on their analysis POSTs (the Companies module validates the same setting with its other options).
/// </summary>
public sealed class AnalysisWaitOptions
{
    public const string Section = "CompanyAnalysis";

    [Range(1, 600)]
    public int WaitTimeoutSeconds { get; set; } = 60;
}
