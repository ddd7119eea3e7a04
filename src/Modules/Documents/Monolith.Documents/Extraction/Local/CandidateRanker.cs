using Microsoft.ML;
using Microsoft.ML.Data;
using Monolith.Documents.Learning;

namespace Monolith.Documents.Extraction.Local;

/// <summary>One labelled candidate: its ranking features and whether its value was the right one.</summary>
public sealed record RankingExample(float[] Features, bool Right, string Field);

/// <summary>What a shipped candidate ranker is: its version, how it was trained and what it reads.</summary>
public sealed record CandidateRankerCard(string Version, int Seed, int Documents, int Examples, double ValidationTop1,
    double ValidationTop1ByHand, IReadOnlyList<string> Features);

/// <summary>
/// The learned candidate ranker (ML.NET FastTree, binary): the probability that a labelled candidate holds its field's
/// value, from <see cref="LocalExtractor.RankingFeatureNames"/>. The extractor orders a field's candidates by it.
/// Trained by <c>documents train</c> and shipped as <c>candidate-ranker.zip</c> with its card; the version is recorded
/// in each field's evidence (<c>ranker:…</c> signal). Thread-safe: each thread predicts with its own engine.
/// </summary>
public sealed class CandidateRanker : IDisposable
{
    public const string ResourceName = "Monolith.Documents.Extraction.Local.candidate-ranker.zip";
    public const string CardResourceName = "Monolith.Documents.Extraction.Local.candidate-ranker.json";

    private static readonly Lazy<CandidateRanker?> Shipped = new(() => ShippedCard() is { } card
        ? ModelFiles.Shipped(ResourceName, card.Features, LocalExtractor.RankingFeatureNames, s => Load(s, card.Version))
        : null);

    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;
    private readonly ThreadLocal<PredictionEngine<Input, Output>> _engines;

    /// <summary>The ranker shipped in this assembly, or null when none is (the hand-set order decides then).</summary>
    public static CandidateRanker? Default => Shipped.Value;

    public string Version { get; }

    private CandidateRanker(MLContext ml, ITransformer model, DataViewSchema schema, string version)
    {
        _model = model;
        _schema = schema;
        Version = version;
        _engines = new ThreadLocal<PredictionEngine<Input, Output>>(() => ml.Model.CreatePredictionEngine<Input, Output>(_model, schema), trackAllValues: true);
    }

    public static CandidateRankerCard? ShippedCard() => ModelFiles.Card<CandidateRankerCard>(CardResourceName);

    /// <summary>The probability that the candidate with these features holds its field's value.</summary>
    public double Score(float[] features)
    {
        if (features.Length != LocalExtractor.RankingFeatureNames.Count)
            throw new ArgumentException($"The ranker reads {LocalExtractor.RankingFeatureNames.Count} features; {features.Length} were given.", nameof(features));
        return _engines.Value!.Predict(new Input { Features = features }).Probability;
    }

    public static CandidateRanker Train(IReadOnlyList<RankingExample> examples, string version, int seed = 1)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Input));
        schema[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, LocalExtractor.RankingFeatureNames.Count);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Input { Features = e.Features, Label = e.Right }), schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
        {
            NumberOfLeaves = 8, NumberOfTrees = 80, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1, FeatureFraction = 0.8,
            Seed = seed, NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        using var buffer = new MemoryStream();
        ModelFiles.Save(model, data.Schema, buffer);
        buffer.Position = 0;
        return Load(buffer, version);
    }

    public void Save(Stream stream) => ModelFiles.Save(_model, _schema, stream);

    public static CandidateRanker Load(Stream stream, string version)
    {
        var ml = new MLContext(1);
        var model = ml.Model.Load(stream, out var schema);
        return new CandidateRanker(ml, model, schema, version);
    }

    public void Dispose()
    {
        foreach (var engine in _engines.Values) engine.Dispose();
        _engines.Dispose();
    }

    internal sealed class Input
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    internal sealed class Output
    {
        public float Probability { get; set; }
    }
}
