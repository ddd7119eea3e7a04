using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Monolith.Documents.Extraction.Azure;

/// <summary>
/// Extraction through Azure Document Intelligence's prebuilt models: receipts with <c>ReceiptModel</c>, everything else with
/// <c>InvoiceModel</c>. Reads scans (no text layer needed). The result carries one <see cref="ProviderCall"/>
/// ("analyze", model id, HTTP attempts, duration). On failure it throws <see cref="AzureDocumentIntelligenceException"/>
/// whose <see cref="AzureDocumentIntelligenceException.Call"/> holds the failed call for the audit trail.
/// </summary>
public sealed class AzureExtractionProvider(
    AzureDocumentIntelligenceClient client,
    IOptions<AzureDocumentIntelligenceOptions> options,
    TimeProvider timeProvider) : IExtractionProvider
{
    public string Name => AzureDocumentMapper.ProviderName;

    public bool NeedsText => false;

    public bool IsConfigured => client.IsConfigured;

    public string ModelFor(DocumentType type) => type == DocumentType.Receipt ? options.Value.ReceiptModel : options.Value.InvoiceModel;

    public async Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await AnalyzeAsync(request, ct).ConfigureAwait(false);
        return new ExtractionResult(result.Document.Fields, result.Document.LineItems, Name, [result.Call]);
    }

    /// <summary>Like <see cref="ExtractAsync"/> but also returns the Azure <c>docType</c> and the raw <c>analyzeResult</c>.</summary>
    public async Task<AzureExtraction> AnalyzeAsync(ExtractionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = ModelFor(request.Type);
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await client.AnalyzeAsync(model, request.Content, request.MediaType, ct).ConfigureAwait(false);
            var document = AzureDocumentMapper.Map(response.Result);
            var call = new ProviderCall(Name, "analyze", model, response.Attempts, Elapsed(started), Succeeded: true, Error: null);
            return new AzureExtraction(document, response.Result, call);
        }
        catch (AzureDocumentIntelligenceException e)
        {
            e.Call = new ProviderCall(Name, "analyze", model, e.Attempts, Elapsed(started), Succeeded: false, $"{e.ErrorCode}: {e.Message}");
            throw;
        }
    }

    private long Elapsed(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>Mapped document, the raw <c>analyzeResult</c> and the recorded call.</summary>
public sealed record AzureExtraction(AzureMappedDocument Document, AnalyzeResult Result, ProviderCall Call);
