using System.Text;
using System.Text.Json;
using Monolith.Documents.Tests.Extraction.Azure;
using Monolith.Testing;
using Xunit.Abstractions;

namespace Monolith.Documents.Tests.Features;

/// <summary>The Host with the Azure Document Intelligence provider pointed at a local server speaking its protocol.</summary>
public class RemoteProviderFixture : AppFixture
{
    public AzureDocumentIntelligenceStub Azure { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:Azure:Endpoint"] = Azure.Address.ToString().TrimEnd('/'),
        ["Documents:Azure:ApiKey"] = AzureDocumentIntelligenceStub.Key,
        ["Documents:Azure:PollIntervalMilliseconds"] = "10",
        ["Documents:WaitTimeoutSeconds"] = "30",
    };

    public override async Task InitializeAsync()
    {
        Azure = await AzureDocumentIntelligenceStub.StartAsync();
        Azure.PollRetryAfter = null;
        Azure.RunningPolls = 0;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Azure.DisposeAsync();
    }
}

public class when_a_remote_provider_is_configured(RemoteProviderFixture app, ITestOutputHelper output) : IClassFixture<RemoteProviderFixture>
{
    private Task<JsonElement> UploadAndWait(byte[] content, string tenant = "remote") => app.Host.UploadAndWaitAsync(content, tenant);

    private static byte[] ClearInvoice() => DocumentUploads.ClearInvoice();

    private static byte[] Ambiguous() => Encoding.UTF8.GetBytes($"Thank you\n12.00\n{Guid.NewGuid():N}");

    // A 1x1 PNG: an image has no text layer, so only the OCR-capable provider can read it.
    private static byte[] Png(byte salt) =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82, salt,
    ];

    [Fact]
    public async Task a_clear_document_is_classified_locally_without_a_remote_call()
    {
        var document = await UploadAndWait(ClearInvoice());
        Assert.Equal("local", document.GetProperty("classificationMethod").GetString());
        // The learned type model decided, and its version is recorded with the classification.
        Assert.Equal(Monolith.Documents.Classification.TypeModel.Default!.Version, document.GetProperty("classificationModel").GetString());
        Assert.Empty(document.GetProperty("providerCalls").EnumerateArray());
    }

    [Fact]
    public async Task an_unsure_document_asks_only_the_likely_models_in_parallel_and_records_the_calls()
    {
        var document = await UploadAndWait(Ambiguous());
        Assert.Equal("remote", document.GetProperty("classificationMethod").GetString());
        var calls = document.GetProperty("providerCalls").EnumerateArray().ToList();
        Assert.InRange(calls.Count, 1, 2);
        Assert.All(calls, c => Assert.Equal("azure", c.GetProperty("provider").GetString()));
        Assert.Equal(calls.Count, calls.Select(c => c.GetProperty("model").GetString()).Distinct().Count());
        Assert.NotEmpty(document.GetProperty("fields").EnumerateObject());
    }

    [Fact]
    public async Task an_image_is_read_by_the_ocr_capable_provider()
    {
        var document = await UploadAndWait(Png(1));
        Assert.Equal("remote", document.GetProperty("classificationMethod").GetString());
        Assert.Equal("azure", document.GetProperty("fields").GetProperty("total").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task a_mixed_batch_averages_at_most_1_2_remote_calls_per_document()
    {
        var batch = Enumerable.Range(0, 9).Select(_ => ClearInvoice()).Append(Ambiguous()).ToList();
        var calls = 0;
        foreach (var content in batch)
        {
            var document = await UploadAndWait(content, "batch");
            calls += document.GetProperty("providerCalls").GetArrayLength();
        }
        var perDocument = (double)calls / batch.Count;
        output.WriteLine($"remote calls: {calls} for {batch.Count} documents = {perDocument:0.00} per document (old system: 7)");
        Assert.True(perDocument <= 1.2, $"{perDocument:0.00} remote calls per document");
    }
}
