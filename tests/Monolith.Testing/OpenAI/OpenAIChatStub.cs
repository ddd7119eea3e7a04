using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monolith.Testing.OpenAI;

/// <summary>A chat completion request as the stub saw it, with what it answered (status, usage).</summary>
public sealed record ChatStubRequest(string Path, string? Authorization, JsonObject? Body)
{
    public string? Model => Body?["model"]?.GetValue<string>();

    /// <summary><c>response_format.type</c>: <c>json_schema</c>, <c>json_object</c> or <c>text</c>.</summary>
    public string? ResponseFormat => Body?["response_format"]?["type"]?.GetValue<string>();

    /// <summary><c>response_format.json_schema.name</c> of a structured-output request.</summary>
    public string? SchemaName => Body?["response_format"]?["json_schema"]?["name"]?.GetValue<string>();

    public bool? SchemaIsStrict => Body?["response_format"]?["json_schema"]?["strict"]?.GetValue<bool>();

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body?["messages"]?.AsArray().Select(m => (m!["role"]!.GetValue<string>(), ContentOf(m["content"]))).ToArray() ?? [];

    /// <summary>HTTP status the stub answered with (0 when the client gave up first).</summary>
    public int StatusCode { get; set; }

    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    /// <summary>When the stub received the request (to measure the delay between retries).</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };
}

/// <summary>A scripted misbehaviour for a chat completion request.</summary>
public abstract record ChatFault
{
    /// <summary>An error status with OpenAI's error body, optionally with a <c>Retry-After</c> header (seconds or HTTP date).</summary>
    public sealed record Status(int Code, string? RetryAfter = null, string? Type = null, string? ErrorCode = null, string? Message = null) : ChatFault;

    /// <summary>Waits before answering normally (or until the client gives up).</summary>
    public sealed record Slow(TimeSpan Delay) : ChatFault;

    /// <summary>HTTP 200 at once, then the body trickled one whitespace byte per <paramref name="Interval"/> for <paramref name="Duration"/>
    /// before the normal answer (or until the client gives up).</summary>
    public sealed record Drip(TimeSpan Duration, TimeSpan Interval) : ChatFault;

    /// <summary>HTTP 200 with a body that is not a complete JSON document.</summary>
    public sealed record MalformedCompletion : ChatFault;

    /// <summary>A valid completion whose message content is not JSON.</summary>
    public sealed record InvalidJsonContent(string Content = "Sure! Here is the JSON: {\"name\": ") : ChatFault;

    /// <summary>A valid completion with this content instead of the scripted answer (e.g. JSON that violates the schema).</summary>
    public sealed record OtherContent(string Content) : ChatFault;
}

/// <summary>
/// A local Kestrel server speaking the OpenAI Chat Completions protocol: <c>POST /v1/chat/completions</c> with
/// <c>Authorization: Bearer {key}</c> → a <c>chat.completion</c> object whose <c>choices[0].message.content</c> is
/// <see cref="Content"/> (by default the <see cref="Answers"/> entry of the request's JSON schema name), with <c>usage</c>
/// (prompt tokens ≈ characters / 4, <see cref="CompletionTokens"/> completion tokens). A wrong key gets OpenAI's 401
/// <c>invalid_api_key</c> (which, like OpenAI, quotes the key it was given). Faults are queued (<see cref="Faults"/>, one per
/// request) or permanent (<see cref="Always"/>). Every request is logged in <see cref="Requests"/>.
/// </summary>
public sealed class OpenAIChatStub : IAsyncDisposable
{
    public const string Key = "sk-stub-0123456789abcdefSECRET";

    private readonly WebApplication _app;

    private OpenAIChatStub(WebApplication app)
    {
        _app = app;
        Content = request => request.SchemaName is { } name && Answers.TryGetValue(name, out var answer) ? answer : "{}";
    }

    /// <summary>Base URL to configure as the endpoint: <c>http://127.0.0.1:port/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<ChatFault> Faults { get; } = new();

    public ChatFault? Always { get; set; }

    public ConcurrentQueue<ChatStubRequest> Requests { get; } = new();

