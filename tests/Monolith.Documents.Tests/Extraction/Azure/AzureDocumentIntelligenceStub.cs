using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Resilience;
using Monolith.Documents.Extraction.Azure;

namespace Monolith.Documents.Tests.Extraction.Azure;

/// <summary>A request as the stub saw it.</summary>
public sealed record StubRequest(string Method, string Path, string? ApiVersion, string? Key, string? ContentType, byte[] Body)
{
    /// <summary>When the stub received the request (to measure the delay between retries).</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;
}

/// <summary>A scripted misbehaviour for the next request of one kind (analyze or poll).</summary>
public abstract record StubFault
{
    public sealed record Status(int Code, string? RetryAfter = null, string? ErrorCode = null, string? Message = null) : StubFault;
    public sealed record Slow(TimeSpan Delay) : StubFault;

    /// <summary>HTTP 200 at once, then the body trickled one whitespace byte per <paramref name="Interval"/> for <paramref name="Duration"/>.</summary>
    public sealed record Drip(TimeSpan Duration, TimeSpan Interval) : StubFault;
    public sealed record MalformedJson : StubFault;
}

/// <summary>
/// A local Kestrel server speaking the Azure Document Intelligence analyze protocol (see
/// /work/shared/azure-document-intelligence/PROTOCOL.md): <c>POST /{documentintelligence|formrecognizer}/documentModels/{id}:analyze</c>
/// → 202 + <c>Operation-Location</c>; <c>GET .../analyzeResults/{resultId}</c> → <c>running</c> (with <c>Retry-After</c>)
/// <see cref="RunningPolls"/> times, then the <see cref="Outcome"/>. Faults are queued per request kind.
/// </summary>
public sealed class AzureDocumentIntelligenceStub : IAsyncDisposable
{
    public const string Key = "stub-key-0123456789abcdef";

    private static readonly Dictionary<string, string> Roots = new(StringComparer.Ordinal)
    {
        ["2024-11-30"] = "documentintelligence",
        ["2023-07-31"] = "formrecognizer",
    };

