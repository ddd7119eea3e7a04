using System.Net;
using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Documents.Tests.Features;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Learning;

/// <summary>Retraining on the real Host and PostgreSQL: from one customer's reviews, recorded, never another customer's.</summary>
[Collection(ModelTrainingCollection.Name)]
public class when_a_customer_retrains_its_model(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    private static byte[] Receipt(int n) => Encoding.UTF8.GetBytes(FormattableString.Invariant($"""
        SHOP NUMBER {n % 7} TRADING
        RECEIPT {Guid.NewGuid():N}
        DATE {1 + (n % 27):00}/05/2024
        ITEM              {n + 1}.00
        DEPOSIT           {n + 50}.00
        TOTAL             {n + 1}.00
        """));

    private Task<IScenarioResult> Post(string url, string tenant, HttpStatusCode expected, object? body = null) => app.Host.Scenario(s =>
    {
        if (body is null) s.Post.Url(url); else s.Post.Json(body).ToUrl(url);
        s.WithRequestHeader("X-Customer-Id", tenant);
        s.StatusCodeShouldBe(expected);
    });

    [Fact]
    public async Task reviews_train_a_model_that_is_recorded_for_that_customer_only()
    {
        const string tenant = "retrain-co";
        var refused = JsonDocument.Parse(await (await Post("/api/documents/models/train", tenant, HttpStatusCode.UnprocessableEntity)).ReadAsTextAsync()).RootElement;
        Assert.Contains("0 approved documents", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Every document to a person, so each one is reviewed (as a new customer's first weeks are).
        await app.Host.Scenario(s =>
        {
            s.Put.Json(new { automationThreshold = 1.0, confidenceThreshold = 1.0 }).ToUrl("/api/automation/settings");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBeOk();
        });
        for (var n = 0; n < 80; n++)
        {
            var document = await app.Host.UploadAndWaitAsync(Receipt(n), tenant);
            if (document.GetProperty("status").GetString() != "NeedsReview" && document.GetProperty("decision").GetString() != "Manual") continue;
            // Reviewers put the total right where the extractor took the deposit; other fields they leave as they are.
            var total = document.GetProperty("fields").TryGetProperty("total", out var t) ? t.GetProperty("value").GetDecimal() : 0m;
            var corrections = total == n + 1 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["total"] = FormattableString.Invariant($"{n + 1}.00") };
            await Post($"/api/documents/{document.GetProperty("id").GetGuid()}/review", tenant, HttpStatusCode.OK,
                new { action = "approve", reviewer = "maria", corrections });
        }

        var run = JsonDocument.Parse(await (await Post("/api/documents/models/train", tenant, HttpStatusCode.OK)).ReadAsTextAsync()).RootElement;
        var before = run.GetProperty("before").GetProperty("logLoss").GetDouble();
        var after = run.GetProperty("after").GetProperty("logLoss").GetDouble();
        Assert.Equal(after < before, run.GetProperty("activated").GetBoolean());
        Assert.True(run.GetProperty("heldBack").GetInt32() >= 30);

        // The type model and the candidate ranker were retrained in the same run, each activated only if it did better.
        foreach (var kind in new[] { "typeModel", "ranker" })
        {
            var learned = run.GetProperty(kind);
            Assert.Equal(learned.GetProperty("rightAfter").GetInt32() > learned.GetProperty("rightBefore").GetInt32(), learned.GetProperty("activated").GetBoolean());
            Assert.False(string.IsNullOrEmpty(learned.GetProperty("reason").GetString()));
        }

        var model = await app.Host.GetJsonAsync<JsonElement>("/api/documents/models", tenant);
        Assert.Equal(run.GetProperty("version").GetString(), model.GetProperty("runs")[0].GetProperty("version").GetString());
        Assert.Equal(run.GetProperty("activated").GetBoolean(), model.GetProperty("customised").GetBoolean());
        Assert.Equal(run.GetProperty("typeModel").GetProperty("activated").GetBoolean()
            ? run.GetProperty("typeModel").GetProperty("version").GetString() : Monolith.Documents.Classification.TypeModel.Default!.Version,
            model.GetProperty("typeModel").GetString());
        Assert.Equal(run.GetProperty("typeModel").GetProperty("version").GetString(), model.GetProperty("runs")[0].GetProperty("typeModel").GetProperty("version").GetString());
        // The next document is processed with the models in force for this customer, and says which.
        var next = await app.Host.UploadAndWaitAsync(Receipt(200), tenant);
        Assert.Equal(model.GetProperty("typeModel").GetString(), next.GetProperty("classificationModel").GetString());

        var elsewhere = await app.Host.GetJsonAsync<JsonElement>("/api/documents/models", "retrain-other");
        Assert.False(elsewhere.GetProperty("customised").GetBoolean());
        Assert.Equal(Monolith.Documents.Classification.TypeModel.Default!.Version, elsewhere.GetProperty("typeModel").GetString());
        Assert.Equal(Monolith.Documents.Extraction.Local.CandidateRanker.Default!.Version, elsewhere.GetProperty("ranker").GetString());
        Assert.Empty(elsewhere.GetProperty("runs").EnumerateArray());
        await Post("/api/documents/models/train", "retrain-other", HttpStatusCode.UnprocessableEntity);
    }
}
