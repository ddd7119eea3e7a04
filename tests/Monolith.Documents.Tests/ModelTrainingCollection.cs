namespace Monolith.Documents.Tests;

/// <summary>
/// Tests that train ML.NET models use both cores for seconds at a time. They run alone, after the parallel tests, so
/// the timing-sensitive outage tests (attempt timeouts, Retry-After gaps) never share the CPU with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ModelTrainingCollection
{
    public const string Name = "model training";
}
