using System.ComponentModel.DataAnnotations;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Scanning;

/// <summary>Settings of company-website analysis shared by the Supplier and Prospect modules (section <c>CompanyAnalysis</c>), validated at start-up.</summary>
public sealed class CompanyAnalysisOptions : IValidatableObject
{
    public const string Section = "CompanyAnalysis";

    /// <summary>The analyzer behind the port: <c>heuristic</c> (default, offline) or <c>openai</c> (needs the <c>Llm</c> settings).</summary>
    [Required]
    public string Analyzer { get; set; } = "heuristic";

    /// <summary>How long a crawl of a site (its page list; bodies are stored by content hash) is reused before the site is fetched again.</summary>
    [Range(1, 30 * 24 * 60)]
    public int CrawlCacheMinutes { get; set; } = 24 * 60;

    /// <summary>Longest time one analysis step (crawl, profile, ...) may take before it fails with a timeout.</summary>
    [Range(1, 3600)]
    public int StepTimeoutSeconds { get; set; } = 120;

    /// <summary>Longest bounded wait of <c>?wait=true</c> on the analysis POSTs (read by those endpoints: <see cref="AnalysisWaitOptions"/>).</summary>
    [Range(1, 600)]
    public int WaitTimeoutSeconds { get; set; } = 60;

    public static readonly string[] KnownAnalyzers = ["heuristic", "openai"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!KnownAnalyzers.Contains(Analyzer, StringComparer.Ordinal))
            yield return new ValidationResult($"must be one of {string.Join(", ", KnownAnalyzers)}, not '{Analyzer}'", [nameof(Analyzer)]);
    }
}
