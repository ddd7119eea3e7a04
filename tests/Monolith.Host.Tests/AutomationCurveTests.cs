using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Monolith.Analytics.Features.AutomationMetrics;
using Monolith.Testing;
using Wolverine.Marten;
using Xunit.Abstractions;

namespace Monolith.Host.Tests;

public class the_error_automation_curve_on_recorded_history(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string Tenant = "curve-co";

    private async Task<(Guid Id, double Automation, string Decision)> Upload(string text, string department)
    {
        JsonElement body = default;
        await app.Host.ExecuteAndTrackAsync(async () => body = await app.Host.UploadTextAndWaitAsync(text, Tenant, department));
        return (body.GetProperty("id").GetGuid(), body.GetProperty("scores").GetProperty("automation").GetDouble(),
            body.GetProperty("decision").GetString()!);
    }

    private Task Review(Guid id, string action, Dictionary<string, string>? corrections = null) => app.Host.ExecuteAndTrackAsync(() =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(new { action, reviewer = "maria", corrections = corrections ?? [] }).ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", Tenant);
            s.StatusCodeShouldBeOk();
        }));

    private async Task<JsonElement> Curve(string query)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/automation/curve?" + query);
            s.WithRequestHeader("X-Customer-Id", Tenant);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    private static JsonElement PointAt(JsonElement curve, double threshold) =>
        curve.GetProperty("points").EnumerateArray().Single(p => Math.Abs(p.GetProperty("threshold").GetDouble() - threshold) < 1e-9);

    [Fact]
    public async Task automation_share_and_error_rate_follow_the_threshold_and_survive_a_rebuild()
    {
        // Every document of "ap" goes to review; "auto" automates everything (never reviewed: no label).
        foreach (var (url, body) in new (string, object)[]
                 {
                     ("/api/automation/settings", new { automationThreshold = 1.0, confidenceThreshold = 1.0, manualInterventionThreshold = 0.0 }),
                     ("/api/automation/settings/departments/auto", new { confidenceThreshold = 0.0, completenessThreshold = 0.0,
                         validationThreshold = 0.0, automationThreshold = 0.0, manualInterventionThreshold = 0.0 }),
                 })
            await app.Host.Scenario(s => { s.Put.Json(body).ToUrl(url); s.WithRequestHeader("X-Customer-Id", Tenant); });

        var clean = await Upload(SampleDocuments.Invoice("C-1"), "ap");
        var corrected = await Upload(SampleDocuments.SparseInvoice("C-2"), "ap");
        var rejected = await Upload(SampleDocuments.SparseInvoice("C-3"), "ap");
        var waiting = await Upload(SampleDocuments.SparseInvoice("C-4"), "ap");
        var automated = await Upload(SampleDocuments.Invoice("C-5"), "auto");
        output.WriteLine($"automation scores: full {clean.Automation}, sparse {corrected.Automation}");
        Assert.Equal(["NeedsReview", "NeedsReview", "NeedsReview", "NeedsReview", "Automated"],
            new[] { clean, corrected, rejected, waiting, automated }.Select(d => d.Decision));
        Assert.True(corrected.Automation < clean.Automation, "the sparse invoice must score below the full one");
        Assert.True(corrected.Automation >= 0.5, $"the sparse invoice scores {corrected.Automation}: below the swept range");

        await Review(clean.Id, "approve");
        await Review(corrected.Id, "approve", new() { ["total"] = "76.00" });
        await Review(rejected.Id, "reject");

        // Other thresholds held open, so only the swept automation threshold decides; the current one is 1.0.
        const string Query = "documentType=invoice&confidenceThreshold=0&completenessThreshold=0&validationThreshold=0"
            + "&manualInterventionThreshold=0&automationThreshold=1";
        var curve = await Curve(Query);
        Assert.Equal(("Invoice", "automation", 1.0, 5L, 3L), (curve.GetProperty("documentType").GetString(), curve.GetProperty("threshold").GetString(),
            curve.GetProperty("currentValue").GetDouble(), curve.GetProperty("sampleSize").GetInt64(), curve.GetProperty("reviewed").GetInt64()));
        Assert.Contains("errorRate = errors / labelled", curve.GetProperty("method").GetString(), StringComparison.Ordinal);
        Assert.Equal(51, curve.GetProperty("points").GetArrayLength());

        // Low enough that every document is automated: 5 of 5, and of the 3 reviewed ones 2 were wrong (corrected, rejected).
        var all = PointAt(curve, Math.Floor(corrected.Automation * 100) / 100);
        Assert.Equal((5L, 1.0, 3L, 2L, 2L), (all.GetProperty("automated").GetInt64(), all.GetProperty("automationRate").GetDouble(),
            all.GetProperty("labelled").GetInt64(), all.GetProperty("errors").GetInt64(), all.GetProperty("unlabelled").GetInt64()));
        Assert.Equal(2.0 / 3, all.GetProperty("errorRate").GetDouble(), 9);
        Assert.InRange(all.GetProperty("errorRateLow").GetDouble(), 0.05, 2.0 / 3);

        // Above the sparse invoices: the two full invoices; the only labelled one was approved untouched → 0 % measured.
        var strict = PointAt(curve, Math.Round(Math.Floor(clean.Automation * 100) / 100, 2));
        if (Math.Floor(clean.Automation * 100) / 100 > corrected.Automation)
        {
            Assert.Equal((2L, 0.4, 1L, 0L, 0.0), (strict.GetProperty("automated").GetInt64(), strict.GetProperty("automationRate").GetDouble(),
                strict.GetProperty("labelled").GetInt64(), strict.GetProperty("errors").GetInt64(), strict.GetProperty("errorRate").GetDouble()));
        }

        // The current threshold (1.0) is marked; nothing scored that high, so there is no rate of errors to show.
        var current = curve.GetProperty("current");
        Assert.True(current.GetProperty("isCurrent").GetBoolean());
        Assert.Equal(1.0, Assert.Single(curve.GetProperty("points").EnumerateArray(), p => p.GetProperty("isCurrent").GetBoolean())
            .GetProperty("threshold").GetDouble());
        if (clean.Automation < 1.0)
            Assert.Equal((0L, JsonValueKind.Null), (current.GetProperty("automated").GetInt64(), current.GetProperty("errorRate").ValueKind));

        // Another customer's curve is empty; a type that is not there has no documents.
        var theirs = await app.Host.GetJsonAsync<JsonElement>("/api/analytics/automation/curve", "curve-other-co");
        Assert.Equal(0, theirs.GetProperty("sampleSize").GetInt64());
        Assert.Equal(0, (await Curve("documentType=Receipt")).GetProperty("sampleSize").GetInt64());

        // Rebuilt from Analytics' events, the observations (verdicts included) give the same curve: wiped first, so the
        // verdicts can only come from the replayed DocumentReviewObserved events.
        await using (var session = app.Store.LightweightSession(Tenant))
        {
            session.DeleteWhere<DocumentObservation>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.Equal(0, (await Curve(Query)).GetProperty("sampleSize").GetInt64());
        await app.Host.Scenario(s => s.Post.Url("/api/analytics/projections/DocumentObservation/rebuild"));
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();
        Assert.Equal(curve.GetProperty("points").GetRawText(), (await Curve(Query)).GetProperty("points").GetRawText());
    }

    [Theory]
    [InlineData("documentType=Banana", "documentType")]
    [InlineData("range=1y", "range")]
    [InlineData("from=soon", "from")]
    [InlineData("threshold=completeness", "threshold")]
    [InlineData("automationThreshold=2", "automationThreshold")]
    [InlineData("step=0", "step")]
    public async Task bad_input_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/analytics/automation/curve?" + query);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), body.RootElement.GetRawText());
    }

    [Fact]
    public void analytics_knows_the_document_types_documents_classifies_into()
    {
        Assert.Equal(Enum.GetNames<Monolith.Documents.Extraction.DocumentType>().Append(DocumentOutcomes.UnknownType),
            DocumentOutcomes.KnownTypes);
    }
}
