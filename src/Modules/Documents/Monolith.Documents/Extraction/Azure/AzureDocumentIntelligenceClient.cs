using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Monolith.Documents.Extraction.Azure;

/// <summary>What one analyze produced: the parsed <c>analyzeResult</c> and how many HTTP attempts/polls it took.</summary>
public sealed record AzureAnalyzeResponse(AnalyzeResult Result, string ModelId, int Attempts, int Polls);

/// <summary>
/// Typed HttpClient for the Azure Document Intelligence REST protocol (no SDK):
/// <c>POST {endpoint}/{documentintelligence|formrecognizer}/documentModels/{modelId}:analyze?api-version=...</c> → 202 +
/// <c>Operation-Location</c>, then <c>GET</c> that URL, waiting <c>Retry-After</c> (or the configured interval) between polls,
/// until <c>succeeded</c>, <c>failed</c> or <c>canceled</c>, at most <c>MaxPollSeconds</c>. Retries, rate limit, circuit and
/// per-attempt timeouts come from the shared <c>DocumentIntelligence</c> pipeline in the handler chain.
/// Every failure surfaces as <see cref="AzureDocumentIntelligenceException"/>.
/// </summary>
public sealed partial class AzureDocumentIntelligenceClient(
    HttpClient http,
    IOptions<AzureDocumentIntelligenceOptions> options,
    TimeProvider timeProvider,
    ILogger<AzureDocumentIntelligenceClient> logger)
{
    internal const string KeyHeader = "Ocp-Apim-Subscription-Key";

    /// <summary>Content types the v3 (2023-07-31) raw-bytes body accepts; anything else goes as application/octet-stream.</summary>
    private static readonly HashSet<string> RawContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/octet-stream", "application/pdf", "image/jpeg", "image/png", "image/tiff", "image/bmp", "image/heif", "text/html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    private readonly AzureDocumentIntelligenceOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>The analyze URL for <paramref name="modelId"/> with the configured endpoint and api-version.</summary>
    public Uri AnalyzeUri(string modelId)
    {
        var root = _options.UsesDocumentIntelligenceRoute ? "documentintelligence" : "formrecognizer";
        return new Uri(
            $"{_options.EndpointBase}/{root}/documentModels/{Uri.EscapeDataString(modelId)}:analyze?api-version={Uri.EscapeDataString(_options.ApiVersion)}",
            UriKind.Absolute);
    }

    /// <summary>Analyzes <paramref name="content"/> with <paramref name="modelId"/> and waits for the result.</summary>
    public async Task<AzureAnalyzeResponse> AnalyzeAsync(string modelId, ReadOnlyMemory<byte> content, string mediaType, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (!IsConfigured)
            throw new AzureDocumentIntelligenceException(AzureDocumentIntelligenceException.Codes.NotConfigured,
                $"Azure Document Intelligence is not configured ({AzureDocumentIntelligenceOptions.Section}:Endpoint is empty).",
                statusCode: null, serviceMessage: null, isTransient: false);

        var attempts = new AttemptCounter();
        try
        {
            var operation = await StartAsync(modelId, content, mediaType, attempts, ct).ConfigureAwait(false);
            var (result, polls) = await PollAsync(operation.Location, operation.RetryAfter, ct).ConfigureAwait(false);
            LogAnalyzed(modelId, attempts.Count, polls);
            return new AzureAnalyzeResponse(result, modelId, attempts.Count, polls);
        }
        catch (AzureDocumentIntelligenceException e)
        {
            e.Attempts = attempts.Count;
            LogFailed(modelId, e.ErrorCode, (int?)e.StatusCode);
            throw;
        }
    }

    private async Task<(Uri Location, TimeSpan? RetryAfter)> StartAsync(
        string modelId, ReadOnlyMemory<byte> content, string mediaType, AttemptCounter attempts, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AnalyzeUri(modelId)) { Content = Body(content, mediaType) };
        request.Options.Set(AttemptCountingHandler.Key, attempts);
        using var response = await SendAsync(request, "analyze", ct).ConfigureAwait(false);

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            if (response.IsSuccessStatusCode)
                throw Invalid($"analyze answered {(int)response.StatusCode} instead of 202 Accepted.");
            throw await ErrorFromAsync(response, "analyze", ct).ConfigureAwait(false);
        }

        var location = response.Headers.TryGetValues("Operation-Location", out var values) ? values.FirstOrDefault() : null;
        if (!Uri.TryCreate(location, UriKind.Absolute, out var operationUri))
            throw Invalid("analyze answered 202 without a usable Operation-Location header.");
        // The key goes only to the configured resource, never to a host a response names.
        var endpoint = new Uri(_options.EndpointBase, UriKind.Absolute);
        if (Uri.Compare(operationUri, endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw Invalid("analyze answered with an Operation-Location on another host than the configured endpoint.");

        return (operationUri, RetryAfter.Parse(response, timeProvider.GetUtcNow()));
    }

    private HttpContent Body(ReadOnlyMemory<byte> content, string mediaType)
    {
        if (_options.UsesDocumentIntelligenceRoute)
        {
            // 2024-11-30 (DocumentModels_AnalyzeDocument): JSON {"base64Source": "..."}.
            return JsonContent.Create(new Base64AnalyzeRequest(Convert.ToBase64String(content.Span)), AzureJsonContext.Default.Base64AnalyzeRequest);
        }

        // 2023-07-31: the raw bytes with their media type.
        var body = new ReadOnlyMemoryContent(content);
        var type = MediaTypeHeaderValue.TryParse(mediaType, out var parsed) && parsed.MediaType is { } name && RawContentTypes.Contains(name)
            ? name
            : "application/octet-stream";
        body.Headers.ContentType = new MediaTypeHeaderValue(type);
        return body;
    }

    private async Task<(AnalyzeResult Result, int Polls)> PollAsync(Uri operation, TimeSpan? firstDelay, CancellationToken ct)
    {
        var interval = TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds);
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(_options.MaxPollSeconds), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        var delay = firstDelay ?? interval;
        var polls = 0;
        try
        {
            while (true)
            {
                await Task.Delay(delay, timeProvider, linked.Token).ConfigureAwait(false);

                using var request = new HttpRequestMessage(HttpMethod.Get, operation);
                using var response = await SendAsync(request, "poll", linked.Token).ConfigureAwait(false);
                polls++;
                if (!response.IsSuccessStatusCode) throw await ErrorFromAsync(response, "poll", linked.Token).ConfigureAwait(false);

                var body = await ReadJsonAsync(response, AzureJsonContext.Default.AnalyzeOperation, linked.Token).ConfigureAwait(false);
                switch (body.Status?.ToUpperInvariant())
                {
                    case "SUCCEEDED":
                        return (body.AnalyzeResult ?? throw Invalid("the operation succeeded without an analyzeResult."), polls);
                    case "FAILED":
                        throw OperationFailed(body.Error, "failed");
                    case "CANCELED" or "CANCELLED":
                        throw OperationFailed(body.Error, "was canceled", AzureDocumentIntelligenceException.Codes.Canceled);
                    case "NOTSTARTED" or "RUNNING":
                        delay = RetryAfter.Parse(response, timeProvider.GetUtcNow()) ?? interval;
                        break;
                    default:
                        throw Invalid($"the operation reported an unknown status '{Redact(body.Status)}'.");
                }
            }
        }
        catch (OperationCanceledException e) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new AzureDocumentIntelligenceException(AzureDocumentIntelligenceException.Codes.OperationTimedOut,
                $"Azure Document Intelligence did not finish the analyze operation within {_options.MaxPollSeconds} s ({polls} polls).",
                statusCode: null, serviceMessage: null, isTransient: true, e);
        }
    }

    /// <summary>Sends with the key header; turns the pipeline's rejections and transport errors into our exception.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string step, CancellationToken ct)
    {
        request.Headers.TryAddWithoutValidation(KeyHeader, _options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Transport(e, step) is { } mapped)
        {
            throw mapped;
        }
    }

    private static AzureDocumentIntelligenceException? Transport(Exception e, string step)
    {
        var (code, what) = e switch
        {
            TimeoutRejectedException => (AzureDocumentIntelligenceException.Codes.Timeout, "timed out"),
            BrokenCircuitException => (AzureDocumentIntelligenceException.Codes.CircuitOpen,
                "was not attempted: the DocumentIntelligence circuit is open after repeated failures"),
            RateLimiterRejectedException => (AzureDocumentIntelligenceException.Codes.RateLimited,
                "was rejected by the local DocumentIntelligence rate limiter"),
            ExecutionRejectedException => (AzureDocumentIntelligenceException.Codes.HttpError, "was rejected by the resilience pipeline"),
            HttpRequestException => (AzureDocumentIntelligenceException.Codes.ConnectionFailed, "could not reach the service"),
            _ => (null, null),
        };
        return code is null
            ? null
            : new AzureDocumentIntelligenceException(code, $"Azure Document Intelligence {step} {what}.", statusCode: null,
                serviceMessage: null, isTransient: true, e);
    }

    private async Task<AzureDocumentIntelligenceException> ErrorFromAsync(HttpResponseMessage response, string step, CancellationToken ct)
    {
        AzureError? error = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text)) error = JsonSerializer.Deserialize(text, AzureJsonContext.Default.AzureErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // An error page that is not the documented JSON: the status code is all we have.
        }

        var status = response.StatusCode;
        var code = Redact(error?.Code) ?? ((int)status).ToString(CultureInfo.InvariantCulture);
        var message = Redact(error?.Message);
        var inner = Redact(error?.InnerError?.Code);
        var detail = message is null ? "" : $": {message}";
        var innerText = inner is null ? "" : $" ({inner})";
        return new AzureDocumentIntelligenceException(code,
            $"Azure Document Intelligence {step} failed with HTTP {(int)status} {code}{innerText}{detail}",
            status, message, TransientFailure.Is(status)) { InnerErrorCode = inner };
    }

    private AzureDocumentIntelligenceException OperationFailed(AzureError? error, string what, string? fallbackCode = null)
    {
        var code = Redact(error?.Code) ?? fallbackCode ?? "OperationFailed";
        var message = Redact(error?.Message);
        var inner = Redact(error?.InnerError?.Code);
        var innerMessage = Redact(error?.InnerError?.Message);
        var detail = string.Join(" ", new[] { message, innerMessage }.Where(m => !string.IsNullOrWhiteSpace(m)));
        return new AzureDocumentIntelligenceException(code,
            $"Azure Document Intelligence analyze operation {what}: {code}{(inner is null ? "" : $" ({inner})")}{(detail.Length == 0 ? "" : $": {detail}")}",
            statusCode: null, message, isTransient: false) { InnerErrorCode = inner };
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
        where T : class
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
                return await JsonSerializer.DeserializeAsync(stream, type, ct).ConfigureAwait(false) ?? throw Invalid("the response body was JSON null.");
        }
        catch (JsonException e)
        {
            throw Invalid($"the response body is not valid JSON ({e.Path ?? "root"}, line {e.LineNumber}).", e);
        }
    }

    private static AzureDocumentIntelligenceException Invalid(string what, Exception? inner = null) =>
        new(AzureDocumentIntelligenceException.Codes.InvalidResponse, $"Azure Document Intelligence returned an invalid response: {what}",
            statusCode: null, serviceMessage: null, isTransient: false, inner);

    /// <summary>Belt and braces: whatever the service echoes, the key never reaches a message.</summary>
    private string? Redact(string? text) =>
        text is null || string.IsNullOrEmpty(_options.ApiKey) ? text : text.Replace(_options.ApiKey, "***", StringComparison.Ordinal);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Azure Document Intelligence analyzed with {ModelId} in {Attempts} attempt(s) and {Polls} poll(s)")]
    private partial void LogAnalyzed(string modelId, int attempts, int polls);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Azure Document Intelligence analyze with {ModelId} failed: {ErrorCode} (HTTP {Status})")]
    private partial void LogFailed(string modelId, string errorCode, int? status);
}
