using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Testing;
using Wolverine.Marten;

namespace Monolith.Documents.Tests.Features;

public class when_documents_are_rescored(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    private const string Tenant = "rescore-co";

    private static string Invoice(string number) => SampleDocuments.Invoice(number);

    private async Task<JsonElement> UploadAndWait(string text, string department)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "invoice.txt");
        form.Add(new StringContent(department), "department");
        JsonElement body = default;
        await app.Host.ExecuteAndTrackAsync(async () =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.MultipartFormData(form).ToUrl("/api/documents").QueryString("wait", "true");
                s.WithRequestHeader("X-Customer-Id", Tenant);
                s.StatusCodeShouldBe(HttpStatusCode.OK);
            });
            body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
        });
        return body;
    }

    private Task<IScenarioResult> Put(string url, object body) => app.Host.Scenario(s =>
    {
        s.Put.Json(body).ToUrl(url);
        s.WithRequestHeader("X-Customer-Id", Tenant);
    });

    private Task<JsonElement> Get(string url) => app.Host.GetJsonAsync<JsonElement>(url, Tenant);

    [Fact]
    public async Task changed_decisions_are_new_events_the_queue_follows_and_analytics_counts_each_document_once()
    {
        const string lenient = "rescore-dept";
        await Put($"/api/automation/settings/departments/{lenient}",
            new { confidenceThreshold = 0.0, completenessThreshold = 0.0, validationThreshold = 0.0, automationThreshold = 0.0, manualInterventionThreshold = 0.0 });
        var a = await UploadAndWait(Invoice("R-1"), lenient);
        var b = await UploadAndWait(Invoice("R-2"), lenient);
        Assert.Equal("Automated", a.GetProperty("decision").GetString());
        Assert.Equal("Automated", b.GetProperty("decision").GetString());
        var firstVersion = a.GetProperty("settingsVersion").GetString();

        // Stricter settings, then re-score the period.
        await Put($"/api/automation/settings/departments/{lenient}", new { confidenceThreshold = 1.0, automationThreshold = 1.0 });
        JsonElement accepted = default;
        var tracked = await app.Host.ExecuteAndTrackAsync(async () =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddMinutes(1), department = lenient })
                    .ToUrl("/api/documents/rescore");
                s.WithRequestHeader("X-Customer-Id", Tenant);
                s.StatusCodeShouldBe(HttpStatusCode.Accepted);
            });
            accepted = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
        });
        Assert.Equal(2, accepted.GetProperty("documents").GetInt32());
        Assert.Equal(2, tracked.Executed.MessagesOf<Monolith.Documents.Contracts.DocumentDecisionRevised>().Count());

        var status = await Get($"/api/documents/rescore/{accepted.GetProperty("rescoreId").GetGuid()}");
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal((2, 2), (status.GetProperty("examined").GetInt32(), status.GetProperty("changed").GetInt32()));

        var after = await Get($"/api/documents/{a.GetProperty("id").GetGuid()}");
        Assert.Equal("NeedsReview", after.GetProperty("decision").GetString());
        Assert.NotEqual(firstVersion, after.GetProperty("settingsVersion").GetString());
        var events = await Get($"/api/documents/{a.GetProperty("id").GetGuid()}/events");
        var types = events.EnumerateArray().Select(e => e.ToString()).ToList();
        Assert.Contains(types, t => t.Contains("DocumentScored", StringComparison.OrdinalIgnoreCase) || t.Contains("document_scored", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(types, t => t.Contains("DocumentRescored", StringComparison.OrdinalIgnoreCase) || t.Contains("document_rescored", StringComparison.OrdinalIgnoreCase));
        var queue = await Get($"/api/documents/review-queue?department={lenient}");
        Assert.Equal(2, queue.GetProperty("items").GetArrayLength());

        // A second run with the same settings changes nothing.
        var again = await app.Host.ExecuteAndTrackAsync(() => app.Host.Scenario(s =>
        {
            s.Post.Json(new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddMinutes(1), department = lenient })
                .ToUrl("/api/documents/rescore");
            s.WithRequestHeader("X-Customer-Id", Tenant);
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        }));
        Assert.Empty(again.Executed.MessagesOf<Monolith.Documents.Contracts.DocumentDecisionRevised>());

        // Analytics replaced each document's decision in its bucket: still two documents.
        await app.Host.PauseThenCatchUpOnMartenDaemonActivityAsync();
        var metrics = await Get($"/api/analytics/automation?range=24h&department={lenient}");
        var totals = metrics.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("processed").GetInt64());
        Assert.Equal(0, totals.GetProperty("automated").GetInt64());
        Assert.Equal(2, totals.GetProperty("needsReview").GetInt64() + totals.GetProperty("manual").GetInt64());
    }

    [Theory]
    [InlineData("{\"to\":\"2026-01-01T00:00:00Z\"}", "from")]
    [InlineData("{\"from\":\"soon\"}", "from")]
    [InlineData("{\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}", "from")]
    public async Task a_bad_period_is_a_400_naming_the_field(string json, string field)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl("/api/documents/rescore");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader("X-Customer-Id", Tenant);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
