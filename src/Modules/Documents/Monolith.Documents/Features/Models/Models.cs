using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Access;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Learning;
using Monolith.Documents.Scoring;
using Monolith.Documents.Storage;
using Wolverine.Http;

namespace Monolith.Documents.Features.Models;

/// <summary>A retraining run as the API shows it (the weights stay in the event).</summary>
/// <remarks><see cref="TypeModel"/> and <see cref="Ranker"/> are the type model's and the candidate ranker's runs of the
/// same retraining (absent in runs before they were retrained too).</remarks>
public sealed record TrainingRunView(string Version, string BaseVersion, int Documents, int TrainedOn, int HeldBack, ModelScore Before,
    ModelScore After, bool Activated, string Reason, DateTimeOffset At, LearnedModelTrained? TypeModel = null, LearnedModelTrained? Ranker = null)
{
    public static TrainingRunView From(CustomerModelTrained e, IReadOnlyList<LearnedModelTrained>? learned = null) =>
        new(e.Version, e.BaseVersion, e.Documents, e.TrainedOn, e.HeldBack, e.Before, e.After, e.Activated, e.Reason, e.At,
            learned?.LastOrDefault(l => l.Kind == "type" && l.At == e.At), learned?.LastOrDefault(l => l.Kind == "ranker" && l.At == e.At));
}

/// <summary>The models in force for this customer (confidence, type, ranker) and every retraining run, newest first.</summary>
public sealed record CustomerModelView(string ActiveVersion, bool Customised, IReadOnlyList<TrainingRunView> Runs, string TypeModel = "",
    string Ranker = "");

/// <summary>
/// Retraining from this customer's reviews (the fine-tuning pipeline, made real): the confidence model learns from every
/// approved document's verdicts (fields left as extracted were right, corrected ones wrong), is tested on one review in
/// five held back, and replaces the model in force only when it predicts those better. The type model and the candidate
/// ranker are retrained in the same run from the approved documents' types and values (with the generated training
/// documents), tested on the same held-back documents, and activated only when they get more of them right. Each run is
/// a <c>customer_model_trained</c> event and two <c>learned_model_trained</c> events; documents processed afterwards
/// carry the versions in force in their events.
/// </summary>
public static class ModelEndpoints
{
    /// <summary>Most recent approved documents read for one run.</summary>
    public const int MaxDocuments = 2000;

    [RequiresRole(AccessRole.Admin)]
    [WolverinePost("/api/documents/models/train", OperationId = "TrainDocumentModel")]
    [Tags("Documents")]
    [ProducesResponseType<TrainingRunView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<IResult> Train(IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var approved = await session.Query<ProcessedDocument>()
            .Where(d => d.Status == DocumentStatus.Approved)
            .OrderByDescending(d => d.ReviewedAt).Take(MaxDocuments).ToListAsync(ct);
        var reviewed = new List<ReviewedField>();
        foreach (var document in approved)
        {
            if (document.DocumentType is not { } type) continue;
            var events = await session.Events.FetchStreamAsync(document.Id, token: ct);
            // The fields as the pipeline (or a re-score with vendor memory) last gave them, before any correction.
            var extracted = events.Select(e => e.Data switch
            {
                DocumentFieldsExtracted x => x.Fields,
                DocumentFieldsRemembered x => x.Fields,
                _ => null,
            }).LastOrDefault(f => f is not null);
            if (extracted is not null) reviewed.AddRange(CustomerModelTraining.Verdicts(document.Id, type, extracted, document.CorrectedFields));
        }

        var model = await session.LoadAsync<CustomerModel>(CustomerModel.StreamId, ct);
        var (run, problem) = CustomerModelTraining.Train(reviewed, model?.Calibration() ?? ConfidenceCalibration.Default, approved.Count, clock.GetUtcNow());
        if (run is null)
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not enough reviewed documents to retrain", detail: problem);
        // The type model and the ranker, from the approved documents' texts, types and reviewed values.
        var texts = (await session.LoadManyAsync<DocumentTextRecord>(ct, approved.Select(d => d.Id))).ToDictionary(t => t.Id);
        var documents = approved.Where(d => d.DocumentType is not null && texts.ContainsKey(d.Id))
            .Select(d => new ReviewedDocument(d.Id, texts[d.Id].Text, d.DocumentType!.Value, RankedValues(d))).ToList();
        var current = await CustomerLearnedModels.LoadAsync(session, model, ct);
        var (typeRun, typeModel) = LearnedModelTraining.TrainType(documents, current?.TypeModel ?? TypeModel.Default, run.At);
        var (rankerRun, ranker) = LearnedModelTraining.TrainRanker(documents, current?.Ranker ?? CandidateRanker.Default, run.At);
        if (typeModel is not null) session.Store(new LearnedModelFile { Id = typeModel.Version, Kind = "type", Content = ModelFiles.Bytes(typeModel.Save) });
        if (ranker is not null) session.Store(new LearnedModelFile { Id = ranker.Version, Kind = "ranker", Content = ModelFiles.Bytes(ranker.Save) });

        if (model is null) session.Events.StartStream<CustomerModel>(CustomerModel.StreamId, run, typeRun, rankerRun);
        else session.Events.Append(CustomerModel.StreamId, run, typeRun, rankerRun);
        await session.SaveChangesAsync(ct);
        return Results.Ok(TrainingRunView.From(run, [typeRun, rankerRun]));
    }

    [WolverineGet("/api/documents/models", OperationId = "GetDocumentModel")]
    [Tags("Documents")]
    [ProducesResponseType<CustomerModelView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct)
    {
        var model = await session.LoadAsync<CustomerModel>(CustomerModel.StreamId, ct);
        return Results.Ok(new CustomerModelView(model?.ActiveVersion ?? ConfidenceCalibration.Default.Version, model?.ActiveVersion is not null,
            (model?.Runs ?? []).AsEnumerable().Reverse().Select(r => TrainingRunView.From(r, model?.LearnedRuns)).ToList(),
            model?.ActiveTypeModel ?? TypeModel.Default?.Version ?? LocalTypeClassifier.RulesModel,
            model?.ActiveRanker ?? CandidateRanker.Default?.Version ?? "hand-set"));
    }

    /// <summary>The values a reviewer approved for the fields the ranker orders (dates as dates, numbers as text; a
    /// receipt's transaction date is its issue date).</summary>
    private static Dictionary<string, object> RankedValues(ProcessedDocument d) =>
        d.Fields.Select(f => f.Name == FieldNames.TransactionDate ? f with { Name = FieldNames.InvoiceDate } : f)
            .Where(f => LocalExtractor.RankedFields.Contains(f.Name) && (f.Date is not null || !string.IsNullOrWhiteSpace(f.Text)))
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Date is { } date ? (object)date : g.First().Text!, StringComparer.Ordinal);
}
