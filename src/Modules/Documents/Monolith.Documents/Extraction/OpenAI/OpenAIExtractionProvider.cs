using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Monolith.Documents.Extraction.OpenAI;

/// <summary>Tokens one completion used, as the server reported them in <c>usage</c>.</summary>
public sealed record OpenAITokenUsage(int InputTokens, int OutputTokens, int TotalTokens);

/// <summary>
/// What one extraction produced, with the details <see cref="ExtractionResult"/> has no room for. <see cref="ProviderCall.Model"/>
/// is the configured model (what was asked for); <see cref="ServedModel"/> the snapshot the server says answered.
/// </summary>
public sealed record OpenAIExtraction(
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<LineItem> LineItems,
    ProviderCall Call,
    OpenAITokenUsage? Usage,
    decimal? EstimatedCost,
    string PromptVersion,
    bool InputTruncated,
    string? CompletionId,
    string? ServedModel);

/// <summary>
/// Extraction by a chat model through the official OpenAI .NET SDK (Chat Completions, JSON object output). Works from the
/// text layer (<see cref="NeedsText"/>): the document's text, cut to <c>MaxInputCharacters</c>, goes with the versioned
/// prompt of <see cref="OpenAIPrompt"/>; the answer is parsed by <see cref="OpenAIResponseParser"/>. The SDK's own retries are
/// off and its transport is the <c>Llm</c> HttpClient, so timeouts, retries (Retry-After on 429/5xx), circuit breaker and
/// rate limit are the shared BuildingBlocks pipeline's. The result carries one <see cref="ProviderCall"/> ("extract", model,
/// HTTP attempts, duration). Every failure is an <see cref="OpenAIExtractionException"/> whose
/// <see cref="OpenAIExtractionException.Call"/> holds the failed call; cancellation by the caller stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed partial class OpenAIExtractionProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<OpenAIExtractionOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenAIExtractionProvider> logger) : IExtractionProvider
{
    public const string Operation = "extract";

    private readonly OpenAIExtractionOptions _options = options.Value;
    private ChatClient? _client;

    public string Name => OpenAIResponseParser.ProviderName;

    public bool NeedsText => true;

    public bool IsConfigured => _options.IsConfigured;

    public string Model => _options.Model;

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var extraction = await ExtractDetailedAsync(request, ct).ConfigureAwait(false);
        return new ExtractionResult(extraction.Fields, extraction.LineItems, Name, [extraction.Call]);
    }

    /// <summary>Like <see cref="ExtractAsync"/> but also returns token usage, cost estimate, prompt version and truncation.</summary>
    public async Task<OpenAIExtraction> ExtractDetailedAsync(ExtractionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        var attempts = OpenAIAttemptCountingHandler.Begin();
        OpenAITokenUsage? usage = null;
        try
        {
            if (!IsConfigured)
                throw Error(OpenAIExtractionException.Codes.NotConfigured,
                    $"The OpenAI extraction provider is not configured ({OpenAIExtractionOptions.Section}:Endpoint is empty).");
            var text = request.Text is { IsEmpty: false } documentText ? documentText.FullText : null;
            if (text is null)
                throw Error(OpenAIExtractionException.Codes.NoText,
                    "The OpenAI extraction provider needs the document's text, and the request has none (scan without OCR?).");

            var truncated = text.Length > _options.MaxInputCharacters;
            if (truncated)
            {
                var cut = _options.MaxInputCharacters;
                if (char.IsHighSurrogate(text[cut - 1])) cut--; // never split a surrogate pair
                text = text[..cut];
            }
            ChatMessage[] messages =
            [
                new SystemChatMessage(OpenAIPrompt.System(request.Type, _options.PromptVersion)),
                new UserChatMessage(OpenAIPrompt.User(request.Type, text, truncated)),
            ];
            var chatOptions = new ChatCompletionOptions
            {
                ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
                Temperature = _options.Temperature is { } temperature ? (float)temperature : null,
                MaxOutputTokenCount = _options.MaxOutputTokens,
            };

            var completion = await CompleteAsync(messages, chatOptions, attempts, ct).ConfigureAwait(false);
            usage = completion.Usage;
            var content = ContentOf(completion);

            IReadOnlyList<ExtractedField> fields;
            IReadOnlyList<LineItem> items;
            try
            {
                (fields, items) = OpenAIResponseParser.Parse(content, request.Type);
            }
            catch (JsonException e)
            {
                throw completion.FinishReason == "length"
                    ? Error(OpenAIExtractionException.Codes.Truncated, "The model's answer was cut at the output token limit before its JSON was complete.", e)
                    : Error(OpenAIExtractionException.Codes.InvalidContent, $"The model's answer is not a JSON object ({Describe(e)}).", e);
            }

            var cost = _options.EstimateCost(usage);
            var call = new ProviderCall(Name, Operation, _options.Model, attempts.Count, Elapsed(started), Succeeded: true, Error: null,
                usage?.InputTokens, usage?.OutputTokens, cost, _options.PromptVersion);
            LogExtracted(request.DocumentId, completion.Model ?? _options.Model, _options.PromptVersion, attempts.Count, fields.Count, usage?.InputTokens, usage?.OutputTokens);
            return new OpenAIExtraction(fields, items, call, usage, cost, _options.PromptVersion, truncated, completion.Id, completion.Model);
        }
        catch (OpenAIExtractionException e)
        {
            e.Attempts = attempts.Count;
            e.Usage ??= usage;
            e.Call = new ProviderCall(Name, Operation, _options.Model, attempts.Count, Elapsed(started), Succeeded: false, $"{e.ErrorCode}: {e.Message}",
                usage?.InputTokens, usage?.OutputTokens, _options.EstimateCost(usage), _options.PromptVersion);
            LogFailed(request.DocumentId, _options.Model, e.ErrorCode, (int?)e.StatusCode, attempts.Count);
            throw;
        }
    }

    private async Task<Completion> CompleteAsync(
        ChatMessage[] messages, ChatCompletionOptions chatOptions, OpenAIAttemptCounter attempts, CancellationToken ct)
    {
        ClientResult<ChatCompletion> result;
        try
        {
            result = await Client().CompleteChatAsync(messages, chatOptions, ct).ConfigureAwait(false);
        }
        catch (ClientResultException e)
        {
            throw HttpFailure(e);
        }
        catch (Exception e) when (Transport(e) is { } mapped)
        {
            throw mapped;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            // The SDK could not read a 200 answer (OpenAI-compatible servers send finish_reason null or values the SDK does not
            // know): read the raw body ourselves; only a body that is not a chat completion at all is an error.
            return Completion.FromRaw(attempts.LastResponseBody)
                ?? throw Error(OpenAIExtractionException.Codes.InvalidResponse,
                    $"The OpenAI server returned a response that is not a valid chat completion ({e.GetType().Name}).", e as JsonException);
        }

        // choices: [] deserializes, but the SDK's convenience properties would then throw; check the raw answer first.
        if (!HasChoice(result.GetRawResponse()))
            throw Error(OpenAIExtractionException.Codes.EmptyResponse, "The OpenAI server returned a completion without choices.");
        return Completion.From(result.Value);
    }

    private static string ContentOf(Completion completion)
    {
        if (!string.IsNullOrWhiteSpace(completion.Refusal))
            throw new OpenAIExtractionException(OpenAIExtractionException.Codes.Refused,
                $"The model refused to extract the document: {Shorten(completion.Refusal)}", statusCode: null, completion.Refusal, isTransient: false);
        if (completion.FinishReason == "content_filter")
            throw Error(OpenAIExtractionException.Codes.Refused, "The model's answer was stopped by the content filter.");
        if (string.IsNullOrWhiteSpace(completion.Content))
            throw Error(completion.FinishReason == "length" ? OpenAIExtractionException.Codes.Truncated : OpenAIExtractionException.Codes.EmptyResponse,
                "The model's answer has no content.");
        return completion.Content;
    }

    private ChatClient Client() => _client ??= new ChatClient(_options.Model, new ApiKeyCredential(_options.ApiKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(_options.Endpoint.Trim(), UriKind.Absolute),
        Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(Dependencies.Llm)),
        // The Llm pipeline retries (honouring Retry-After) and owns every timeout; the SDK must do neither.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = Timeout.InfiniteTimeSpan,
    }.WithCapture());

    private static bool HasChoice(PipelineResponse response) => HasChoice(response.Content);

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

    /// <summary>An error status the pipeline gave up on (after retries for 429/5xx), or a transport error the SDK wrapped.</summary>
    private OpenAIExtractionException HttpFailure(ClientResultException e)
    {
        if (e.Status == 0)
            return Transport(e) ?? new OpenAIExtractionException(OpenAIExtractionException.Codes.ConnectionFailed,
                "The OpenAI server could not be reached.", statusCode: null, serviceMessage: null, isTransient: true, e.InnerException);

        string? code = null, type = null, message = null;
        try
        {
            if (e.GetRawResponse()?.Content is { } body && body.ToMemory().Length > 0)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code = StringOf(error, "code");
                    type = StringOf(error, "type");
                    message = StringOf(error, "message");
                }
            }
        }
        catch (JsonException)
        {
            // An error page that is not the documented JSON: the status code is all we have.
        }

        var status = (HttpStatusCode)e.Status;
        var errorCode = Redact(code) ?? Redact(type) ?? e.Status.ToString(CultureInfo.InvariantCulture);
        message = Redact(message);
        var detail = message is null ? "" : $": {Shorten(message)}";
        // The SDK's own exception message quotes the whole response body; it is deliberately not kept as the inner exception.
        return new OpenAIExtractionException(errorCode, $"The OpenAI chat completion failed with HTTP {e.Status} {errorCode}{detail}",
            status, message, TransientFailure.Is(status));
    }

    private static OpenAIExtractionException? Transport(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            var (code, what) = current switch
            {
                TimeoutRejectedException => (OpenAIExtractionException.Codes.Timeout, "timed out"),
                BrokenCircuitException => (OpenAIExtractionException.Codes.CircuitOpen, "was not attempted: the Llm circuit is open after repeated failures"),
                RateLimiterRejectedException => (OpenAIExtractionException.Codes.RateLimited, "was rejected by the local Llm rate limiter"),
                ExecutionRejectedException => (OpenAIExtractionException.Codes.HttpError, "was rejected by the resilience pipeline"),
                HttpRequestException => (OpenAIExtractionException.Codes.ConnectionFailed, "could not reach the server"),
                _ => (null, null),
            };
            if (code is not null)
                return new OpenAIExtractionException(code, $"The OpenAI chat completion {what}.", statusCode: null, serviceMessage: null,
                    isTransient: true, current);
        }
        return null;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static OpenAIExtractionException Error(string code, string message, Exception? inner = null) =>
        new(code, message, statusCode: null, serviceMessage: null, isTransient: false, inner);

    private static string Describe(JsonException e) => $"{e.Path ?? "root"}, line {e.LineNumber}, byte {e.BytePositionInLine}";

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    /// <summary>Belt and braces: whatever the server echoes, the key never reaches a message.</summary>
    private string? Redact(string? text) =>
        text is null || string.IsNullOrEmpty(_options.ApiKey) ? text : text.Replace(_options.ApiKey, "***", StringComparison.Ordinal);

    private long Elapsed(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug,
        Message = "OpenAI extracted document {DocumentId} with {Model} (prompt {PromptVersion}) in {Attempts} attempt(s): {Fields} field(s), {InputTokens}/{OutputTokens} tokens")]
    private partial void LogExtracted(Guid documentId, string model, string promptVersion, int attempts, int fields, int? inputTokens, int? outputTokens);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning,
        Message = "OpenAI extraction of document {DocumentId} with {Model} failed: {ErrorCode} (HTTP {Status}) after {Attempts} attempt(s)")]
    private partial void LogFailed(Guid documentId, string model, string errorCode, int? status, int attempts);
}

