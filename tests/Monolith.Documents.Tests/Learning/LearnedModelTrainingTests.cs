using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Learning;

namespace Monolith.Documents.Tests.Learning;

/// <summary>Retraining the type model and the ranker from reviewed documents, pure: activated only when better on the held-back ones.</summary>
[Collection(ModelTrainingCollection.Name)]
public class LearnedModelTrainingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Reviewed documents from the ranking generator: right types and right values, ids spread over both folds.</summary>
    private static List<ReviewedDocument> Reviewed(int count, int seed) =>
        [.. RankingTrainingCorpus.Build(count, seed).Select((d, i) => new ReviewedDocument(new Guid(i + 1, 7, 7, [1, 2, 3, 4, 5, 6, 7, (byte)seed]), d.Text, d.Type, d.Truth))];

    [Fact]
    public void a_type_model_that_is_not_better_on_the_held_back_documents_is_not_activated()
    {
        // Documents the model in force types right: a model that is right on every held-back document cannot be beaten there.
        var reviewed = Reviewed(80, 3).Where(d => LocalTypeClassifier.Classify(d.Text).Type == d.Type).ToList();
        Assert.True(reviewed.Count(d => d.HeldBack) >= LearnedModelTraining.MinHeldBack);
        var (run, model) = LearnedModelTraining.TrainType(reviewed, TypeModel.Default, Now);
        Assert.Equal("type", run.Kind);
        Assert.Equal(run.RightAfter > run.RightBefore, run.Activated);
        Assert.False(run.Activated);
        Assert.Equal(run.Activated, model is not null);
        Assert.Contains(run.Activated ? "Activated" : "Not activated", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_better_type_model_is_activated()
    {
        var reviewed = Reviewed(60, 4);
        // A weak model in force (the rules alone decide when it is null and none is shipped): trained on a handful of letters.
        using var weak = TypeModel.Train([.. TypeTrainingCorpus.Build(50, 1).Where(d => d.Type is DocumentType.Other or DocumentType.Receipt)
            .Select(d => new TypeExample(LocalTypeClassifier.Features(d.Text), d.Type))], "type-weak");
        var (run, model) = LearnedModelTraining.TrainType(reviewed, weak, Now);
        Assert.True(run.RightAfter > run.RightBefore, run.Reason);
        Assert.True(run.Activated);
        Assert.NotNull(model);
        Assert.Equal(run.Version, model.Version);
        Assert.Equal("type-weak", run.BaseVersion);
    }

    [Fact]
    public void too_few_held_back_documents_train_nothing()
    {
        var reviewed = Reviewed(6, 5).Where(d => !d.HeldBack).Concat(Reviewed(6, 5).Where(d => d.HeldBack).Take(1)).ToList();
        var (typeRun, typeModel) = LearnedModelTraining.TrainType(reviewed, TypeModel.Default, Now);
        var (rankerRun, ranker) = LearnedModelTraining.TrainRanker(reviewed, CandidateRanker.Default, Now);
        Assert.False(typeRun.Activated);
        Assert.False(rankerRun.Activated);
        Assert.Null(typeModel);
        Assert.Null(ranker);
        Assert.StartsWith("Not trained", typeRun.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_ranker_is_activated_only_when_it_ranks_more_held_back_fields_right()
    {
        var reviewed = Reviewed(80, 6);
        var (run, ranker) = LearnedModelTraining.TrainRanker(reviewed, null, Now);
        Assert.Equal("ranker", run.Kind);
        Assert.Equal("hand-set", run.BaseVersion);
        Assert.Equal(run.RightAfter > run.RightBefore, run.Activated);
        Assert.Equal(run.Activated, ranker is not null);
        Assert.True(run.HeldBack >= LearnedModelTraining.MinHeldBack);
    }

    [Fact]
    public void a_customers_own_convention_is_learned_across_its_vendors()
    {
        // This customer files the "TAX INVOICE" till slips of its suppliers' counters as invoices; the shipped model calls them receipts.
        string[] shops = ["KEDAI RUNCIT MAJU", "SYARIKAT BINA JAYA", "TAN HARDWARE", "OCEAN MART", "PERNIAGAAN ALIF", "SRI MURNI TRADING"];
        var reviewed = Enumerable.Range(0, 60).Select(i => new ReviewedDocument(new Guid(i + 1, 3, 3, [9, 9, 9, 9, 9, 9, 9, 9]),
            LocalTypeClassifierText($"{shops[i % shops.Length]} SDN BHD\nNO {i + 3}, JALAN {i % 9 + 1}/{i % 4 + 2}\nTAX INVOICE\nINVOICE NO: CS{1000 + i}\n" +
                $"DATE: {i % 28 + 1:00}/0{i % 9 + 1}/2018 1{i % 10}:2{i % 6}\nCASHIER: {i % 5}\nCEMENT 50KG  {i + 10}.00\nTOTAL  {i + 10}.00\nCASH  {i + 20}.00\nTHANK YOU"),
            DocumentType.Invoice, new Dictionary<string, object>())).ToList();
        var before = reviewed.Count(d => LocalTypeClassifier.Classify(d.Text).Type == DocumentType.Invoice);
        var (run, model) = LearnedModelTraining.TrainType(reviewed, TypeModel.Default, Now);
        Assert.True(run.Activated, run.Reason);
        Assert.NotNull(model);
        // A slip from a vendor none of the reviewed documents came from.
        var unseen = LocalTypeClassifierText("HUAT HUAT ENTERPRISE\nTAX INVOICE\nINVOICE NO: CS7788\nDATE: 03/04/2018 11:02\nCASHIER: 2\nPAINT 5L  55.00\nTOTAL  55.00\nCASH  60.00\nTHANK YOU");
        Assert.Equal(DocumentType.Invoice, LocalTypeClassifier.Classify(unseen, model).Type);
        Assert.True(before < reviewed.Count, $"the shipped model already typed {before} of {reviewed.Count} as invoices");
    }

    private static DocumentText LocalTypeClassifierText(string text) => new([new TextPage(1, text, [])], "test");
}
