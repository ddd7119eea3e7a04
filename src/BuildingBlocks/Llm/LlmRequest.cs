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

/// <summary>Where a call goes when not to <c>Llm:Endpoint</c> with <c>Llm:ApiKey</c> and <c>Llm:Model</c> (a caller with its own settings).</summary>
public sealed record LlmConnection(string Endpoint, string ApiKey, string Model);

/// <summary>
/// One chat completion as the caller words it: the operation (metrics, logs, errors), a versioned prompt, the answer's
/// format (<see cref="Schema"/>: strict JSON-schema structured output; null: any JSON object), where to send it
/// (<see cref="Connection"/>, null = the <c>Llm</c> settings), sampling overrides, and how long the per-minute budgets may
/// make it wait (<see cref="Timeout"/>). <see cref="Cache"/>: answers the caller's reader accepted are kept
/// (<c>Llm:CacheTtlMinutes</c>) and identical concurrent calls share one provider call.
/// </summary>
public sealed record LlmChatRequest(string Operation, string PromptVersion, string SystemPrompt, string UserPrompt)
{
    public LlmJsonSchema? Schema { get; init; }
    public LlmConnection? Connection { get; init; }
    public double? Temperature { get; init; }
    public int? MaxOutputTokens { get; init; }
    public TimeSpan? Timeout { get; init; }
    public bool Cache { get; init; } = true;
}

/// <summary>
/// What the provider answered (or the cache kept): ids, the model asked for and the one that served, the text content,
/// a refusal, the finish reason (<c>stop</c>, <c>length</c>, <c>content_filter</c>, …), tokens (<see cref="HasUsage"/>:
/// the server reported them) and HTTP attempts (0 for a cache hit).
/// </summary>
public sealed record LlmCompletion(
    string? Id,
    string Model,
    string? ServedModel,
    string? Content,
    string? Refusal,
    string? FinishReason,
    int InputTokens,
    int OutputTokens,
    bool HasUsage,
    int Attempts);

/// <summary>A read answer with its completion and what it cost.</summary>
public sealed record LlmAnswer<T>(T Output, LlmCompletion Completion, LlmUsage Usage);

/// <summary>
/// A gateway call that produced no usable answer; <see cref="Reason"/> names the operation and the problem (redacted, never
/// the key) and is what callers record. Callers map it to their own failure (an analysis step's reason, a provider error).
/// </summary>
public sealed class LlmException : Exception
{
    /// <summary>Codes of failures that are not the server's own <c>error.code</c>.</summary>
    public static class Codes
    {
        public const string NotConfigured = "NotConfigured";
        public const string HttpError = "HttpError";
        public const string Timeout = "Timeout";
        public const string CircuitOpen = "CircuitOpen";
        public const string RateLimited = "RateLimited";
        public const string ConnectionFailed = "ConnectionFailed";
        public const string InvalidResponse = "InvalidResponse";
        public const string EmptyResponse = "EmptyResponse";
        public const string InvalidAnswer = "InvalidAnswer";
        public const string Refused = "Refused";
    }

    public LlmException(string reason, Exception? inner = null)
        : this(Codes.InvalidAnswer, reason, null, null, false, inner) { }

    public LlmException(string code, string reason, System.Net.HttpStatusCode? statusCode, string? serviceMessage, bool isTransient, Exception? inner = null)
        : base(reason, inner)
    {
        Code = code;
        Reason = reason;
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
        IsTransient = isTransient;
    }

    /// <summary>The reason callers record: names the operation and the problem.</summary>
    public string Reason { get; }

    /// <summary>The server's <c>error.code</c> (or <c>error.type</c>, or the status number), else one of <see cref="Codes"/>.</summary>
    public string Code { get; }

    public System.Net.HttpStatusCode? StatusCode { get; }

    /// <summary>The server's (or the model's refusal) message, redacted.</summary>
    public string? ServiceMessage { get; }

    /// <summary>Whether trying again later may help (5xx and 429 after retries, time-outs, open circuit, connection errors).</summary>
    public bool IsTransient { get; }

    /// <summary>HTTP attempts made (retries included).</summary>
    public int Attempts { get; internal set; }

    /// <summary>The completion that could not be used (a refusal, content the reader rejected), when there was one.</summary>
    public LlmCompletion? Completion { get; internal set; }
}

/// <summary>What the cache keeps: the answer and what producing it originally cost.</summary>
public sealed record LlmCachedAnswer<T>(T Output, string Model, int InputTokens, int OutputTokens, int Calls);
