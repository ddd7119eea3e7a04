using System.Diagnostics.Metrics;

namespace Monolith.BuildingBlocks.Llm;

/// <summary>
/// Meter <c>Monolith.Llm</c>: provider calls by operation, model and outcome, cache hits, tokens by direction and the
/// latency of calls that reached the provider (exported by OpenTelemetry with the other <c>Monolith.*</c> meters).
/// </summary>
public sealed class LlmMetrics
{
    public const string MeterName = "Monolith.Llm";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _ungrounded;
    private readonly Histogram<double> _latency;

    public LlmMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("monolith.llm.calls", "{call}", "Chat completions sent (a repair attempt is a second call), by operation, model and outcome.");
        _cacheHits = meter.CreateCounter<long>("monolith.llm.cache_hits", "{hit}", "Answers served from the cache without a provider call.");
        _ungrounded = meter.CreateCounter<long>("monolith.llm.ungrounded", "{item}", "Evidence items of accepted answers whose quote was not on the cited page (removed), by operation and model.");
        _tokens = meter.CreateCounter<long>("monolith.llm.tokens", "{token}", "Tokens reported by the provider, by direction (input|output).");
        _latency = meter.CreateHistogram<double>("monolith.llm.latency", "ms", "Wall time of a gateway call that reached the provider, repair included.");
    }

    public void Call(string operation, string model, string outcome) =>
        _calls.Add(1, Tag("operation", operation), Tag("model", model), Tag("outcome", outcome));

    public void Ungrounded(string operation, string model, int items)
    {
        if (items > 0) _ungrounded.Add(items, Tag("operation", operation), Tag("model", model));
    }

    public void CacheHit(string operation, string model) => _cacheHits.Add(1, Tag("operation", operation), Tag("model", model));

    public void Tokens(string operation, string model, int input, int output)
    {
        _tokens.Add(input, Tag("operation", operation), Tag("model", model), Tag("direction", "input"));
        _tokens.Add(output, Tag("operation", operation), Tag("model", model), Tag("direction", "output"));
    }

    public void Latency(string operation, string model, double milliseconds, bool succeeded) =>
        _latency.Record(milliseconds, Tag("operation", operation), Tag("model", model), Tag("outcome", succeeded ? "ok" : "failed"));

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
