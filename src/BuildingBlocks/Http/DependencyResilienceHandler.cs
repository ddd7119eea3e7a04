using Polly;

namespace Monolith.BuildingBlocks.Http;

/// <summary>
/// Runs each request through the dependency's shared Polly pipeline. Our own handler (rather than
/// <c>AddResilienceHandler</c>) because the pipeline must be one instance per dependency, shared by every
/// named and typed client, so rate limit and circuit state are per dependency. Retries resend the same
/// request message, so request content must be re-readable (string/byte/JSON content is).
/// </summary>
public sealed class DependencyResilienceHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, ResiliencePipeline<HttpResponseMessage>> _pipelineFor;
    private readonly bool _bufferWithinAttempt;

    public DependencyResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, bool bufferWithinAttempt = false)
    {
        _pipelineFor = _ => pipeline;
        _bufferWithinAttempt = bufferWithinAttempt;
    }

    /// <summary>Chooses the pipeline per request (per-host circuits: <see cref="Resilience.DependencyResilienceOptions.CircuitPerHost"/>).</summary>
    /// <param name="bufferWithinAttempt">See <see cref="Resilience.DependencyResilienceOptions.BufferResponseWithinAttempt"/>.</param>
    public DependencyResilienceHandler(Func<HttpRequestMessage, ResiliencePipeline<HttpResponseMessage>> pipelineFor, bool bufferWithinAttempt = false)
    {
        _pipelineFor = pipelineFor ?? throw new ArgumentNullException(nameof(pipelineFor));
        _bufferWithinAttempt = bufferWithinAttempt;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = _pipelineFor(request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendCore(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendCore(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!_bufferWithinAttempt) return response;
        try
        {
            // Inside the attempt, so its timeout token also bounds the body; HttpClient buffers only after the handlers return.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
