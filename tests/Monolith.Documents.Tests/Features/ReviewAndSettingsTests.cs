using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Features;

/// <summary>Settings per customer and department steer decisions; reviewers correct and approve; corrections feed training data.</summary>
public class when_documents_are_reviewed(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    private static string Invoice(string number) => SampleDocuments.Invoice(number);

    private async Task<JsonElement> UploadAndWait(string tenant, string text, string department)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "invoice.txt");
        form.Add(new StringContent(department), "department");
        var result = await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents").QueryString("wait", "true");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    private Task<IScenarioResult> Put(string tenant, string url, object body, HttpStatusCode expected) => app.Host.Scenario(s =>
    {
        s.Put.Json(body).ToUrl(url);
        s.WithRequestHeader("X-Customer-Id", tenant);
        s.StatusCodeShouldBe(expected);
    });

    [Fact]
    public async Task department_thresholds_decide_and_the_decision_names_the_settings_version()
    {
        await Put("settings-co", "/api/automation/settings/departments/strict", new { confidenceThreshold = 1.0, automationThreshold = 1.0 }, HttpStatusCode.OK);
        await Put("settings-co", "/api/automation/settings/departments/lenient",
            new { confidenceThreshold = 0.0, completenessThreshold = 0.0, validationThreshold = 0.0, automationThreshold = 0.0, manualInterventionThreshold = 0.0 },
            HttpStatusCode.OK);

        var strict = await UploadAndWait("settings-co", Invoice("S-1"), "strict");
        var lenient = await UploadAndWait("settings-co", Invoice("L-1"), "lenient");

        Assert.Equal("NeedsReview", strict.GetProperty("decision").GetString());
        Assert.True("Automated" == lenient.GetProperty("decision").GetString(), lenient.ToString());
        Assert.Equal("NeedsReview", strict.GetProperty("status").GetString());
        Assert.NotEqual(strict.GetProperty("settingsVersion").GetString(), lenient.GetProperty("settingsVersion").GetString());

        var settings = await app.Host.GetJsonAsync<JsonElement>("/api/automation/settings/departments/strict", "settings-co");
        Assert.Equal(1.0, settings.GetProperty("effective").GetProperty("automationThreshold").GetDouble());
        Assert.Equal(2, settings.GetProperty("profileVersion").GetInt32());

        // Another customer still has the configured defaults.
        var other = await app.Host.GetJsonAsync<JsonElement>("/api/automation/settings/departments/strict", "someone-else");
        Assert.Equal(0.85, other.GetProperty("effective").GetProperty("automationThreshold").GetDouble());
    }

    [Fact]
    public async Task out_of_range_thresholds_are_a_400_naming_the_field()
    {
        var result = await Put("settings-co", "/api/automation/settings", new { goal = 1.5 }, HttpStatusCode.BadRequest);
        Assert.Contains("goal", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_reviewer_corrects_fields_and_approves_and_the_corrections_are_recorded_and_exported()
    {
        await Put("review-co", "/api/automation/settings", new { automationThreshold = 1.0, confidenceThreshold = 1.0 }, HttpStatusCode.OK);
        var document = await UploadAndWait("review-co", Invoice("R-77"), "ap");
        var id = document.GetProperty("id").GetGuid();
        Assert.Equal("NeedsReview", document.GetProperty("status").GetString());

        var queue = await app.Host.GetJsonAsync<JsonElement>("/api/documents/review-queue?department=ap", "review-co");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var reviewed = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { action = "approve", reviewer = "maria", corrections = new Dictionary<string, string> { ["total"] = "121.00", ["customerName"] = "Fabrikam Inc." } })
                .ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", "review-co");
            s.StatusCodeShouldBeOk();
        });
        var after = JsonDocument.Parse(await reviewed.ReadAsTextAsync()).RootElement;
        Assert.Equal("Approved", after.GetProperty("status").GetString());
        Assert.Equal(121.00m, after.GetProperty("fields").GetProperty("total").GetProperty("value").GetDecimal());
        Assert.Equal("human", after.GetProperty("fields").GetProperty("total").GetProperty("provider").GetString());

        var events = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}/events", "review-co");
        var correction = events.EnumerateArray().First(e => e.GetProperty("type").GetString() == "document_field_corrected").GetProperty("data");
        Assert.Equal("120.00", correction.GetProperty("oldValue").GetString());
        Assert.Equal("121.00", correction.GetProperty("newValue").GetString());
        Assert.Equal("local", correction.GetProperty("provider").GetString());

        var queueAfter = await app.Host.GetJsonAsync<JsonElement>("/api/documents/review-queue?department=ap", "review-co");
        Assert.DoesNotContain(queueAfter.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        // A second review of the same document is a conflict.
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { action = "reject" }).ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", "review-co");
            s.StatusCodeShouldBe(HttpStatusCode.Conflict);
        });

        var lines = (await (await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/documents/training-data?minConfidence=0");
            s.WithRequestHeader("X-Customer-Id", "review-co");
        })).ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var example = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal(id, example.GetProperty("id").GetGuid());
        Assert.Equal(121.00m, example.GetProperty("fields").GetProperty("total").GetDecimal());
        Assert.Contains("total", example.GetProperty("humanCorrectedFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("R-77", example.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_invalid_review_names_the_field_and_changes_nothing()
    {
        await Put("bad-review-co", "/api/automation/settings", new { automationThreshold = 1.0 }, HttpStatusCode.OK);
        var document = await UploadAndWait("bad-review-co", Invoice("B-1"), "ap");
        var id = document.GetProperty("id").GetGuid();
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { action = "approve", corrections = new Dictionary<string, string> { ["total"] = "a lot", ["colour"] = "red" } })
                .ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", "bad-review-co");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var text = await result.ReadAsTextAsync();
        Assert.Contains("corrections.total", text, StringComparison.Ordinal);
        Assert.Contains("corrections.colour", text, StringComparison.Ordinal);
        var unchanged = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}", "bad-review-co");
        Assert.Equal("NeedsReview", unchanged.GetProperty("status").GetString());
    }
    [Fact]
    public async Task a_reviewer_adds_the_missing_currency_and_fixes_a_line_item_and_the_document_is_revalidated()
    {
        const string tenant = "revalidate-co";
        await Put(tenant, "/api/automation/settings", new { automationThreshold = 1.0 }, HttpStatusCode.OK);
        var document = await UploadAndWait(tenant, """
            Northwind Traders Ltd
            INVOICE
            Invoice No: RV-1
            Invoice Date: 2024-05-02
            Bill to: Fabrikam Inc
            Description        Qty   Unit Price   Amount
            Widgets              2        25.00    50.00
            Gadgets              1        50.00    55.00
            Subtotal   100.00
            VAT 20%     20.00
            Total      120.00
            """, "ap");
        var id = document.GetProperty("id").GetGuid();
        Assert.True(document.GetProperty("status").GetString() == "NeedsReview", document.ToString());
        Assert.False(document.GetProperty("fields").TryGetProperty("currency", out _), document.ToString());
        Assert.False(Rule(document, "required-fields").GetProperty("passed").GetBoolean(), document.ToString());
        Assert.False(Rule(document, "line-items-sum").GetProperty("passed").GetBoolean(), document.ToString());
        var scoresBefore = document.GetProperty("scores");

        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                action = "approve", reviewer = "maria", corrections = new Dictionary<string, string> { ["currency"] = "GBP" },
                lineItems = new object[]
                {
                    new { description = "Widgets", quantity = 2, unitPrice = 25.00m, amount = 50.00m },
                    new { description = "Gadgets", quantity = 1, unitPrice = 50.00m, amount = 50.00m },
                },
            }).ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBeOk();
        });
        var after = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal("Approved", after.GetProperty("status").GetString());
        var currency = after.GetProperty("fields").GetProperty("currency");
        Assert.Equal("GBP", currency.GetProperty("value").GetString());
        Assert.Equal(1.0, currency.GetProperty("confidence").GetDouble());
        Assert.Equal(50.00m, after.GetProperty("lineItems")[1].GetProperty("amount").GetDecimal());
        Assert.True(Rule(after, "required-fields").GetProperty("passed").GetBoolean(), after.ToString());
        Assert.True(Rule(after, "line-items-sum").GetProperty("passed").GetBoolean(), after.ToString());
        var scores = after.GetProperty("scores");
        Assert.Equal(1.0, scores.GetProperty("completeness").GetDouble());
        Assert.True(scores.GetProperty("automation").GetDouble() > scoresBefore.GetProperty("automation").GetDouble(), after.ToString());
        Assert.Equal("NeedsReview", after.GetProperty("decision").GetString()); // the pipeline's decision stands

        // The stored view agrees with the answer.
        var stored = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}", tenant);
        Assert.True(Rule(stored, "required-fields").GetProperty("passed").GetBoolean(), stored.ToString());
        Assert.Equal(scores.GetProperty("automation").GetDouble(), stored.GetProperty("scores").GetProperty("automation").GetDouble());

        var events = (await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}/events", tenant)).EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString(), Data: e.GetProperty("data"))).ToList();
        Assert.Equal(["document_field_corrected", "document_line_items_corrected", "document_revalidated", "document_reviewed"],
            events.TakeLast(4).Select(e => e.Type));
        var added = events.Single(e => e.Type == "document_field_corrected").Data;
        Assert.Equal(JsonValueKind.Null, added.GetProperty("oldValue").ValueKind);
        Assert.Equal("GBP", added.GetProperty("newValue").GetString());
        var lineItems = events.Single(e => e.Type == "document_line_items_corrected").Data;
        Assert.Equal(55.00m, lineItems.GetProperty("oldItems")[1].GetProperty("amount").GetDecimal());
        Assert.Equal("maria", lineItems.GetProperty("reviewer").GetString());
        Assert.Equal(2, events.Single(e => e.Type == "document_reviewed").Data.GetProperty("corrections").GetInt32());
    }

    [Fact]
    public async Task a_bad_line_item_is_a_400_naming_it_and_changes_nothing()
    {
        const string tenant = "bad-items-co";
        await Put(tenant, "/api/automation/settings", new { automationThreshold = 1.0 }, HttpStatusCode.OK);
        var id = (await UploadAndWait(tenant, Invoice("BI-1"), "ap")).GetProperty("id").GetGuid();
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                action = "approve",
                lineItems = new object[] { new { description = "ok", amount = 1 }, new { description = "ok", amount = 2 }, new { description = "x", amount = "lots" } },
            }).ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("lineItems[2].amount", out _), problem.ToString());
        var unchanged = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}", tenant);
        Assert.Equal("NeedsReview", unchanged.GetProperty("status").GetString());
    }

    private static JsonElement Rule(JsonElement document, string rule) =>
        document.GetProperty("validation").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == rule);
}
