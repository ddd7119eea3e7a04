using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;
using Marten;
using Monolith.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Monolith.Documents.Tests.Features;

public sealed class DocumentsFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:MaxUploadBytes"] = "65536",
        ["Documents:WaitTimeoutSeconds"] = "20",
    };
}

/// <summary>Uploads through HTTP on the real Host and PostgreSQL, waiting on Wolverine's tracking for the pipeline.</summary>
public class when_documents_are_uploaded(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    private const string Invoice = """
        ACME Supplies GmbH
        Hauptstraße 1, 10115 Berlin
        VAT ID: DE123456789

        INVOICE
        Invoice No: INV-2024-0042
        Invoice Date: 12.03.2024
        Due Date: 11.04.2024
        Bill to: Contoso Ltd

        Description            Qty   Unit price   Amount
        Office chairs            2       150.00   300.00
        Desk lamp                1        50.00    50.00

        Subtotal                                 350.00
        VAT 19%                                   66.50
        Total                                EUR 416.50
        """;

    private static MultipartFormDataContent Form(byte[] content, string fileName = "doc.txt", string? department = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (department is not null) form.Add(new StringContent(department), "department");
        return form;
    }

    private async Task<(IScenarioResult Result, ITrackedSession Tracked)> Upload(byte[] content, string tenant = "acme",
        string url = "/api/documents", HttpStatusCode expected = HttpStatusCode.Accepted, string? department = null)
    {
        IScenarioResult? result = null;
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            {
                result = await app.Host.Scenario(s =>
                {
                    s.Post.MultipartFormData(Form(content, department: department)).ToUrl(url);
                    s.WithRequestHeader("X-Customer-Id", tenant);
                    s.StatusCodeShouldBe(expected);
                });
            }));
        return (result!, tracked);
    }

    private static byte[] Unique(string text) => Encoding.UTF8.GetBytes(text + "\nRef " + Guid.NewGuid());

    [Fact]
    public async Task a_text_invoice_is_read_classified_extracted_validated_and_decided()
    {
        var (result, _) = await Upload(Unique(Invoice), department: "finance");
        using var accepted = JsonDocument.Parse(await result.ReadAsTextAsync());
        var id = accepted.RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/documents/{id}", result.Context.Response.Headers.Location.ToString());

        var document = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}", "acme");
        Assert.Equal("Invoice", document.GetProperty("documentType").GetString());
        // Every step passes, but the local extractor's field confidence stays under the default 0.98 threshold: a person looks.
        Assert.Equal("NeedsReview", document.GetProperty("status").GetString());
        Assert.Equal("finance", document.GetProperty("department").GetString());
        var fields = document.GetProperty("fields");
        Assert.Equal("INV-2024-0042", fields.GetProperty("invoiceNumber").GetProperty("value").GetString());
        Assert.Equal(416.50m, fields.GetProperty("total").GetProperty("value").GetDecimal());
        Assert.True(document.GetProperty("scores").GetProperty("automation").GetDouble() > 0);

        var events = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{id}/events", "acme");
        var types = events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["document_accepted", "document_text_read", "document_classified", "document_fields_extracted", "document_validated", "document_scored"], types);
    }

    [Fact]
    public async Task a_valid_e_invoice_goes_straight_through_at_default_settings_and_a_broken_one_names_the_rule()
    {
        var valid = await app.Host.UploadAndWaitAsync(Encoding.UTF8.GetBytes(Extraction.EInvoice.EInvoiceValidationTests.FacturXExtended()), "einvoice-co");
        Assert.True(valid.GetProperty("decision").GetString() == "Automated", valid.ToString());
        Assert.Equal(1.0, valid.GetProperty("scores").GetProperty("confidence").GetDouble());

        // One calculation rule broken among a dozen that pass: the rule, not the share of passed rules, decides.
        var broken = await app.Host.UploadAndWaitAsync(
            Encoding.UTF8.GetBytes(Extraction.EInvoice.EInvoiceValidationTests.FacturXExtended(grandTotal: "172.00")), "einvoice-co");
        Assert.Equal("NeedsReview", broken.GetProperty("decision").GetString());
        Assert.Contains(broken.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("BR-CO-15:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task wait_true_answers_with_the_finished_document()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(Form(Unique(Invoice))).ToUrl("/api/documents").QueryString("wait", "true");
            s.WithRequestHeader("X-Customer-Id", "acme");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        using var body = JsonDocument.Parse(await result.ReadAsTextAsync());
        Assert.NotNull(body.RootElement.GetProperty("decision").GetString());
        Assert.False(body.RootElement.GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task the_same_bytes_again_return_the_existing_document_and_are_not_processed_twice()
    {
        var content = Unique(Invoice);
        var (first, _) = await Upload(content);
        using var one = JsonDocument.Parse(await first.ReadAsTextAsync());
        var (second, tracked) = await Upload(content, expected: HttpStatusCode.OK);
        using var two = JsonDocument.Parse(await second.ReadAsTextAsync());

        Assert.Equal(one.RootElement.GetProperty("id").GetGuid(), two.RootElement.GetProperty("id").GetGuid());
        Assert.True(two.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Empty(tracked.Executed.MessagesOf<Monolith.Documents.Features.ReceiveDocument.ProcessDocument>());
    }

    [Fact]
    public async Task identical_uploads_at_the_same_moment_make_one_document()
    {
        var content = Unique(Invoice);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(Form(content)).ToUrl("/api/documents");
            s.WithRequestHeader("X-Customer-Id", "race");
            s.IgnoreStatusCode();
        })));
        var ids = new HashSet<Guid>();
        foreach (var r in responses)
        {
            Assert.Contains(r.Context.Response.StatusCode, new[] { 200, 202 });
            using var body = JsonDocument.Parse(await r.ReadAsTextAsync());
            ids.Add(body.RootElement.GetProperty("id").GetGuid());
        }
        var id = Assert.Single(ids);
        await using var session = app.Store.LightweightSession("race");
        Assert.Equal("document_accepted", (await session.Events.FetchStreamAsync(id)).First().EventTypeName);
    }

    [Theory]
    [InlineData(0, HttpStatusCode.BadRequest)]
    [InlineData(70_000, HttpStatusCode.RequestEntityTooLarge)]
    public async Task empty_and_oversized_files_are_refused_naming_the_file_field(int size, HttpStatusCode status)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(Form(Enumerable.Repeat((byte)'a', size).ToArray())).ToUrl("/api/documents");
            s.StatusCodeShouldBe(status);
            s.ContentTypeShouldBe("application/problem+json");
        });
        Assert.Contains("\"file\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task bytes_that_are_no_supported_format_are_415_whatever_the_file_name()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x01];
        await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(Form(zip, "invoice.pdf")).ToUrl("/api/documents");
            s.StatusCodeShouldBe(HttpStatusCode.UnsupportedMediaType);
        });
    }

    [Fact]
    public async Task a_request_without_a_file_is_a_400()
    {
        var form = new MultipartFormDataContent { { new StringContent("finance"), "department" } };
        await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task a_broken_pdf_ends_failed_with_a_reason_and_the_process_keeps_going()
    {
        var broken = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage " + Guid.NewGuid());
        var (result, _) = await Upload(broken);
        using var accepted = JsonDocument.Parse(await result.ReadAsTextAsync());
        var document = await app.Host.GetJsonAsync<JsonElement>($"/api/documents/{accepted.RootElement.GetProperty("id").GetGuid()}", "acme");
        Assert.Contains(document.GetProperty("status").GetString(), new[] { "Failed", "NeedsReview" });
        Assert.NotEmpty(document.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task another_customer_cannot_see_the_document()
    {
        var (result, _) = await Upload(Unique(Invoice), tenant: "owner");
        using var accepted = JsonDocument.Parse(await result.ReadAsTextAsync());
        var id = accepted.RootElement.GetProperty("id").GetGuid();
        foreach (var url in new[] { $"/api/documents/{id}", $"/api/documents/{id}/events" })
        {
            await app.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.WithRequestHeader("X-Customer-Id", "intruder");
                s.StatusCodeShouldBe(HttpStatusCode.NotFound);
            });
            // The id is real: its owner gets it, so the 404 above is about the customer.
            await app.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.WithRequestHeader("X-Customer-Id", "owner");
                s.StatusCodeShouldBeOk();
            });
        }
        var owners = await app.Host.GetJsonAsync<JsonElement>("/api/documents", "owner");
        Assert.Contains(owners.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        var intruders = await app.Host.GetJsonAsync<JsonElement>("/api/documents", "intruder");
        Assert.DoesNotContain(intruders.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task a_bulk_upload_reports_each_file_and_one_bad_file_loses_nothing()
    {
        var good = Unique(Invoice);
        var alreadyThere = Unique(Invoice);
        await Upload(alreadyThere, tenant: "bulk");

        var form = new MultipartFormDataContent();
        void Add(byte[] bytes, string name) { var c = new ByteArrayContent(bytes); c.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); form.Add(c, "files", name); }
        Add(good, "good.txt");
        Add([], "empty.txt");
        Add([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02, 0xFF], "archive.zip");
        Add(alreadyThere, "again.txt");
        form.Add(new StringContent("finance"), "department");

        IScenarioResult? result = null;
        await app.Host.ExecuteAndTrackAsync(async () => result = await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents/bulk");
            s.WithRequestHeader("X-Customer-Id", "bulk");
            s.StatusCodeShouldBeOk();
        }));
        var body = JsonDocument.Parse(await result!.ReadAsTextAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, body.GetProperty("rejected").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(400, items[1].GetProperty("problem").GetProperty("status").GetInt32());
        Assert.Equal(415, items[2].GetProperty("problem").GetProperty("status").GetInt32());

        var processed = await app.Host.GetJsonAsync<JsonElement>(items[0].GetProperty("location").GetString()!, "bulk");
        Assert.Equal("finance", processed.GetProperty("department").GetString());
        Assert.Equal("NeedsReview", processed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task every_file_of_a_bulk_upload_is_processed_not_only_the_first()
    {
        // Regression: the bulk endpoint enrolled one outbox in a session per file; Wolverine sent only the first
        // file's messages, the others stayed Received (stored in the inbox) until a restart. Found by the load test.
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 4; i++)
        {
            var c = new ByteArrayContent(Unique(Invoice));
            c.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(c, "files", $"bulk-{i}.txt");
        }
        form.Add(new StringContent("finance"), "department");

        IScenarioResult? result = null;
        await app.Host.ExecuteAndTrackAsync(async () => result = await app.Host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents/bulk");
            s.WithRequestHeader("X-Customer-Id", "bulk-all");
            s.StatusCodeShouldBeOk();
        }));
        var items = JsonDocument.Parse(await result!.ReadAsTextAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count(i => i.GetProperty("outcome").GetString() == "accepted"));
        foreach (var item in items)
        {
            var processed = await app.Host.GetJsonAsync<JsonElement>(item.GetProperty("location").GetString()!, "bulk-all");
            Assert.Equal("NeedsReview", processed.GetProperty("status").GetString());
        }
    }
}
