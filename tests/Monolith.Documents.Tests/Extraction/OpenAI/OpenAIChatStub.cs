using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monolith.Documents.Tests.Extraction.OpenAI;

/// <summary>A chat completion request as the stub saw it.</summary>
public sealed record ChatStubRequest(string Path, string? Authorization, JsonObject? Body)
{
    public string? Model => Body?["model"]?.GetValue<string>();
    public string? ResponseFormat => Body?["response_format"]?["type"]?.GetValue<string>();
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body?["messages"]?.AsArray().Select(m => (m!["role"]!.GetValue<string>(), ContentOf(m["content"]))).ToArray() ?? [];

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };
}

/// <summary>A scripted misbehaviour for the next chat completion request.</summary>
public abstract record ChatFault
{
    public sealed record Status(int Code, string? RetryAfter = null, string? Type = null, string? ErrorCode = null, string? Message = null) : ChatFault;
    public sealed record Slow(TimeSpan Delay) : ChatFault;
    /// <summary>HTTP 200 with a body that is not a complete JSON document.</summary>
    public sealed record MalformedCompletion : ChatFault;
}

/// <summary>
/// A local Kestrel server speaking the OpenAI Chat Completions protocol: <c>POST /v1/chat/completions</c> with
/// <c>Authorization: Bearer {key}</c> → a <c>chat.completion</c> object whose <c>choices[0].message.content</c> is
/// <see cref="Content"/> (for the request's model), with <c>usage</c>. A wrong key gets OpenAI's 401 <c>invalid_api_key</c>
/// (which, like OpenAI, quotes the key it was given). Faults are queued, or <see cref="Always"/> applies to every request.
/// </summary>
public sealed class OpenAIChatStub : IAsyncDisposable
{
    public const string Key = "sk-stub-0123456789abcdefSECRET";

    private readonly WebApplication _app;

    private OpenAIChatStub(WebApplication app) => _app = app;

    /// <summary>Base URL to configure as the endpoint: <c>http://127.0.0.1:port/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<ChatFault> Faults { get; } = new();

    public ChatFault? Always { get; set; }

    public ConcurrentQueue<ChatStubRequest> Requests { get; } = new();

    /// <summary>The assistant message content to answer with (a JSON string, normally).</summary>
    public Func<ChatStubRequest, string?> Content { get; set; } = _ => "{}";

    /// <summary>Replaces the whole <c>choices[0].message</c> / <c>finish_reason</c> when set (refusals, empty choices).</summary>
    public Func<ChatStubRequest, JsonArray>? Choices { get; set; }

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
            await Error(context, 404, "invalid_request_error", "unknown_url", $"Unknown request URL: {request.Method} {seen.Path}.");
            return;
        }

        switch (Faults.TryDequeue(out var queued) ? queued : Always)
        {
            case ChatFault.Slow slow:
                try { await Task.Delay(slow.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
                break;
            case ChatFault.Status status:
                if (status.RetryAfter is not null) context.Response.Headers.RetryAfter = status.RetryAfter;
                await Error(context, status.Code, status.Type ?? "server_error", status.ErrorCode, status.Message ?? "Scripted failure.");
                return;
            case ChatFault.MalformedCompletion:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"mess",
                    context.RequestAborted);
                return;
        }

        var authorization = seen.Authorization ?? "";
        if (authorization != $"Bearer {Key}")
        {
            var given = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
            await Error(context, 401, "invalid_request_error", "invalid_api_key",
                $"Incorrect API key provided: {given}. You can find your API key at https://platform.openai.com/account/api-keys.");
            return;
        }
        if (body is null || seen.Model is null || body["messages"] is not JsonArray)
        {
            await Error(context, 400, "invalid_request_error", null, "We could not parse the JSON body of your request.");
            return;
        }

        var choices = Choices?.Invoke(seen) ?? new JsonArray
        {
            new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Content(seen), ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            },
        };
        var prompt = seen.Messages.Sum(m => m.Content.Length) / 4;
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
                ["completion_tokens"] = 42,
                ["total_tokens"] = prompt + 42,
            },
        });
    }

    private static Task Error(HttpContext context, int status, string type, string? code, string message) =>
        Json(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        });

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
