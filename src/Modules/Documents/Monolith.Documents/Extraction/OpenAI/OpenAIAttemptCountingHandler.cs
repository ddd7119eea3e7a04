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
}
