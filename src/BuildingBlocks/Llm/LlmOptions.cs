using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Llm;

/// <summary>
/// Settings of the LLM gateway, section <c>Llm</c>: any server speaking the OpenAI Chat Completions protocol — OpenAI
/// (<c>https://api.openai.com/v1</c>, the default), Azure OpenAI's OpenAI-compatible endpoint
/// (<c>https://{resource}.openai.azure.com/openai/v1</c>, <see cref="Model"/> = deployment name) or a local server such as
/// Ollama or vLLM (<c>http://localhost:11434/v1</c> — only ever as an explicit override). Retries, timeouts, the circuit
/// breaker and the HTTP token bucket come from <c>Resilience:Dependencies:Llm</c>; the per-minute request and token budgets
/// here are the provider's account limits, enforced before a request is sent.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";
    public const string DefaultEndpoint = "https://api.openai.com/v1";

    /// <summary>
    /// Whether the gateway must be usable, which makes <see cref="ApiKey"/> required at start-up. Empty (default) = enabled
    /// exactly when the <c>openai</c> company analyzer is selected (<c>CompanyAnalysis:Analyzer=openai</c>).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Base URL the SDK appends <c>/chat/completions</c> to.</summary>
    [Required]
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Sent as <c>Authorization: Bearer</c>; never logged, cached or put into messages.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Model (or Azure deployment) name; part of every cache key.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$")]
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Requests per minute the account may send (client-side budget, shared by every caller of this node).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>Tokens per minute (prompt estimate ≈ characters / 4, plus <see cref="MaxOutputTokens"/>).</summary>
    [Range(100, 100_000_000)]
    public int TokensPerMinute { get; set; } = 200_000;

    /// <summary>Cap on completion tokens (<c>max_completion_tokens</c>) of every call.</summary>
    [Range(16, 200_000)]
    public int MaxOutputTokens { get; set; } = 4_000;

    /// <summary>Sampling temperature, 0 for the most repeatable answers; empty sends none (reasoning models reject any value).</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; } = 0;

    /// <summary>How long an answer is reused for the same provider, model, prompt version and input (L1 + the L2 in PostgreSQL or Redis).</summary>
    [Range(1, 43_200)]
    public int CacheTtlMinutes { get; set; } = 7 * 24 * 60;

    /// <summary>Longest wait for the per-minute budgets when the request names no timeout of its own.</summary>
    [Range(1, 3_600)]
    public int MaxQueueWaitSeconds { get; set; } = 300;

    /// <summary>USD per 1M input / output tokens by model name (case-insensitive), for cost estimates; unknown models cost 0.</summary>
    public Dictionary<string, LlmModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o-mini"] = new() { InputPer1M = 0.15m, OutputPer1M = 0.60m },
        ["gpt-4o"] = new() { InputPer1M = 2.50m, OutputPer1M = 10.00m },
        ["gpt-4.1-mini"] = new() { InputPer1M = 0.40m, OutputPer1M = 1.60m },
        ["gpt-4.1"] = new() { InputPer1M = 2.00m, OutputPer1M = 8.00m },
    };

    /// <summary>Estimated cost in USD of a call; 0 when the model has no price.</summary>
    public decimal EstimateCost(string model, int inputTokens, int outputTokens) =>
        Prices.TryGetValue(model, out var price)
            ? Math.Round((inputTokens * price.InputPer1M + outputTokens * price.OutputPer1M) / 1_000_000m, 8)
            : 0m;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Endpoint?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return new ValidationResult("must be an absolute http(s) URL without query, e.g. https://api.openai.com/v1.", [nameof(Endpoint)]);
        }
        if (Enabled == true && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("is required when the LLM gateway is enabled (Llm:Enabled or CompanyAnalysis:Analyzer=openai).", [nameof(ApiKey)]);
    }
}

/// <summary>Price of one model in USD per million tokens.</summary>
public sealed class LlmModelPrice
{
    [Range(0.0, 10_000.0)] public decimal InputPer1M { get; set; }
    [Range(0.0, 10_000.0)] public decimal OutputPer1M { get; set; }
}

/// <summary>
/// Resolves an empty <see cref="LlmOptions.Enabled"/> from the analyzer selection, so the API key is only demanded when the
/// <c>openai</c> analyzer will be used.
/// </summary>
internal sealed class LlmEnabledFromAnalyzerSelection(IConfiguration? configuration) : IPostConfigureOptions<LlmOptions>
{
    public const string AnalyzerSetting = "CompanyAnalysis:Analyzer";

    public void PostConfigure(string? name, LlmOptions options) =>
        options.Enabled ??= string.Equals(configuration?[AnalyzerSetting]?.Trim(), "openai", StringComparison.OrdinalIgnoreCase);
}
