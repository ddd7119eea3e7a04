using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Access;
using Monolith.Documents.Extraction;
using Monolith.Documents.Learning;
using Monolith.Documents.Scoring;
using Wolverine.Http;

namespace Monolith.Documents.Features.Models;

/// <summary>A retraining run as the API shows it (the weights stay in the event).</summary>
public sealed record TrainingRunView(string Version, string BaseVersion, int Documents, int TrainedOn, int HeldBack, ModelScore Before,
    ModelScore After, bool Activated, string Reason, DateTimeOffset At)
{
    public static TrainingRunView From(CustomerModelTrained e) =>
        new(e.Version, e.BaseVersion, e.Documents, e.TrainedOn, e.HeldBack, e.Before, e.After, e.Activated, e.Reason, e.At);
}

/// <summary>The confidence model in force for this customer and every retraining run, newest first.</summary>
public sealed record CustomerModelView(string ActiveVersion, bool Customised, IReadOnlyList<TrainingRunView> Runs);

/// <summary>
/// Retraining from this customer's reviews (the fine-tuning pipeline, made real): the confidence model learns from every
/// approved document's verdicts (fields left as extracted were right, corrected ones wrong), is tested on one review in
/// five held back, and replaces the model in force only when it predicts those better. Each run is a
/// <c>customer_model_trained</c> event; documents processed afterwards carry the new version in their fields' evidence.
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
        if (model is null) session.Events.StartStream<CustomerModel>(CustomerModel.StreamId, run);
        else session.Events.Append(CustomerModel.StreamId, run);
        await session.SaveChangesAsync(ct);
        return Results.Ok(TrainingRunView.From(run));
    }

    [WolverineGet("/api/documents/models", OperationId = "GetDocumentModel")]
    [Tags("Documents")]
    [ProducesResponseType<CustomerModelView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct)
    {
        var model = await session.LoadAsync<CustomerModel>(CustomerModel.StreamId, ct);
        return Results.Ok(new CustomerModelView(model?.ActiveVersion ?? ConfidenceCalibration.Default.Version, model?.ActiveVersion is not null,
            (model?.Runs ?? []).AsEnumerable().Reverse().Select(TrainingRunView.From).ToList()));
    }
}
