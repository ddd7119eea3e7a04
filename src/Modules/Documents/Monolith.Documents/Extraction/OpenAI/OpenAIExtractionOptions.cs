using System.ComponentModel.DataAnnotations;

namespace Monolith.Documents.Extraction.OpenAI;

/// <summary>
/// Settings of the <c>openai</c> extraction provider, section <c>Documents:OpenAI</c>: any server speaking the OpenAI
/// Chat Completions protocol (OpenAI, Azure OpenAI's <c>/openai/v1</c> endpoint, a local server such as Ollama or vLLM).
/// An empty <see cref="Endpoint"/> means the provider is not configured; everything else is then ignored.
/// Retries, timeouts, rate limit and circuit breaker come from <c>Resilience:Dependencies:Llm</c>.
/// </summary>
public sealed class OpenAIExtractionOptions : IValidatableObject
{
    public const string Section = "Documents:OpenAI";

    /// <summary>Base URL the SDK appends <c>/chat/completions</c> to, e.g. <c>https://api.openai.com/v1</c>. Empty = not configured.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Sent as <c>Authorization: Bearer</c>; never logged or put into messages. Required when <see cref="Endpoint"/> is set
    /// (local servers that ignore it accept any non-empty value).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Model (or Azure deployment) name.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$")]
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Longer document text is cut to this many characters before it is sent (the prompt says so).</summary>
    [Range(1_000, 2_000_000)]
    public int MaxInputCharacters { get; set; } = 60_000;

    /// <summary>Sampling temperature, 0 for the most repeatable answers; set it empty (null) to send none, for reasoning models
    /// that reject any value.</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; } = 0;

    /// <summary>Cap on completion tokens (<c>max_completion_tokens</c>); null sends none.</summary>
    [Range(16, 200_000)]
    public int? MaxOutputTokens { get; set; }

    /// <summary>Recorded with every extraction (and in the prompt) so results can be traced to the prompt that produced them.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string PromptVersion { get; set; } = OpenAIPrompt.DefaultVersion;

    /// <summary>Price per 1,000 input (prompt) tokens, in the billing currency; with <see cref="OutputCostPer1KTokens"/> gives a cost estimate.</summary>
    [Range(0.0, 1_000.0)]
    public decimal? InputCostPer1KTokens { get; set; }

    /// <summary>Price per 1,000 output (completion) tokens.</summary>
    [Range(0.0, 1_000.0)]
    public decimal? OutputCostPer1KTokens { get; set; }

    /// <summary>
    /// Keep accepted answers in the LLM gateway's cache (<c>Llm:CacheTtlMinutes</c>; shared by nodes through Redis when
    /// configured): the same text, prompt version and model is answered from it (0 attempts, no cost), and identical
    /// concurrent extractions share one call. Answers the parser rejects and failures are never kept.
    /// </summary>
    public bool CacheAnswers { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;

        if (!Uri.TryCreate(Endpoint.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return new ValidationResult("must be an absolute http(s) URL without query, or empty when OpenAI is not used.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("is required when Endpoint is set.", [nameof(ApiKey)]);
    }

    /// <summary>Cost of <paramref name="usage"/> at the configured prices; null when a price or the usage is missing.</summary>
    public decimal? EstimateCost(OpenAITokenUsage? usage) =>
        usage is null || InputCostPer1KTokens is not { } input || OutputCostPer1KTokens is not { } output
            ? null
            : (usage.InputTokens * input + usage.OutputTokens * output) / 1_000m;
}
