using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Xunit.Abstractions;

namespace Monolith.Documents.Tests.Extraction;

[Collection(ModelTrainingCollection.Name)]
public class TypeModelTests(ITestOutputHelper output)
{
    [Fact]
    public void the_shipped_model_reads_the_features_the_code_computes()
    {
        var card = TypeModel.ShippedCard();
        Assert.NotNull(card);
        // A feature added or renamed without running `documents train` would leave a model that reads the wrong inputs.
        Assert.Equal(LocalTypeClassifier.FeatureNames, card.Features);
        Assert.NotNull(TypeModel.Default);
        Assert.Equal(card.Version, TypeModel.Default.Version);
        Assert.Equal(card.Version, LocalTypeClassifier.Classify(LocalTypeClassifierTests.Text("INVOICE\nTotal 10.00")).Model);
    }

    [Fact]
    public void training_is_reproducible_and_the_version_follows_the_data()
    {
        var (first, firstCard) = TypeModelTraining.Train(perType: 60, seed: 7);
        var (second, secondCard) = TypeModelTraining.Train(perType: 60, seed: 7);
        var (_, otherCard) = TypeModelTraining.Train(perType: 60, seed: 8);
        Assert.Equal(firstCard.Version, secondCard.Version);
        Assert.NotEqual(firstCard.Version, otherCard.Version);
        foreach (var doc in TypeTrainingCorpus.Build(10, seed: 99))
        {
            var features = LocalTypeClassifier.Features(doc.Text);
            Assert.Equal(first.Classify(features).Scores, second.Classify(features).Scores);
        }
    }

    [Fact]
    public void a_saved_model_loads_and_answers_the_same()
    {
        var (model, card) = TypeModelTraining.Train(perType: 60, seed: 7);
        using var buffer = new MemoryStream();
        model.Save(buffer);
        using var again = new MemoryStream();
        model.Save(again);
        // Retraining without a change must leave the shipped file as it is.
        Assert.Equal(buffer.ToArray(), again.ToArray());
        buffer.Position = 0;
        using var loaded = TypeModel.Load(buffer, card.Version);
        foreach (var doc in TypeTrainingCorpus.Build(10, seed: 99))
        {
            var features = LocalTypeClassifier.Features(doc.Text);
            Assert.Equal(model.Classify(features), loaded.Classify(features), new ClassificationComparer());
        }
    }

    /// <summary>
    /// The shipped model was trained on documents from <see cref="TypeTrainingCorpus"/>; the test corpus is written by a
    /// different generator (its own layouts, vendors and wording), so this measures it on documents it never saw.
    /// </summary>
    [Fact]
    public void the_shipped_model_types_documents_of_another_generator()
    {
        var corpus = GeneratedCorpus.Build();
        var right = 0;
        foreach (var doc in corpus)
        {
            var got = LocalTypeClassifier.Classify(doc.Text);
            if (got.Type == doc.Type) right++;
            else output.WriteLine($"{doc.Name}: {got.Type} ({got.Confidence})");
        }
        output.WriteLine($"{right}/{corpus.Count}");
        Assert.True(right >= corpus.Count * 0.97, $"{right}/{corpus.Count}");
    }

    [Fact]
    public void features_have_one_value_per_name_and_rules_stay_available()
    {
        var text = LocalTypeClassifierTests.Text("Muster GmbH\nK O S T E N R E C H N U N G\nRechnungsnummer 1\nGesamtbetrag 10,00");
        Assert.Equal(LocalTypeClassifier.FeatureNames.Count, LocalTypeClassifier.Features(text).Length);
        Assert.Equal(LocalTypeClassifier.FeatureNames.Count, LocalTypeClassifier.FeatureNames.Distinct().Count());
        // A heading set letter by letter is read as the word it spells.
        var rules = LocalTypeClassifier.ClassifyByRules(text);
        Assert.Equal(DocumentType.Invoice, rules.Type);
        Assert.Equal(LocalTypeClassifier.RulesModel, rules.Model);
    }

