using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Observability;

public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Service name in traces, metrics and Wolverine's meter.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceName { get; set; } = "monolith";

    /// <summary><c>json</c> (structured, one object per line, default) or <c>simple</c> (human-readable).</summary>
    [RegularExpression("^(json|simple)$", ErrorMessage = "must be 'json' or 'simple'")]
    public string ConsoleLogFormat { get; set; } = "json";

    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    [RegularExpression("^/.*", ErrorMessage = "must start with '/'")]
    public string MetricsPath { get; set; } = "/metrics";
}
