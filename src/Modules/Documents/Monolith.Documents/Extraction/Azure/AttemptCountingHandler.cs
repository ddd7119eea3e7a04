namespace Monolith.Documents.Extraction.Azure;

/// <summary>
/// Sits inside the shared resilience handler, so it sees every attempt (retries resend the same request message)
/// and counts them on a counter the caller put into <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<AttemptCounter> Key = new("Monolith.Documents.Azure.Attempts");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Key, out var counter)) counter.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}

internal sealed class AttemptCounter
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Increment() => Interlocked.Increment(ref _count);
}
