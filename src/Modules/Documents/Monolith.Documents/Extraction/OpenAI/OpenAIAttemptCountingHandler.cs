using System.ClientModel.Primitives;

namespace Monolith.Documents.Extraction.OpenAI;

/// <summary>
/// Sits inside the shared <c>Llm</c> resilience handler, so it sees every attempt (retries resend the same request), and counts
/// them on the counter of the current extraction. The SDK builds the request message itself, so the counter travels in an
/// <see cref="AsyncLocal{T}"/> (it flows from the provider's call through the SDK pipeline into the handler chain);
/// other users of the <c>Llm</c> client have no counter and are not affected.
/// </summary>
internal sealed class OpenAIAttemptCountingHandler : DelegatingHandler
{
    private static readonly AsyncLocal<OpenAIAttemptCounter?> CurrentCounter = new();

    internal static OpenAIAttemptCounter? CurrentCounterValue => CurrentCounter.Value;

    /// <summary>Starts counting for the rest of the calling async flow.</summary>
    internal static OpenAIAttemptCounter Begin() => CurrentCounter.Value = new OpenAIAttemptCounter();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CurrentCounter.Value?.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}

internal sealed class OpenAIAttemptCounter
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Increment() => Interlocked.Increment(ref _count);

    /// <summary>The buffered body of the last response the SDK received (see <see cref="OpenAIResponseCapturePolicy"/>).</summary>
    public BinaryData? LastResponseBody { get; set; }

    internal static OpenAIAttemptCounter? Current => OpenAIAttemptCountingHandler.CurrentCounterValue;
}

/// <summary>
/// An SDK pipeline policy (per call, outside the SDK's buffering) that keeps the last response body on the current counter,
/// so a 200 answer the SDK cannot deserialize (e.g. <c>finish_reason: null</c> or an unknown value from an OpenAI-compatible
/// server) can still be read by <see cref="OpenAIExtractionProvider"/>.
/// </summary>
internal sealed class OpenAIResponseCapturePolicy : PipelinePolicy
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
        if (OpenAIAttemptCounter.Current is { } counter && message.Response is { IsError: false } response && message.BufferResponse)
            counter.LastResponseBody = response.Content;
    }
}