/// <summary>The parts of a chat completion the provider uses, from the SDK's typed result or, as a fallback, the raw JSON.</summary>
internal sealed record Completion(string? Id, string? Model, string? Content, string? Refusal, string? FinishReason, OpenAITokenUsage? Usage)
{
    public static Completion From(ChatCompletion completion) => new(
        completion.Id,
        completion.Model,
        string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text)),
        completion.Refusal,
        completion.FinishReason switch
        {
            ChatFinishReason.Stop => "stop",
            ChatFinishReason.Length => "length",
            ChatFinishReason.ContentFilter => "content_filter",
            ChatFinishReason.ToolCalls => "tool_calls",
            ChatFinishReason.FunctionCall => "function_call",
            _ => null,
        },
        completion.Usage is { } u ? new OpenAITokenUsage(u.InputTokenCount, u.OutputTokenCount, u.TotalTokenCount) : null);

    /// <summary>Reads <c>choices[0].message</c>, <c>finish_reason</c> and <c>usage</c> leniently; null when the body is no completion.</summary>
    public static Completion? FromRaw(BinaryData? body)
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
            var usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
                ? new OpenAITokenUsage(Int(u, "prompt_tokens"), Int(u, "completion_tokens"), Int(u, "total_tokens"))
                : null;
            return new Completion(Str(root, "id"), Str(root, "model"), content, Str(message, "refusal"), Str(choice, "finish_reason"), usage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;
}

internal static class OpenAIClientOptionsExtensions
{
    public static OpenAIClientOptions WithCapture(this OpenAIClientOptions options)
    {
        options.AddPolicy(new OpenAIResponseCapturePolicy(), PipelinePosition.PerCall);
        return options;
    }
}
