using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Monolith.Documents.Extraction;
using Monolith.Documents.Learning;

namespace Monolith.Documents.Classification;

/// <summary>One labelled example for the type model: the features of a document and its type.</summary>
public sealed record TypeExample(float[] Features, DocumentType Type);

/// <summary>
/// The learned type classifier (ML.NET): one boosted-tree model per type (FastTree, one-versus-all) over
/// <see cref="LocalTypeClassifier.Features"/>, trained by <c>documents train</c> and shipped as the embedded resource
/// <c>type-model.zip</c> with its card <c>type-model.json</c> (version, how it was trained, the feature names it reads).
/// The version (a hash of the training data and settings) is recorded in each <c>document_classified</c> event. A model
/// whose features differ from the code's is not used. Thread-safe: each thread predicts with its own engine.
/// </summary>
public sealed class TypeModel : IDisposable
{
    public const string ResourceName = "Monolith.Documents.Classification.type-model.zip";
    public const string CardResourceName = "Monolith.Documents.Classification.type-model.json";

    private static readonly Lazy<TypeModel?> Shipped = new(LoadShipped);
    private static readonly DocumentType[] Types = Enum.GetValues<DocumentType>();

    private readonly ITransformer _model;
    private readonly ThreadLocal<PredictionEngine<Input, Output>> _engines;
    private readonly string[] _labels;
    private readonly DataViewSchema _schema;

    /// <summary>The model shipped in this assembly, or null when none is (the rules decide then).</summary>
    public static TypeModel? Default => Shipped.Value;

    public string Version { get; }

    private TypeModel(MLContext ml, ITransformer model, DataViewSchema schema, string version)
    {
        _model = model;
        _schema = schema;
        Version = version;
        _engines = new ThreadLocal<PredictionEngine<Input, Output>>(() => ml.Model.CreatePredictionEngine<Input, Output>(_model, schema), trackAllValues: true);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        _engines.Value!.OutputSchema[nameof(Output.Score)].GetSlotNames(ref names);
        _labels = [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>Classifies a document from its features: the likeliest type and its share of the model's belief.</summary>
    public Classification Classify(float[] features)
    {
        if (features.Length != LocalTypeClassifier.FeatureNames.Count)
            throw new ArgumentException($"The type model reads {LocalTypeClassifier.FeatureNames.Count} features; {features.Length} were given.", nameof(features));
        var output = _engines.Value!.Predict(new Input { Features = features });
        var scores = Types.ToDictionary(t => t, _ => 0.0);
        var total = output.Score.Sum(s => Math.Max(s, 0f));
        for (var i = 0; i < _labels.Length && i < output.Score.Length; i++)
            if (Enum.TryParse<DocumentType>(_labels[i], out var type))
                scores[type] = total > 0 ? Math.Round(Math.Max(output.Score[i], 0f) / total, 4) : 0;
        var best = scores.MaxBy(s => s.Value);
        return new Classification(best.Key, Math.Round(Math.Clamp(best.Value, 0.05, 0.99), 3), scores, Version);
    }

    /// <summary>Trains a model on labelled examples (deterministic for a given seed and example order).</summary>
    public static TypeModel Train(IReadOnlyList<TypeExample> examples, string version, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Input { Features = e.Features, Label = e.Type.ToString() }), SchemaDefinition());
        // Boosted trees, one per type: small (8 leaves, 80 trees, 20 documents a leaf) so they learn the cues' weights and
        // interactions (a "tax invoice" heading over a till slip) without memorising the generator.
        var trainer = ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(
            new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
            {
                NumberOfLeaves = 8, NumberOfTrees = 80, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1, FeatureFraction = 0.8,
                Seed = seed, NumberOfThreads = 1,
            }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(trainer)
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        using var buffer = new MemoryStream();
        ml.Model.Save(model, data.Schema, buffer);
        buffer.Position = 0;
        return Load(buffer, version);
    }

    /// <summary>Writes the model (an ML.NET zip, the same bytes for the same model) to a stream.</summary>
    public void Save(Stream stream) => ModelFiles.Save(_model, _schema, stream);

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static TypeModel Load(Stream stream, string version)
    {
        var ml = new MLContext(1);
        var model = ml.Model.Load(stream, out var schema);
        return new TypeModel(ml, model, schema, version);
    }

    /// <summary>The card of the shipped model, or null when none is shipped.</summary>
    public static TypeModelCard? ShippedCard() => ModelFiles.Card<TypeModelCard>(CardResourceName);

    private static TypeModel? LoadShipped() => ShippedCard() is { } card
        ? ModelFiles.Shipped(ResourceName, card.Features, LocalTypeClassifier.FeatureNames, s => Load(s, card.Version))
        : null;

    private static SchemaDefinition SchemaDefinition()
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(Input));
        schema[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, LocalTypeClassifier.FeatureNames.Count);
        return schema;
    }

    public void Dispose()
    {
        foreach (var engine in _engines.Values) engine.Dispose();
        _engines.Dispose();
    }

    internal sealed class Input
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    internal sealed class Output
    {
        public float[] Score { get; set; } = [];
    }
}

/// <summary>What a shipped type model is: its version, how it was trained and what it reads.</summary>
public sealed record TypeModelCard(string Version, int Seed, int PerType, int Examples, double ValidationAccuracy,
    IReadOnlyDictionary<string, double> ValidationAccuracyByType, IReadOnlyList<string> Features)
{
    public static JsonSerializerOptions Json => ModelFiles.Json;
}