    /// <summary>Answers by JSON schema name (<c>response_format.json_schema.name</c>).</summary>
    public ConcurrentDictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>The assistant message content to answer with; by default <see cref="Answers"/> by schema name, else <c>{}</c>.</summary>
    public Func<ChatStubRequest, string?> Content { get; set; }

    /// <summary>Replaces the whole <c>choices</c> array when set (refusals, empty choices).</summary>
    public Func<ChatStubRequest, JsonArray>? Choices { get; set; }

    public int CompletionTokens { get; set; } = 42;

    /// <summary>Waits this long before answering every request (to hold concurrent requests in flight).</summary>
    public TimeSpan Latency { get; set; }

    public int ChatRequestCount => Requests.Count(r => r.Path == "/v1/chat/completions");

    public static async Task<OpenAIChatStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new OpenAIChatStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.Endpoint = new Uri(app.Urls.Single().TrimEnd('/') + "/v1");
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            // Recorded with a null body; answered 400 below.
        }
        var seen = new ChatStubRequest(request.Path.Value ?? "", request.Headers.Authorization.ToString(), body);
        Requests.Enqueue(seen);

        if (!HttpMethods.IsPost(request.Method) || seen.Path != "/v1/chat/completions")
        {
            await Error(context, seen, 404, "invalid_request_error", "unknown_url", $"Unknown request URL: {request.Method} {seen.Path}.");
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            try { await Task.Delay(Latency, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }

        string? content = null;
        switch (Faults.TryDequeue(out var queued) ? queued : Always)
        {
            case ChatFault.Slow slow:
                try { await Task.Delay(slow.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
                break;
            case ChatFault.Drip drip:
                try { await DripAsync(context, drip); }
                catch (OperationCanceledException) { return; }
                break;
            case ChatFault.Status status:
                if (status.RetryAfter is not null) context.Response.Headers.RetryAfter = status.RetryAfter;
                await Error(context, seen, status.Code, status.Type ?? "server_error", status.ErrorCode, status.Message ?? "Scripted failure.");
                return;
            case ChatFault.MalformedCompletion:
                seen.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"mess",
                    context.RequestAborted);
                return;
            case ChatFault.InvalidJsonContent invalid:
                content = invalid.Content;
                break;
            case ChatFault.OtherContent other:
                content = other.Content;
                break;
        }

        var authorization = seen.Authorization ?? "";
        if (authorization != $"Bearer {Key}")
        {
            var given = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
            await Error(context, seen, 401, "invalid_request_error", "invalid_api_key",
                $"Incorrect API key provided: {given}. You can find your API key at https://platform.openai.com/account/api-keys.");
            return;
        }
        if (body is null || seen.Model is null || body["messages"] is not JsonArray)
        {
            await Error(context, seen, 400, "invalid_request_error", null, "We could not parse the JSON body of your request.");
            return;
        }

        var choices = Choices?.Invoke(seen) ?? new JsonArray
        {
            new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content ?? Content(seen), ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            },
        };
        var prompt = seen.Messages.Sum(m => m.Content.Length) / 4;
        seen.StatusCode = 200;
        seen.PromptTokens = prompt;
        seen.CompletionTokens = CompletionTokens;
        await Json(context, 200, new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = seen.Model + "-2024-07-18",
            ["system_fingerprint"] = "fp_stub",
            ["choices"] = choices,
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = prompt,
                ["completion_tokens"] = CompletionTokens,
                ["total_tokens"] = prompt + CompletionTokens,
            },
        });
    }

    /// <summary>Leading whitespace is valid JSON, so a client patient enough gets a normal answer after the drip.</summary>
    private static async Task DripAsync(HttpContext context, ChatFault.Drip drip)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        var until = DateTimeOffset.UtcNow + drip.Duration;
        while (DateTimeOffset.UtcNow < until)
        {
            await context.Response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(drip.Interval, context.RequestAborted);
        }
    }

    private static Task Error(HttpContext context, ChatStubRequest seen, int status, string type, string? code, string message)
    {
        seen.StatusCode = status;
        return Json(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        });
    }

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
        }
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
