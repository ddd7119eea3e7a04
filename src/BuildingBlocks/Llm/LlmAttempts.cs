using System.ClientModel.Primitives;

namespace Monolith.BuildingBlocks.Llm;

/// <summary>
/// Counts the HTTP attempts of the current gateway call and keeps the last response body. The SDK builds the request
/// itself, so the counter travels in an <see cref="AsyncLocal{T}"/> from <see cref="LlmGateway"/> through the SDK pipeline
/// into <see cref="LlmAttemptCountingHandler"/>, which sits inside the shared <c>Llm</c> resilience handler and so sees
/// every retry; other users of the client have no counter and are not affected.
/// </summary>
internal sealed class LlmAttempts
{
    private static readonly AsyncLocal<LlmAttempts?> CurrentCounter = new();
    private int _count;

    internal static LlmAttempts? Current => CurrentCounter.Value;

    /// <summary>Starts counting for the rest of the calling async flow.</summary>
    internal static LlmAttempts Begin() => CurrentCounter.Value = new LlmAttempts();

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);

    /// <summary>The buffered body of the last successful response the SDK received (see <see cref="LlmResponseCapturePolicy"/>).</summary>
    public BinaryData? LastResponseBody { get; set; }
}

/// <summary>Counts each attempt of the current gateway call (registered on the <c>Llm</c> HttpClient, inside its resilience handler).</summary>
internal sealed class LlmAttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LlmAttempts.Current?.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// An SDK pipeline policy (per call, outside the SDK's buffering) that keeps the last response body, so a 200 answer the
/// SDK cannot deserialize (e.g. <c>finish_reason: null</c> from an OpenAI-compatible server) can still be read.
/// </summary>
internal sealed class LlmResponseCapturePolicy : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Capture(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Capture(message);
    }

    private static void Capture(PipelineMessage message)
    {
        if (LlmAttempts.Current is { } counter && message.Response is { IsError: false } response && message.BufferResponse)
            counter.LastResponseBody = response.Content;
    }
}
