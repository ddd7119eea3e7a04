using System.Text.Json.Nodes;
using Monolith.BuildingBlocks.CompanyAnalysis;

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

/// <summary>The validated answer and what it cost (<see cref="StepUsage.CacheHit"/> with zero calls when it was cached).</summary>
public sealed record LlmResult<T>(T Output, StepUsage Usage);

/// <summary>What the cache keeps: the answer and what producing it originally cost.</summary>
public sealed record LlmCachedAnswer<T>(T Output, string Model, int InputTokens, int OutputTokens, int Calls);
