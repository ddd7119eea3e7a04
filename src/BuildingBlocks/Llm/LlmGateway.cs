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
/// one provider call (HybridCache stampede protection); with Redis configured the answers are shared by nodes and survive
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
            throw new LlmException($"{operation}: the LLM gateway is not configured (Llm:ApiKey is empty).");

        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            List<ChatMessage> messages = [new SystemChatMessage(request.SystemPrompt), new UserChatMessage(request.UserPrompt)];
            var chatOptions = new ChatCompletionOptions
            {
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(request.Schema.Name,
                    BinaryData.FromString(request.Schema.Schema.ToJsonString()), jsonSchemaIsStrict: true),
                Temperature = _options.Temperature is { } temperature ? (float)temperature : null,
                MaxOutputTokenCount = _options.MaxOutputTokens,
            };
            var maxWait = request.Timeout ?? TimeSpan.FromSeconds(_options.MaxQueueWaitSeconds);

            var first = await SendAsync(operation, model, messages, chatOptions, maxWait, ct).ConfigureAwait(false);
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
            var second = await SendAsync(operation, model, messages, chatOptions, maxWait, ct).ConfigureAwait(false);
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

    private async Task<Sent> SendAsync(string operation, string model, List<ChatMessage> messages, ChatCompletionOptions chatOptions,
        TimeSpan maxWait, CancellationToken ct)
    {
        var promptCharacters = messages.Sum(m => m.Content.Sum(p => p.Text?.Length ?? 0));
        try
        {
            await limiter.AcquireAsync(promptCharacters / 4 + _options.MaxOutputTokens, maxWait, ct).ConfigureAwait(false);
        }
        catch (LlmRateLimitException e)
        {
            metrics.Call(operation, model, "rate_limited");
            throw new LlmException($"{operation}: not sent: {e.Message}.", e);
        }

        ChatCompletion completion;
        try
        {
            completion = (await Client(model).CompleteChatAsync(messages, chatOptions, ct).ConfigureAwait(false)).Value;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var failure = Failure(operation, e);
            metrics.Call(operation, model, "failed");
            LogFailed(operation, model, failure.Reason);
            throw failure;
        }

        var usage = completion.Usage;
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        metrics.Call(operation, model, "ok");
        metrics.Tokens(operation, model, input, output);
        if (!string.IsNullOrWhiteSpace(completion.Refusal))
            throw new LlmException($"{operation}: the model refused: {Shorten(Redact(completion.Refusal))}");
        var content = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new Sent(content, input, output);
    }

    private sealed record Sent(string? Content, int InputTokens, int OutputTokens);

    private ChatClient Client(string model) => _clients.GetOrAdd(model, m => new ChatClient(m, new ApiKeyCredential(_options.ApiKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(_options.Endpoint.Trim(), UriKind.Absolute),
        Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(Dependencies.Llm)),
        // The Llm pipeline retries (honouring Retry-After) and owns every timeout; the SDK must do neither.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = Timeout.InfiniteTimeSpan,
    }));

    /// <summary>Maps a provider or transport failure to a reason. The SDK's own message quotes the response body (a 401 quotes
    /// the key), so it is never kept; server messages are redacted.</summary>
    private LlmException Failure(string operation, Exception e)
    {
        if (e is ClientResultException { Status: > 0 } http)
        {
            var (code, message) = ErrorOf(http);
            var status = (HttpStatusCode)http.Status;
            var what = status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => " (check Llm:ApiKey and Llm:Endpoint)",
                HttpStatusCode.TooManyRequests => " after retries (rate limited by the provider)",
                _ when TransientFailure.Is(status) => " after retries",
                _ => "",
            };
            var detail = message is null ? "" : $": {Shorten(message)}";
            return new LlmException(
                $"{operation}: the LLM provider answered HTTP {http.Status.ToString(CultureInfo.InvariantCulture)} {code ?? status.ToString()}{what}{detail}");
        }

        for (var current = e; current is not null; current = current.InnerException)
        {
            var reason = current switch
            {
                TimeoutRejectedException => "the LLM call timed out (Resilience:Dependencies:Llm:TimeoutSeconds / TotalTimeoutSeconds)",
                BrokenCircuitException => "not attempted: the Llm circuit is open after repeated failures",
                RateLimiterRejectedException => "rejected by the Llm dependency's token bucket (Resilience:Dependencies:Llm:RateLimit)",
                ExecutionRejectedException => "rejected by the Llm resilience pipeline",
                HttpRequestException => "the LLM provider could not be reached",
                OperationCanceledException => "the LLM call timed out",
                _ => null,
            };
            if (reason is not null) return new LlmException($"{operation}: {reason}.", current);
        }
        // The SDK could not read a 200 answer (a body that is no chat completion).
        return e is JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException
            ? new LlmException($"{operation}: the LLM provider returned a response that is not a valid chat completion ({e.GetType().Name}).")
            : new LlmException($"{operation}: the LLM call failed ({e.GetType().Name}).");
    }

    private (string? Code, string? Message) ErrorOf(ClientResultException e)
    {
        try
        {
            if (e.GetRawResponse()?.Content is { } body && body.ToMemory().Length > 0)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                    return (Redact(StringOf(error, "code") ?? StringOf(error, "type")), Redact(StringOf(error, "message")));
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
