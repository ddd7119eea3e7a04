using System.Text;
using System.Text.Json;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction.Local;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Features;

/// <summary>The learned type model and candidate ranker in the pipeline: their versions are recorded with what they decided.</summary>
public class when_the_learned_models_decide(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    [Fact]
    public async Task the_classification_and_the_chosen_values_name_the_models_that_made_them()
    {
        var number = $"R-{Guid.NewGuid():N}"[..14];
        var document = await app.Host.UploadAndWaitAsync(Encoding.UTF8.GetBytes($"""
            Contoso Ltd
            Hauptstraße 5, 10115 Berlin
            RECHNUNG
            Bestelldatum: 02.05.2024
            Bestellnummer: PO-77812
            Rechnungsnummer: {number}
            Rechnungsdatum: 03.06.2024
            Lieferdatum: 28.05.2024
            Fällig am: 03.07.2024
            Zwischensumme 200,00
            MwSt 19% 38,00
            Gesamtbetrag 238,00
            """), "learned-models");

        Assert.Equal(TypeModel.Default!.Version, document.GetProperty("classificationModel").GetString());
        var fields = document.GetProperty("fields");
        Assert.Equal(number, fields.GetProperty("invoiceNumber").GetProperty("value").GetString());
        Assert.Equal("2024-06-03", fields.GetProperty("invoiceDate").GetProperty("value").GetString());
        // Several labelled candidates competed for the number and the date: the ranker chose, and says so.
        foreach (var field in new[] { "invoiceNumber", "invoiceDate" })
            Assert.Equal(CandidateRanker.Default!.Version, fields.GetProperty(field).GetProperty("evidence").GetProperty("ranker").GetString());
    }
}
