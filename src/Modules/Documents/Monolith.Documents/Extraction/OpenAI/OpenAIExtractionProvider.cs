using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Llm;

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
/// Extraction by a chat model through the platform's one LLM gateway (<see cref="LlmGateway.CompleteAsync{T}"/>): this
/// provider supplies only its prompt (<see cref="OpenAIPrompt"/>, the document's text cut to <c>MaxInputCharacters</c>) and
/// its parser (<see cref="OpenAIResponseParser"/>); the gateway sends it to <c>Documents:OpenAI:Endpoint</c> with a JSON
/// object answer, through the per-minute budgets, the shared <c>Llm</c> resilience pipeline (timeouts, retries honouring
/// Retry-After on 429/5xx, circuit breaker), redaction, the <c>Monolith.Llm</c> metrics and — with
/// <c>Documents:OpenAI:CacheAnswers</c> — the answer cache (an identical text, prompt and model is not paid twice; identical
/// concurrent extractions share one call; answers the parser rejects are never kept). The result carries one
/// <see cref="ProviderCall"/> ("extract", model, HTTP attempts — 0 for a cached answer —, duration). Every failure is an
/// <see cref="OpenAIExtractionException"/> whose <see cref="OpenAIExtractionException.Call"/> holds the failed call;
/// cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed partial class OpenAIExtractionProvider(
    LlmGateway gateway,
    IOptions<OpenAIExtractionOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenAIExtractionProvider> logger) : IExtractionProvider
{
    public const string Operation = "extract";

    private readonly OpenAIExtractionOptions _options = options.Value;

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
        var attempts = 0;
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
            var chat = new LlmChatRequest(Operation, _options.PromptVersion,
                OpenAIPrompt.System(request.Type, _options.PromptVersion), OpenAIPrompt.User(request.Type, text, truncated))
            {
                Connection = new LlmConnection(_options.Endpoint, _options.ApiKey, _options.Model),
                Temperature = _options.Temperature,
                MaxOutputTokens = _options.MaxOutputTokens,
                Cache = _options.CacheAnswers,
            };

            LlmAnswer<(IReadOnlyList<ExtractedField> Fields, IReadOnlyList<LineItem> Items)> answer;
            try
            {
                answer = await gateway.CompleteAsync(chat, completion => Read(completion, request.Type), ct).ConfigureAwait(false);
            }
            catch (LlmException e)
            {
                attempts = e.Attempts;
                throw new OpenAIExtractionException(e.Code, e.Reason, e.StatusCode, e.ServiceMessage, e.IsTransient, e.InnerException);
            }
            catch (OpenAIExtractionException e)
            {
                attempts = e.Attempts;
                usage = e.Usage;
                throw;
            }

            var completion = answer.Completion;
            attempts = completion.Attempts;
            usage = completion.Attempts == 0 ? null : UsageOf(completion);
            var cost = completion.Attempts == 0 ? 0m : _options.EstimateCost(usage);
            var (fields, items) = answer.Output;
            var call = new ProviderCall(Name, Operation, _options.Model, attempts, Elapsed(started), Succeeded: true, Error: null,
                usage?.InputTokens, usage?.OutputTokens, cost, _options.PromptVersion);
            LogExtracted(request.DocumentId, completion.ServedModel ?? _options.Model, _options.PromptVersion, attempts, fields.Count, usage?.InputTokens, usage?.OutputTokens);
            return new OpenAIExtraction(fields, items, call, usage, cost, _options.PromptVersion, truncated, completion.Id, completion.ServedModel);
        }
        catch (OpenAIExtractionException e)
        {
            e.Attempts = attempts;
            e.Usage ??= usage;
            e.Call = new ProviderCall(Name, Operation, _options.Model, attempts, Elapsed(started), Succeeded: false, $"{e.ErrorCode}: {e.Message}",
                usage?.InputTokens, usage?.OutputTokens, _options.EstimateCost(usage), _options.PromptVersion);
            LogFailed(request.DocumentId, _options.Model, e.ErrorCode, (int?)e.StatusCode, attempts);
            throw;
        }
    }

    /// <summary>The parser's side of the call: the answer's content as fields and line items, or the reason it is unusable.</summary>
    private static (IReadOnlyList<ExtractedField> Fields, IReadOnlyList<LineItem> Items) Read(LlmCompletion completion, DocumentType type)
    {
        try
        {
            var content = ContentOf(completion);
            try
            {
                return OpenAIResponseParser.Parse(content, type);
            }
            catch (JsonException e)
            {
                throw completion.FinishReason == "length"
                    ? Error(OpenAIExtractionException.Codes.Truncated, "The model's answer was cut at the output token limit before its JSON was complete.", e)
                    : Error(OpenAIExtractionException.Codes.InvalidContent, $"The model's answer is not a JSON object ({Describe(e)}).", e);
            }
        }
        catch (OpenAIExtractionException e)
        {
            e.Attempts = completion.Attempts;
            e.Usage = UsageOf(completion);
            throw;
        }
    }

    private static OpenAITokenUsage? UsageOf(LlmCompletion c) =>
        c.HasUsage ? new OpenAITokenUsage(c.InputTokens, c.OutputTokens, c.InputTokens + c.OutputTokens) : null;

    private static string ContentOf(LlmCompletion completion)
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

    private static OpenAIExtractionException Error(string code, string message, Exception? inner = null) =>
        new(code, message, statusCode: null, serviceMessage: null, isTransient: false, inner);

    private static string Describe(JsonException e) => $"{e.Path ?? "root"}, line {e.LineNumber}, byte {e.BytePositionInLine}";

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    private long Elapsed(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug,
        Message = "OpenAI extracted document {DocumentId} with {Model} (prompt {PromptVersion}) in {Attempts} attempt(s): {Fields} field(s), {InputTokens}/{OutputTokens} tokens")]
    private partial void LogExtracted(Guid documentId, string model, string promptVersion, int attempts, int fields, int? inputTokens, int? outputTokens);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning,
        Message = "OpenAI extraction of document {DocumentId} with {Model} failed: {ErrorCode} (HTTP {Status}) after {Attempts} attempt(s)")]
    private partial void LogFailed(Guid documentId, string model, string errorCode, int? status, int attempts);
}
