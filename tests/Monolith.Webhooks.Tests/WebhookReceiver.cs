using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monolith.Webhooks.Tests;

public sealed record ReceivedWebhook(string? Signature, string? DeliveryId, string? Event, string ContentType, byte[] Body, int AnsweredWith);

/// <summary>A customer's webhook endpoint: a real Kestrel server on a free port of 127.0.0.1 that records every POST.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Answers 500 to this many requests, then 204.</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.Single().TrimEnd('/') + "/hooks/monolith");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 204;
        var headers = context.Request.Headers;
        Received.Enqueue(new ReceivedWebhook(headers[WebhookSignature.Header], headers["X-Monolith-Delivery"], headers["X-Monolith-Event"],
            context.Request.ContentType ?? "", buffer.ToArray(), status));
        context.Response.StatusCode = status;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, failing after <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => Task.FromResult<IReadOnlyList<ReceivedWebhook>>([.. Received]), done, timeout, "webhook receiver");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public static class Eventually
{
    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds; throws with the last value after the timeout.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout, string what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited in vain for {what}; last seen: {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(50);
        }
    }
}