    private static readonly HashSet<string> RawTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/octet-stream", "application/pdf", "image/jpeg", "image/png", "image/tiff", "image/bmp", "image/heif", "text/html",
    };

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Operation> _operations = new();

    private AzureDocumentIntelligenceStub(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<StubFault> AnalyzeFaults { get; } = new();
    public ConcurrentQueue<StubFault> PollFaults { get; } = new();

    /// <summary>Applied to every analyze request after the queued ones (e.g. a persistent storm).</summary>
    public StubFault? AnalyzeAlways { get; set; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary><c>running</c> answers before the outcome.</summary>
    public int RunningPolls { get; set; } = 1;

    /// <summary>Retry-After (seconds) on 202 and on <c>running</c> polls; null sends none (as the v3 service did).</summary>
    public string? PollRetryAfter { get; set; } = "1";

    /// <summary>
    /// Final operation body (without status fields) for a model id, api-version and the analyzed document; default: the
    /// recorded shapes, and for the read model words on a <c>pixel</c> page for an image or an <c>inch</c> page for a PDF.
    /// </summary>
    public Func<string, string, byte[], JsonObject> Outcome { get; set; } = (model, version, document) => new JsonObject
    {
        ["status"] = "succeeded",
        ["analyzeResult"] = model switch
        {
            _ when model.Contains("receipt", StringComparison.Ordinal) => AzureResults.Receipt(version),
            _ when model.Contains("read", StringComparison.Ordinal) => AzureResults.Read(version, model, document.AsSpan().StartsWith("%PDF"u8)),
            _ => AzureResults.Invoice(version),
        },
    };

    public static async Task<AzureDocumentIntelligenceStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new AzureDocumentIntelligenceStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.Address = new Uri(app.Urls.Single());
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// The services the Azure tests use: the real client, provider and OCR engine on the real resilience pipeline, pointed
    /// at this stub with fast retries; <paramref name="overrides"/> replace or add settings.
    /// </summary>
    public ServiceProvider Services(TimeProvider time, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Documents:Azure:Endpoint"] = Address.ToString(),
            ["Documents:Azure:ApiKey"] = Key,
            ["Resilience:Dependencies:DocumentIntelligence:BaseDelayMilliseconds"] = "1",
            // 3 s per attempt in real time: generous for a cold first request, irrelevant for the slow-response tests.
            ["Resilience:Dependencies:DocumentIntelligence:TimeoutSeconds"] = "300",
            ["Resilience:Dependencies:DocumentIntelligence:TotalTimeoutSeconds"] = "3600",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(time);
        services.AddResilience();
        services.AddAzureDocumentIntelligence();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static JsonObject Failed(string code, string message, string? innerCode = null) => new()
    {
        ["status"] = "failed",
        ["error"] = ErrorBody(code, message, innerCode),
    };

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var version = request.Query["api-version"].ToString();
        var key = request.Headers["Ocp-Apim-Subscription-Key"].ToString();
        Requests.Enqueue(new StubRequest(request.Method, request.Path.Value ?? "", version, key, request.ContentType, buffer.ToArray()));

        var path = (request.Path.Value ?? "").Trim('/').Split('/');
        var isAnalyze = HttpMethods.IsPost(request.Method) && path is [_, "documentModels", var action] && action.EndsWith(":analyze", StringComparison.Ordinal);
        var isPoll = HttpMethods.IsGet(request.Method) && path is [_, "documentModels", _, "analyzeResults", _];

        var fault = isAnalyze ? (AnalyzeFaults.TryDequeue(out var f) ? f : AnalyzeAlways)
            : isPoll && PollFaults.TryDequeue(out var p) ? p : null;
        switch (fault)
        {
            case StubFault.Slow slow:
                try { await Task.Delay(slow.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
                break;
            case StubFault.Status status:
                if (status.RetryAfter is not null) context.Response.Headers.RetryAfter = status.RetryAfter;
                await Json(context, status.Code, Error(status.ErrorCode ?? status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    status.Message ?? "Scripted failure."));
                return;
            case StubFault.Drip drip:
                try
                {
                    await context.Response.StartAsync(context.RequestAborted);
                    for (var until = DateTimeOffset.UtcNow + drip.Duration; DateTimeOffset.UtcNow < until;)
                    {
                        await context.Response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(drip.Interval, context.RequestAborted);
                    }
                }
                catch (OperationCanceledException) { }
                return;
            case StubFault.MalformedJson:
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("{\"status\":\"succeeded\",\"analyzeResult\":{\"documents\":[{\"fie", context.RequestAborted);
                return;
        }

        // API Management answers a wrong key before the service sees the request.
        if (key != Key)
        {
            await Json(context, 401, Error("401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."));
            return;
        }

        if (!Roots.TryGetValue(version, out var root))
        {
            await Json(context, 400, Error("InvalidRequest", "Invalid request.", "UnsupportedApiVersion"));
            return;
        }
        if (path[0] != root || !(isAnalyze || isPoll))
        {
            await Json(context, 404, Error("404", "Resource not found"));
            return;
        }

        if (isAnalyze) await AnalyzeAsync(context, path[2][..^":analyze".Length], version, buffer.ToArray());
        else await PollAsync(context, path[2], path[4], version);
    }

    private async Task AnalyzeAsync(HttpContext context, string model, string version, byte[] body)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
        var document = contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? Base64Source(body) : null;
        if (document is null && version == "2024-11-30")
        {
            await Json(context, 400, Error("InvalidArgument", "Invalid argument.", "ParameterMissing"));
            return;
        }
        if (document is null && !RawTypes.Contains(contentType))
        {
            await Json(context, 415, Error("InvalidRequest", "Invalid request.", "UnsupportedMediaType"));
            return;
        }
        if ((document ?? body).Length == 0)
        {
            await Json(context, 400, Error("InvalidRequest", "Invalid request.", "InvalidContentLength"));
            return;
        }

        var resultId = Guid.NewGuid().ToString();
        _operations[resultId] = new Operation(model, RunningPolls, document ?? body);
        var root = Roots[version];
        context.Response.Headers["Operation-Location"] =
            $"{context.Request.Scheme}://{context.Request.Host}/{root}/documentModels/{model}/analyzeResults/{resultId}?api-version={version}";
        context.Response.Headers["apim-request-id"] = resultId;
        if (version == "2024-11-30" && PollRetryAfter is not null) context.Response.Headers.RetryAfter = PollRetryAfter;
        context.Response.StatusCode = 202;
    }

    private async Task PollAsync(HttpContext context, string model, string resultId, string version)
    {
        if (!_operations.TryGetValue(resultId, out var operation) || operation.Model != model)
        {
            await Json(context, 404, Error("NotFound", "Resource not found.", "AnalyzeResultNotFound"));
            return;
        }

        var created = "2023-03-07T01:02:30Z";
        if (Interlocked.Decrement(ref operation.RunningLeft) >= 0)
        {
            if (PollRetryAfter is not null) context.Response.Headers.RetryAfter = PollRetryAfter;
            await Json(context, 200, new JsonObject { ["status"] = "running", ["createdDateTime"] = created, ["lastUpdatedDateTime"] = created });
            return;
        }

        var outcome = Outcome(model, version, operation.Document);
        outcome["createdDateTime"] = created;
        outcome["lastUpdatedDateTime"] = "2023-03-07T01:02:32Z";
        await Json(context, 200, outcome);
    }

    private static byte[]? Base64Source(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("base64Source", out var source) ? Convert.FromBase64String(source.GetString() ?? "") : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static JsonObject Error(string code, string message, string? innerCode = null) =>
        new() { ["error"] = ErrorBody(code, message, innerCode) };

    private static JsonObject ErrorBody(string code, string message, string? innerCode)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null) error["innererror"] = new JsonObject { ["code"] = innerCode, ["message"] = $"{innerCode} (stub)." };
        return error;
    }

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private sealed class Operation(string model, int running, byte[] document)
    {
        public string Model { get; } = model;
        public byte[] Document { get; } = document;
        public int RunningLeft = running;
    }
}
