using System.Collections.Concurrent;
using System.Globalization;
using Marten;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Scoring;

namespace Monolith.Documents.Learning;

/// <summary>
/// A customer's type model or candidate ranker (<see cref="Kind"/> <c>type</c> or <c>ranker</c>) was retrained from its
/// reviewed documents: on how many, and how the model in force and the new one did on the documents held back (how
/// many held-back documents were typed right, or held-back fields had a right value ranked first). Activated only when
/// the new one did better; its file is then stored as a <see cref="LearnedModelFile"/>.
/// </summary>
public sealed record LearnedModelTrained(string Kind, string Version, string BaseVersion, int TrainedOn, int HeldBack, int RightBefore,
    int RightAfter, bool Activated, string Reason, DateTimeOffset At);

/// <summary>The bytes of a customer's activated model (ML.NET zip), by version; the store's tenancy keeps customers apart.</summary>
public sealed class LearnedModelFile
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

/// <summary>The models a customer's documents are processed with; a null part means the shipped one.</summary>
public sealed record CustomerLearnedModels(ConfidenceCalibration? Calibration, TypeModel? TypeModel, CandidateRanker? Ranker)
{
    private static readonly ConcurrentDictionary<(string Tenant, string Version), object> Loaded = new();

    /// <summary>
    /// This customer's models in force: its confidence model from the snapshot, and its type model and ranker loaded
    /// from their files once per process (versions are content hashes, cached per customer).
    /// </summary>
    public static async Task<CustomerLearnedModels?> LoadAsync(IQuerySession session, CancellationToken ct) =>
        await LoadAsync(session, await session.LoadAsync<CustomerModel>(CustomerModel.StreamId, ct), ct);

    /// <summary>The models in force as <paramref name="model"/> (already read) names them.</summary>
    public static async Task<CustomerLearnedModels?> LoadAsync(IQuerySession session, CustomerModel? model, CancellationToken ct)
    {
        if (model is null) return null;
        var tenant = session.TenantId;
        async Task<T?> File<T>(string? version, Func<Stream, string, T> load) where T : class
        {
            if (version is null) return null;
            if (Loaded.TryGetValue((tenant, version), out var cached)) return (T)cached;
            var file = await session.LoadAsync<LearnedModelFile>(version, ct);
            if (file is null) return null;
            using var stream = new MemoryStream(file.Content);
            return (T)Loaded.GetOrAdd((tenant, version), load(stream, version));
        }
        return new CustomerLearnedModels(model.Calibration(), await File<TypeModel>(model.ActiveTypeModel, TypeModel.Load),
            await File<CandidateRanker>(model.ActiveRanker, CandidateRanker.Load));
    }
}

/// <summary>A reviewed document as retraining reads it: its text, the type and values a reviewer approved, and whether it is held back.</summary>
public sealed record ReviewedDocument(Guid Id, DocumentText Text, DocumentType Type, IReadOnlyDictionary<string, object> Values)
{
    public bool HeldBack => CustomerModelTraining.IsHeldBack(Id);
}

/// <summary>
/// Retraining the type model and the candidate ranker from a customer's reviewed documents: the generated training
/// documents plus the customer's (each counted <see cref="CustomerWeight"/> times), tested on the held-back reviewed
/// documents against the model in force. A model that does not do better there is not activated.
/// </summary>
public static class LearnedModelTraining
{
    public const int CustomerWeight = 5;

    /// <summary>Fewer held-back documents (or ranked fields) than this cannot show a model is better.</summary>
    public const int MinHeldBack = 5;

    private static readonly Lazy<IReadOnlyList<TypeExample>> GeneratedTypes = new(() =>
        [.. TypeTrainingCorpus.Build().Select(d => new TypeExample(LocalTypeClassifier.Features(d.Text), d.Type))]);

    private static readonly Lazy<IReadOnlyList<RankingExample>> GeneratedRanking = new(() =>
        [.. RankingTrainingCorpus.Build().SelectMany(d => LocalExtractor.RankingExamples(d.Text, d.Type, d.Truth))]);

