using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Documents.Tests.Features;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Learning;

/// <summary>Vendor memory end to end on the real Host and PostgreSQL: one correction teaches, the next document shows it.</summary>
public class when_a_reviewer_corrects_a_vendors_document(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    // The first line is a greeting the extractor takes for the merchant; the reviewer puts the real name right.
    private static byte[] Receipt(string number, string date, string total, string cash, string change) => Encoding.UTF8.GetBytes($"""
        WELCOME TO OUR STORE
        KEDAI RUNCIT MAJU JAYA
        LOT 5 JALAN BUNGA RAYA 75100 MELAKA
        RECEIPT NO {number}
        DATE {date}
        ITEM A            2.00
        NETT TOTAL RM     {total}
        CASH              {cash}
        CHANGE            {change}
        """);

    private async Task<JsonElement> Events(Guid id, string tenant) =>
        await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}/events", tenant);

    private static IEnumerable<string?> Types(JsonElement events) => events.EnumerateArray().Select(e => e.GetProperty("type").GetString());

    private async Task<int> Profiles(string tenant) =>
        (await app.Host.GetJsonAsync<JsonElement>("/api/documents/vendors", tenant)).GetProperty("total").GetInt32();

    [Fact]
    public async Task the_next_document_of_that_vendor_is_extracted_with_what_was_learned_and_only_for_that_customer()
    {
        const string tenant = "memory-co";
        var first = await app.Host.UploadAndWaitAsync(Receipt($"R-{Guid.NewGuid():N}"[..10], "01/03/2024", "5.50", "10.00", "4.50"), tenant);
        var id = first.GetProperty("id").GetGuid();
        Assert.Equal("NeedsReview", first.GetProperty("status").GetString());
        Assert.DoesNotContain("document_vendor_recognized", Types(await Events(id, tenant)));

        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { action = "approve", reviewer = "maria", corrections = new Dictionary<string, string> { ["merchantName"] = "KEDAI RUNCIT MAJU JAYA" } })
                .ToUrl($"/api/documents/{id}/review");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBeOk();
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Profiles(tenant) == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        var vendors = await app.Host.GetJsonAsync<JsonElement>("/api/documents/vendors", tenant);
        var profile = Assert.Single(vendors.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("KEDAI RUNCIT MAJU JAYA", profile.GetProperty("name").GetString());
        Assert.Equal(1, profile.GetProperty("documents").GetInt32());

        var second = await app.Host.UploadAndWaitAsync(Receipt($"R-{Guid.NewGuid():N}"[..10], "09/04/2024", "17.20", "20.00", "2.80"), tenant);
        var events = await Events(second.GetProperty("id").GetGuid(), tenant);
        var recognized = events.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "document_vendor_recognized").GetProperty("data");
        Assert.Equal(profile.GetProperty("id").GetGuid(), recognized.GetProperty("profileId").GetGuid());
        Assert.Contains("merchantName", recognized.GetProperty("fieldsApplied").EnumerateArray().Select(f => f.GetString()));
        var name = second.GetProperty("fields").GetProperty("merchantName");
        Assert.Equal("KEDAI RUNCIT MAJU JAYA", name.GetProperty("value").GetString());
        Assert.Equal("vendor-memory", name.GetProperty("evidence").GetProperty("method").GetString());
        Assert.Equal(17.20m, second.GetProperty("fields").GetProperty("total").GetProperty("value").GetDecimal());

        // Another customer's identical receipt knows nothing of it.
        var elsewhere = await app.Host.UploadAndWaitAsync(Receipt($"R-{Guid.NewGuid():N}"[..10], "09/04/2024", "17.20", "20.00", "2.80"), "other-co");
        Assert.DoesNotContain("document_vendor_recognized", Types(await Events(elsewhere.GetProperty("id").GetGuid(), "other-co")));
        Assert.NotEqual("KEDAI RUNCIT MAJU JAYA", elsewhere.GetProperty("fields").GetProperty("merchantName").GetProperty("value").GetString());
        Assert.Equal(0, await Profiles("other-co"));

        // Forgotten (a wrong lesson), the profile is no longer listed or applied; its lessons stay in the event store.
        await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/documents/vendors/{profile.GetProperty("id").GetGuid()}").QueryString("reason", "wrong name taught");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(System.Net.HttpStatusCode.NoContent);
        });
        Assert.Equal(0, await Profiles(tenant));
        var third = await app.Host.UploadAndWaitAsync(Receipt($"R-{Guid.NewGuid():N}"[..10], "10/04/2024", "3.00", "5.00", "2.00"), tenant);
        Assert.DoesNotContain("document_vendor_recognized", Types(await Events(third.GetProperty("id").GetGuid(), tenant)));
    }

    [Fact]
    public async Task a_rescore_applies_what_was_learned_since_to_documents_still_waiting()
    {
        const string tenant = "memory-rescore-co";
        // Two receipts of the vendor arrive before anyone has reviewed one: both wait with the greeting as merchant.
        var waiting = await app.Host.UploadAndWaitAsync(Receipt($"R-{Guid.NewGuid():N}"[..10], "02/03/2024", "8.00", "10.00", "2.00"), tenant);
        var first = await app.Host.UploadAndWaitAsync(Receipt($"R-{Guid.NewGuid():N}"[..10], "01/03/2024", "5.50", "10.00", "4.50"), tenant);
        Assert.NotEqual("KEDAI RUNCIT MAJU JAYA", waiting.GetProperty("fields").GetProperty("merchantName").GetProperty("value").GetString());

        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { action = "approve", reviewer = "maria", corrections = new Dictionary<string, string> { ["merchantName"] = "KEDAI RUNCIT MAJU JAYA" } })
                .ToUrl($"/api/documents/{first.GetProperty("id").GetGuid()}/review");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBeOk();
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Profiles(tenant) == 0 && DateTime.UtcNow < deadline) await Task.Delay(100);

        await app.Host.ExecuteAndTrackAsync(async () => await app.Host.Scenario(s =>
        {
            s.Post.Json(new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddMinutes(1) }).ToUrl("/api/documents/rescore");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(System.Net.HttpStatusCode.Accepted);
        }));

        var id = waiting.GetProperty("id").GetGuid();
        var remembered = (await Events(id, tenant)).EnumerateArray().Single(e => e.GetProperty("type").GetString() == "document_fields_remembered");
        Assert.Contains(remembered.GetProperty("data").GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("name").GetString() == "merchantName" && f.GetProperty("text").GetString() == "KEDAI RUNCIT MAJU JAYA");
        var after = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}", tenant);
        Assert.Equal("KEDAI RUNCIT MAJU JAYA", after.GetProperty("fields").GetProperty("merchantName").GetProperty("value").GetString());
    }
}