    [Fact]
    public void a_model_refuses_features_of_another_shape()
    {
        var (model, _) = TypeModelTraining.Train(perType: 60, seed: 7);
        Assert.Throws<ArgumentException>(() => model.Classify([1f, 2f]));
    }

    private sealed class ClassificationComparer : IEqualityComparer<Monolith.Documents.Classification.Classification>
    {
        public bool Equals(Monolith.Documents.Classification.Classification? x, Monolith.Documents.Classification.Classification? y) =>
            x is not null && y is not null && x.Type == y.Type && x.Confidence.Equals(y.Confidence) && x.Scores.SequenceEqual(y.Scores);

        public int GetHashCode(Monolith.Documents.Classification.Classification obj) => obj.Type.GetHashCode();
    }
}

[Collection(ModelTrainingCollection.Name)]
public class CandidateRankerTests
{
    [Fact]
    public void the_shipped_ranker_reads_the_features_the_code_computes()
    {
        var card = CandidateRanker.ShippedCard();
        Assert.NotNull(card);
        Assert.Equal(LocalExtractor.RankingFeatureNames, card.Features);
        Assert.Equal(card.Version, CandidateRanker.Default!.Version);
        Assert.Equal(LocalExtractor.RankingFeatureNames.Count, LocalExtractor.RankingFeatureNames.Distinct().Count());
    }

    [Fact]
    public void training_is_reproducible_and_beats_the_hand_set_order_on_unseen_generated_documents()
    {
        var (first, card) = CandidateRankerTraining.Train(documents: 300, seed: 5);
        var (second, again) = CandidateRankerTraining.Train(documents: 300, seed: 5);
        Assert.Equal(card.Version, again.Version);
        Assert.Equal(Monolith.Documents.Learning.ModelFiles.Bytes(first.Save), Monolith.Documents.Learning.ModelFiles.Bytes(second.Save));
        var (learned, hand, fields) = CandidateRankerTraining.TopOne(RankingTrainingCorpus.Build(200, seed: 77), first);
        Assert.True(fields > 300, $"{fields} ranked fields");
        Assert.True(learned > hand, $"ranker {learned}/{fields}, hand {hand}/{fields}");
    }

    [Fact]
    public void an_invoice_number_is_chosen_over_the_order_number_it_answers()
    {
        var text = LocalTypeClassifierTests.Text("ACME Ltd\nINVOICE\nOrder No: 55120\nInvoice No: 2024-0917\nDate: 03/06/2024\nTotal 10.00");
        var fields = LocalExtractor.Extract(text, DocumentType.Invoice).Fields;
        var number = Assert.Single(fields, f => f.Name == FieldNames.InvoiceNumber);
        Assert.Equal("2024-0917", number.Text);
        Assert.Equal(CandidateRanker.Default!.Version, number.Evidence!.Ranker);
        // Without the ranker the hand-set order decides, and no ranker is named.
        var byHand = LocalExtractor.Extract(text, DocumentType.Invoice, Monolith.Documents.Scoring.ConfidenceCalibration.Default, null).Fields;
        Assert.Null(Assert.Single(byHand, f => f.Name == FieldNames.InvoiceNumber).Evidence!.Ranker);
    }

    [Fact]
    public void a_ranker_refuses_features_of_another_shape()
    {
        Assert.Throws<ArgumentException>(() => CandidateRanker.Default!.Score([1f]));
    }
}

public class TypeModelLanguageTests
{
    [Theory]
    [InlineData("Winkel B.V.\nFACTUUR\nFactuurnummer: 993548900\nFactuurdatum: 19-04-2014\nExclusief BTW   € 593,36\nBTW 21%   € 124,61\nTotaal   € 717,97")]
    [InlineData("Rossi S.r.l.\nFATTURA\nNumero fattura: 118\nImponibile 100,00\nIVA 22% 22,00\nTotale 122,00")]
    public void invoices_in_languages_the_generator_does_not_write_are_still_invoices(string text) =>
        Assert.Equal(DocumentType.Invoice, LocalTypeClassifier.Classify(LocalTypeClassifierTests.Text(text)).Type);
}
