using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Llm;
using Monolith.Testing.OpenAI;

namespace Monolith.BuildingBlocks.Tests.Llm;

public sealed class LlmMetricsTests
{
    [Fact]
    public async Task calls_cache_hits_tokens_and_latency_are_recorded_on_the_llm_meter()
    {
        await using var stub = await OpenAIChatStub.StartAsync();
        stub.Answers["answer"] = LlmTestHost.Good;
        await using var provider = LlmTestHost.Build(stub);
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // only this container's meter: other tests run in parallel with their own containers
            if (instrument.Meter.Name == LlmMetrics.MeterName && instrument.Meter.Scope == meterFactory) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements) measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (measurements) measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();
        var gateway = provider.GetRequiredService<LlmGateway>();

        await gateway.CompleteJsonAsync(LlmTestHost.Request(), CancellationToken.None);
        await gateway.CompleteJsonAsync(LlmTestHost.Request(), CancellationToken.None);

        var call = Assert.Single(measurements, m => m.Instrument == "monolith.llm.calls");
        Assert.Equal(("ok", "test-step", "gpt-4o-mini"), ((string?)call.Tags["outcome"], (string?)call.Tags["operation"], (string?)call.Tags["model"]));
        Assert.Single(measurements, m => m.Instrument == "monolith.llm.cache_hits");
        Assert.Equal(42, measurements.Single(m => m.Instrument == "monolith.llm.tokens" && (string?)m.Tags["direction"] == "output").Value);
        Assert.Single(measurements, m => m.Instrument == "monolith.llm.latency");
    }
}
