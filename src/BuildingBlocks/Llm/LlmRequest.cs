using System.Text.Json.Nodes;

namespace Monolith.BuildingBlocks.Llm;

/// <summary>The JSON schema the answer must follow (sent as a strict structured-output format).</summary>
public sealed record LlmJsonSchema(string Name, JsonNode Schema);

/// <summary>
/// One structured completion: <see cref="Operation"/> names the step (metrics, logs, errors); the prompt is a system and a
/// user text of the version <see cref="PromptVersion"/> (part of the cache key, so a new prompt never reuses old answers);
/// the answer must match <see cref="Schema"/> and pass <see cref="Validator"/> (null = valid, else the problem).
/// <see cref="Model"/> overrides <c>Llm:Model</c>; <see cref="Timeout"/> bounds the wait for the per-minute budgets.
/// </summary>
public sealed record LlmRequest<T>(
    string Operation,
    string PromptVersion,
    string SystemPrompt,
    string UserPrompt,
    LlmJsonSchema Schema,
    Func<T, string?>? Validator = null)
{
    public string? Model { get; init; }
    public TimeSpan? Timeout { get; init; }
}

/// <summary>
/// What one gateway call cost: provider (<c>openai</c>), model, prompt version, tokens, estimated cost in USD, wall time, and
/// whether the answer came from the cache (<see cref="CacheHit"/>, then <see cref="Calls"/> is 0; 2 with a repair attempt).
/// </summary>
public sealed record LlmUsage(
    string Provider,
    string Model,
    string PromptVersion,
    int InputTokens,
    int OutputTokens,
    decimal EstimatedCostUsd,
    long LatencyMs,
    bool CacheHit,
    int Calls);

/// <summary>The validated answer and what it cost (<see cref="LlmUsage.CacheHit"/> with zero calls when it was cached).</summary>
public sealed record LlmResult<T>(T Output, LlmUsage Usage);

/// <summary>
/// A gateway call that produced no usable answer; <see cref="Reason"/> names the operation and the problem (redacted, never
/// the key) and is what callers record. Callers map it to their own failure (an analysis step's reason, a provider error).
/// </summary>
public sealed class LlmException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason { get; } = reason;
}

/// <summary>What the cache keeps: the answer and what producing it originally cost.</summary>
public sealed record LlmCachedAnswer<T>(T Output, string Model, int InputTokens, int OutputTokens, int Calls);
