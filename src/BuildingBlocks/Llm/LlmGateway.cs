using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Resilience;
using Monolith.BuildingBlocks.Text;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Monolith.BuildingBlocks.Llm;

/// <summary>
/// The one way code calls an LLM. A call is <see cref="CompleteJsonAsync{T}"/>: a versioned prompt and a strict JSON schema
/// in, a validated object and its <see cref="LlmUsage"/> out. In order:
/// <list type="number">
/// <item>the cache (<see cref="TypedCache"/>, namespace <c>llm</c>, TTL <c>Llm:CacheTtlMinutes</c>) keyed by provider, model,
/// prompt version, operation and the SHA-256 of the prompt and schema: a hit costs no call; identical concurrent calls share
/// one provider call (HybridCache stampede protection); through the L2 (PostgreSQL, or Redis) the answers are shared by nodes and survive
/// restarts; failures are never cached;</item>
/// <item>the per-minute request and token budgets (<see cref="LlmRateLimiter"/>), waiting at most the request's timeout;</item>
/// <item>the official OpenAI SDK over the <c>Llm</c> dependency's HttpClient, so the shared pipeline's timeouts, retries
/// (honouring 429 Retry-After), circuit breaker and token bucket apply; the SDK's own retries are off;</item>
/// <item>parsing and validation; an answer that is not JSON, does not fit the type or fails the validator gets exactly one
/// repair attempt (the bad answer and the problem are sent back).</item>
/// </list>
/// Every failure is an <see cref="LlmException"/> whose reason names the operation and the problem and never
/// contains the API key; cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed partial class LlmGateway(
    IHttpClientFactory httpClientFactory,
    IOptions<LlmOptions> options,
    TypedCache cache,
    LlmRateLimiter limiter,
    LlmMetrics metrics,
    TimeProvider time,
    ILogger<LlmGateway> logger)
{
    public const string Provider = "openai";
    public const string CacheNamespace = "llm";

    /// <summary>How answers are read: the schema's property names (camelCase), nothing missing, nothing extra.</summary>
    public static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly LlmOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, ChatClient> _clients = new(StringComparer.Ordinal);

    public string DefaultModel => _options.Model;

    public async Task<LlmResult<T>> CompleteJsonAsync<T>(LlmRequest<T> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = string.IsNullOrWhiteSpace(request.Model) ? _options.Model : request.Model.Trim();
        var inputHash = Hashing.Sha256Hex(string.Join('\0',
            request.SystemPrompt, request.UserPrompt, request.Schema.Name, request.Schema.Schema.ToJsonString()));
        var key = new CacheKey<LlmCachedAnswer<T>>(CacheNamespace, Provider, model, request.PromptVersion, request.Operation, inputHash);

        var started = time.GetTimestamp();
        var produced = false;
        var answer = await cache.GetOrCreateAsync(key, async token =>
        {
            produced = true;
            return await ProduceAsync(request, model, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;

        if (!produced)
        {
            metrics.CacheHit(request.Operation, model);
            return new LlmResult<T>(answer.Output, new LlmUsage(Provider, model, request.PromptVersion, 0, 0, 0m, latency, CacheHit: true, Calls: 0));
        }
        var cost = _options.EstimateCost(model, answer.InputTokens, answer.OutputTokens);
        return new LlmResult<T>(answer.Output,
            new LlmUsage(Provider, model, request.PromptVersion, answer.InputTokens, answer.OutputTokens, cost, latency, CacheHit: false, answer.Calls));
    }

    private async ValueTask<LlmCachedAnswer<T>> ProduceAsync<T>(LlmRequest<T> request, string model, CancellationToken ct)
    {
        var operation = request.Operation;
        if (string.IsNullOrWhiteSpace(_options.ApiKey))
            throw new LlmException(LlmException.Codes.NotConfigured, $"{operation}: the LLM gateway is not configured (Llm:ApiKey is empty).", null, null, false);

        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            List<ChatMessage> messages = [new SystemChatMessage(request.SystemPrompt), new UserChatMessage(request.UserPrompt)];
            var chatOptions = ChatOptions(request.Schema, null, null);
            var maxWait = request.Timeout ?? TimeSpan.FromSeconds(_options.MaxQueueWaitSeconds);
            var connection = new LlmConnection(_options.Endpoint, _options.ApiKey, model);

            var first = Answered(operation, await SendAsync(operation, connection, messages, chatOptions, maxWait, ct).ConfigureAwait(false));
            var (value, problem) = Read(first.Content, request.Validator);
            var input = first.InputTokens;
            var output = first.OutputTokens;
            if (problem is null)
            {
                succeeded = true;
                return new LlmCachedAnswer<T>(value!, model, input, output, Calls: 1);
            }

            LogRepair(operation, model, problem);
            messages.Add(new AssistantChatMessage(first.Content ?? ""));
            messages.Add(new UserChatMessage(
                $"Your previous answer was rejected: {problem}. Answer again with the complete, corrected JSON only, " +
                $"exactly matching the JSON schema \"{request.Schema.Name}\" and all rules of the instructions."));
            var second = Answered(operation, await SendAsync(operation, connection, messages, chatOptions, maxWait, ct).ConfigureAwait(false));
            input += second.InputTokens;
            output += second.OutputTokens;
            var (repaired, stillWrong) = Read(second.Content, request.Validator);
            if (stillWrong is not null)
                throw new LlmException($"{operation}: the model's answer was rejected after one repair attempt: {stillWrong}");
            succeeded = true;
            return new LlmCachedAnswer<T>(repaired!, model, input, output, Calls: 2);
        }
        finally
        {
            metrics.Latency(operation, model, time.GetElapsedTime(started).TotalMilliseconds, succeeded);
        }
    }

    /// <summary>A completion with content to read; a refusal fails with the model's words.</summary>
    private LlmCompletion Answered(string operation, LlmCompletion completion) =>
        string.IsNullOrWhiteSpace(completion.Refusal) ? completion
        : throw new LlmException(LlmException.Codes.Refused, $"{operation}: the model refused: {Shorten(Redact(completion.Refusal))}", null,
            Redact(completion.Refusal), false) { Completion = completion };

    /// <summary>Parses and checks an answer: (value, null) or (default, "invalid JSON: …" / "schema violation: …").</summary>
    internal static (T? Value, string? Problem) Read<T>(string? content, Func<T, string?>? validator)
    {
        if (string.IsNullOrWhiteSpace(content)) return (default, "empty answer (no JSON)");
        var text = StripCodeFence(content);
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return (default, $"invalid JSON ({Describe(e)})");
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(text, AnswerJson);
        }
        catch (JsonException e)
        {
            return (default, $"schema violation ({Shorten(e.Message)})");
        }
        if (value is null) return (default, "schema violation (the answer is null)");
        return validator?.Invoke(value) is { } error ? (default, $"schema violation ({error})") : (value, null);
    }

    /// <summary>
    /// One chat completion (<see cref="LlmChatRequest"/>) read by <paramref name="read"/>, which throws to reject the answer
    /// (a rejected answer is never cached). With <see cref="LlmChatRequest.Cache"/> an accepted completion is kept in the
    /// cache (namespace <c>llm</c>; key = provider, endpoint, model, prompt version, operation and the SHA-256 of the prompt
    /// and format) and identical concurrent calls share one provider call; a hit is read again and reports 0 attempts.
    /// Failures of the call are <see cref="LlmException"/>s; the reader's own exceptions pass through unchanged.
    /// </summary>
    public async Task<LlmAnswer<T>> CompleteAsync<T>(LlmChatRequest request, Func<LlmCompletion, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        var connection = ConnectionOf(request);
        var started = time.GetTimestamp();
        List<ChatMessage> messages = [new SystemChatMessage(request.SystemPrompt), new UserChatMessage(request.UserPrompt)];
        var chatOptions = ChatOptions(request.Schema, request.Temperature, request.MaxOutputTokens, ownSettings: request.Connection is not null);
        var maxWait = request.Timeout ?? TimeSpan.FromSeconds(_options.MaxQueueWaitSeconds);
        LlmCompletion completion;
        T output;
        if (!request.Cache)
        {
            completion = await SendAsync(request.Operation, connection, messages, chatOptions, maxWait, cancellationToken).ConfigureAwait(false);
            output = read(completion);
        }
        else
        {
            var inputHash = Hashing.Sha256Hex(string.Join('\0', connection.Endpoint, request.SystemPrompt, request.UserPrompt,
                request.Schema?.Name ?? "json_object", request.Schema?.Schema.ToJsonString() ?? "",
                Convert.ToString(request.Temperature ?? _options.Temperature, CultureInfo.InvariantCulture), request.MaxOutputTokens ?? _options.MaxOutputTokens));
            var key = new CacheKey<LlmCompletion>(CacheNamespace, Provider, connection.Model, request.PromptVersion, request.Operation, inputHash);
            var produced = false;
            T? fresh = default;
            completion = await cache.GetOrCreateAsync(key, async token =>
            {
                produced = true;
                var sent = await SendAsync(request.Operation, connection, messages, chatOptions, maxWait, token).ConfigureAwait(false);
                fresh = read(sent);
                return sent;
            }, cancellationToken).ConfigureAwait(false);
            if (produced)
            {
                output = fresh!;
            }
            else
            {
                metrics.CacheHit(request.Operation, connection.Model);
                completion = completion with { Attempts = 0 };
                output = read(completion);
            }
        }
        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var hit = request.Cache && completion.Attempts == 0;
        var usage = hit
            ? new LlmUsage(Provider, connection.Model, request.PromptVersion, 0, 0, 0m, latency, CacheHit: true, Calls: 0)
            : new LlmUsage(Provider, connection.Model, request.PromptVersion, completion.InputTokens, completion.OutputTokens,
                _options.EstimateCost(connection.Model, completion.InputTokens, completion.OutputTokens), latency, CacheHit: false, Calls: 1);
        return new LlmAnswer<T>(output, completion, usage);
    }

    private LlmConnection ConnectionOf(LlmChatRequest request) =>
        request.Connection is { } c ? c with { Model = string.IsNullOrWhiteSpace(c.Model) ? _options.Model : c.Model.Trim() }
        : new LlmConnection(_options.Endpoint, _options.ApiKey, _options.Model);

    /// <summary>The answer format and sampling: a caller with its own connection sends only its own temperature and token limit.</summary>
    private ChatCompletionOptions ChatOptions(LlmJsonSchema? schema, double? temperature, int? maxOutputTokens, bool ownSettings = false) => new()
    {
        ResponseFormat = schema is null
            ? ChatResponseFormat.CreateJsonObjectFormat()
            : ChatResponseFormat.CreateJsonSchemaFormat(schema.Name, BinaryData.FromString(schema.Schema.ToJsonString()), jsonSchemaIsStrict: true),
        Temperature = (ownSettings ? temperature : temperature ?? _options.Temperature) is { } t ? (float)t : null,
        MaxOutputTokenCount = ownSettings ? maxOutputTokens : maxOutputTokens ?? _options.MaxOutputTokens,
    };

    /// <summary>
    /// Sends one completion through the per-minute budgets and the <c>Llm</c> pipeline; counts the HTTP attempts; reads a
    /// 200 answer the SDK cannot (an OpenAI-compatible server's unknown <c>finish_reason</c>) from the raw body; maps every
    /// failure to an <see cref="LlmException"/> with its code, status and reason.
    /// </summary>
    private async Task<LlmCompletion> SendAsync(string operation, LlmConnection connection, List<ChatMessage> messages, ChatCompletionOptions chatOptions,
        TimeSpan maxWait, CancellationToken ct)
    {
        var model = connection.Model;
        var promptCharacters = messages.Sum(m => m.Content.Sum(p => p.Text?.Length ?? 0));
        try
        {
            await limiter.AcquireAsync(promptCharacters / 4 + (chatOptions.MaxOutputTokenCount ?? _options.MaxOutputTokens), maxWait, ct).ConfigureAwait(false);
        }
        catch (LlmRateLimitException e)
        {
            metrics.Call(operation, model, "rate_limited");
            throw new LlmException(LlmException.Codes.RateLimited, $"{operation}: not sent: {e.Message}.", null, null, isTransient: true, e);
        }

        var attempts = LlmAttempts.Begin();
        LlmCompletion completion;
        try
        {
            var result = await Client(connection).CompleteChatAsync(messages, chatOptions, ct).ConfigureAwait(false);
            // choices: [] deserializes, but the SDK's convenience properties would then throw; check the raw answer first.
            if (!HasChoice(result.GetRawResponse().Content))
                throw new LlmException(LlmException.Codes.EmptyResponse, $"{operation}: the LLM provider returned a completion without choices.", null, null, false);
            completion = From(result.Value, model, attempts.Count);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Unreadable(e) && FromRaw(attempts.LastResponseBody, model, attempts.Count) is { } raw)
        {
            completion = raw;
        }
        catch (Exception e)
        {
            var failure = e as LlmException ?? Failure(operation, e, connection.ApiKey);
            failure.Attempts = attempts.Count;
            metrics.Call(operation, model, "failed");
            LogFailed(operation, model, failure.Reason);
            throw failure;
        }

        metrics.Call(operation, model, "ok");
        metrics.Tokens(operation, model, completion.InputTokens, completion.OutputTokens);
        return completion;
    }

    private static bool Unreadable(Exception e) =>
        e is JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException;

    private static bool HasChoice(BinaryData body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("choices", out var choices)
                && choices.ValueKind == JsonValueKind.Array
                && choices.GetArrayLength() > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static LlmCompletion From(ChatCompletion c, string model, int attempts) => new(
        c.Id,
        model,
        c.Model,
        string.Concat(c.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text)),
        c.Refusal,
        c.FinishReason switch
        {
            ChatFinishReason.Stop => "stop",
            ChatFinishReason.Length => "length",
            ChatFinishReason.ContentFilter => "content_filter",
            ChatFinishReason.ToolCalls => "tool_calls",
            ChatFinishReason.FunctionCall => "function_call",
            _ => null,
        },
        c.Usage?.InputTokenCount ?? 0,
        c.Usage?.OutputTokenCount ?? 0,
        c.Usage is not null,
        attempts);

    /// <summary>Reads <c>choices[0].message</c>, <c>finish_reason</c> and <c>usage</c> leniently; null when the body is no completion.</summary>
    internal static LlmCompletion? FromRaw(BinaryData? body, string model, int attempts)
    {
        if (body is null) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || choices[0] is not { ValueKind: JsonValueKind.Object } choice
                || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
                return null;

            var content = message.TryGetProperty("content", out var c) ? c.ValueKind switch
            {
                JsonValueKind.String => c.GetString(),
                JsonValueKind.Array => string.Concat(c.EnumerateArray()
                    .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    .Select(part => part.GetProperty("text").GetString())),
                _ => null,
            } : null;
            var hasUsage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object;
            return new LlmCompletion(Str(root, "id"), model, Str(root, "model"), content, Str(message, "refusal"), Str(choice, "finish_reason"),
                hasUsage ? Int(u, "prompt_tokens") : 0, hasUsage ? Int(u, "completion_tokens") : 0, hasUsage, attempts);
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Str(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        static int Int(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;
    }

    private ChatClient Client(LlmConnection connection) => _clients.GetOrAdd(
        string.Join('\n', connection.Endpoint.Trim(), connection.Model, Hashing.Sha256Hex(connection.ApiKey)),
        _ =>
        {
            var options = new OpenAIClientOptions
            {
                Endpoint = new Uri(connection.Endpoint.Trim(), UriKind.Absolute),
                Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(Dependencies.Llm)),
                // The Llm pipeline retries (honouring Retry-After) and owns every timeout; the SDK must do neither.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            };
            options.AddPolicy(new LlmResponseCapturePolicy(), PipelinePosition.PerCall);
            return new ChatClient(connection.Model, new ApiKeyCredential(connection.ApiKey), options);
        });

    /// <summary>Maps a provider or transport failure to a reason. The SDK's own message quotes the response body (a 401 quotes
    /// the key), so it is never kept; server messages are redacted.</summary>
    private LlmException Failure(string operation, Exception e, string apiKey)
    {
        if (e is ClientResultException { Status: > 0 } http)
        {
            var (code, message) = ErrorOf(http, apiKey);
            var status = (HttpStatusCode)http.Status;
            var what = status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => " (check the API key and endpoint, e.g. Llm:ApiKey and Llm:Endpoint)",
                HttpStatusCode.TooManyRequests => " after retries (rate limited by the provider)",
                _ when TransientFailure.Is(status) => " after retries",
                _ => "",
            };
            var detail = message is null ? "" : $": {Shorten(message)}";
            return new LlmException(code ?? http.Status.ToString(CultureInfo.InvariantCulture),
                $"{operation}: the LLM provider answered HTTP {http.Status.ToString(CultureInfo.InvariantCulture)} {code ?? status.ToString()}{what}{detail}",
                status, message, TransientFailure.Is(status));
        }

        for (var current = e; current is not null; current = current.InnerException)
        {
            var (code, reason) = current switch
            {
                TimeoutRejectedException => (LlmException.Codes.Timeout, "the LLM call timed out (Resilience:Dependencies:Llm:TimeoutSeconds / TotalTimeoutSeconds)"),
                BrokenCircuitException => (LlmException.Codes.CircuitOpen, "not attempted: the Llm circuit is open after repeated failures"),
                RateLimiterRejectedException => (LlmException.Codes.RateLimited, "rejected by the Llm dependency's token bucket (Resilience:Dependencies:Llm:RateLimit)"),
                ExecutionRejectedException => (LlmException.Codes.HttpError, "rejected by the Llm resilience pipeline"),
                HttpRequestException => (LlmException.Codes.ConnectionFailed, "the LLM provider could not be reached"),
                OperationCanceledException => (LlmException.Codes.Timeout, "the LLM call timed out"),
                _ => (null, null),
            };
            if (code is not null) return new LlmException(code, $"{operation}: {reason}.", null, null, isTransient: true, current);
        }
        if (e is ClientResultException)
            return new LlmException(LlmException.Codes.ConnectionFailed, $"{operation}: the LLM provider could not be reached.", null, null, isTransient: true, e.InnerException);
        // The SDK could not read a 200 answer (a body that is no chat completion).
        return Unreadable(e)
            ? new LlmException(LlmException.Codes.InvalidResponse, $"{operation}: the LLM provider returned a response that is not a valid chat completion ({e.GetType().Name}).", null, null, false)
            : new LlmException(LlmException.Codes.HttpError, $"{operation}: the LLM call failed ({e.GetType().Name}).", null, null, false);
    }

    private (string? Code, string? Message) ErrorOf(ClientResultException e, string apiKey)
    {
        try
        {
            if (e.GetRawResponse()?.Content is { } body && body.ToMemory().Length > 0)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                    return (Redact(Redact(StringOf(error, "code") ?? StringOf(error, "type")), apiKey), Redact(Redact(StringOf(error, "message")), apiKey));
            }
        }
        catch (JsonException)
        {
            // An error page that is not the documented JSON: the status code is all we have.
        }
        return (null, null);
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Whatever the server echoes, the key never reaches a reason.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private string? Redact(string? text) =>
        text is null || string.IsNullOrEmpty(_options.ApiKey) ? text : text.Replace(_options.ApiKey, "***", StringComparison.Ordinal);

    /// <summary>The same for the key of a caller's own connection.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Redact(string? text, string apiKey) =>
        text is null || string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);

    private static string Describe(JsonException e) => $"line {e.LineNumber}, byte {e.BytePositionInLine}";

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    /// <summary>Models asked for JSON sometimes still wrap it in a Markdown code fence.</summary>
    private static string StripCodeFence(string content)
    {
        var text = content.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine < 0 || end <= firstLine ? text : text[(firstLine + 1)..end].Trim();
    }

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "LLM {Operation} with {Model}: answer rejected ({Problem}); one repair attempt")]
    private partial void LogRepair(string operation, string model, string problem);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "LLM {Operation} with {Model} failed: {Reason}")]
    private partial void LogFailed(string operation, string model, string reason);
}
