using Microsoft.Extensions.DependencyInjection;

namespace Monolith.Documents.Tests.Extraction.Azure;

/// <summary>
/// Tests against a fresh <see cref="AzureDocumentIntelligenceStub"/> per test, with timers at 1/100 speed
/// (<see cref="ScaledTimeProvider"/>): configured seconds are tens of milliseconds here.
/// </summary>
public abstract class AzureStubTests : IAsyncLifetime
{
    protected AzureDocumentIntelligenceStub Stub { get; private set; } = null!;

    protected ScaledTimeProvider Time { get; } = new();

    public async Task InitializeAsync() => Stub = await AzureDocumentIntelligenceStub.StartAsync();

    public async Task DisposeAsync() => await Stub.DisposeAsync();

    protected ServiceProvider Services(Dictionary<string, string?>? overrides = null) => Stub.Services(Time, overrides);
}