    public static (LearnedModelTrained Run, TypeModel? Model) TrainType(IReadOnlyList<ReviewedDocument> reviewed, TypeModel? current, DateTimeOffset now)
    {
        var training = reviewed.Where(d => !d.HeldBack).ToList();
        var heldBack = reviewed.Where(d => d.HeldBack).ToList();
        var baseVersion = current?.Version ?? LocalTypeClassifier.RulesModel;
        if (heldBack.Count < MinHeldBack || training.Count == 0)
            return (Skipped("type", baseVersion, training.Count, heldBack.Count, "documents", now), null);
        var examples = GeneratedTypes.Value.Concat(training.SelectMany(d => Enumerable.Repeat(new TypeExample(LocalTypeClassifier.Features(d.Text), d.Type), CustomerWeight))).ToList();
        var version = ModelFiles.Version("type-", baseVersion + "|" + string.Join("|", training.Select(d => $"{d.Id}:{d.Type}")));
        var model = TypeModel.Train(examples, version);
        int Right(TypeModel? m) => heldBack.Count(d => LocalTypeClassifier.Classify(d.Text, m).Type == d.Type);
        return Decide("type", version, baseVersion, training.Count, heldBack.Count, Right(current), Right(model), "documents typed right", model, now);
    }

    public static (LearnedModelTrained Run, CandidateRanker? Model) TrainRanker(IReadOnlyList<ReviewedDocument> reviewed, CandidateRanker? current, DateTimeOffset now)
    {
        var training = reviewed.Where(d => !d.HeldBack).ToList();
        var heldBack = reviewed.Where(d => d.HeldBack).ToList();
        var baseVersion = current?.Version ?? "hand-set";
        var customer = training.SelectMany(d => LocalExtractor.RankingExamples(d.Text, d.Type, d.Values)).ToList();
        var fields = heldBack.Sum(d => LocalExtractor.TopChoices(d.Text, d.Type, d.Values, current).Count);
        if (fields < MinHeldBack || customer.Count == 0)
            return (Skipped("ranker", baseVersion, training.Count, fields, "ranked fields", now), null);
        var examples = GeneratedRanking.Value.Concat(customer.SelectMany(e => Enumerable.Repeat(e, CustomerWeight))).ToList();
        var version = ModelFiles.Version("ranker-", baseVersion + "|" + string.Join("|", training.Select(d => d.Id + ":" + string.Join(",",
            d.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + Convert.ToString(v.Value, CultureInfo.InvariantCulture))))));
        var model = CandidateRanker.Train(examples, version);
        int Right(CandidateRanker? m) => heldBack.Sum(d => LocalExtractor.TopChoices(d.Text, d.Type, d.Values, m).Count(c => c.Right));
        return Decide("ranker", version, baseVersion, training.Count, fields, Right(current), Right(model), "fields with the right value first", model, now);
    }

    private static (LearnedModelTrained, T?) Decide<T>(string kind, string version, string baseVersion, int trainedOn, int heldBack, int before, int after,
        string what, T model, DateTimeOffset now) where T : class
    {
        var better = after > before;
        var reason = better
            ? $"Activated: {what} among {heldBack} held back {before} → {after}."
            : $"Not activated: {what} among {heldBack} held back would go {before} → {after}; {baseVersion} stays in force.";
        return (new LearnedModelTrained(kind, version, baseVersion, trainedOn, heldBack, before, after, better, reason, now), better ? model : null);
    }

    private static LearnedModelTrained Skipped(string kind, string baseVersion, int trainedOn, int heldBack, string what, DateTimeOffset now) =>
        new(kind, baseVersion, baseVersion, trainedOn, heldBack, 0, 0, false,
            $"Not trained: {heldBack} held-back {what} (at least {MinHeldBack} are needed to tell a better model from luck).", now);
}
