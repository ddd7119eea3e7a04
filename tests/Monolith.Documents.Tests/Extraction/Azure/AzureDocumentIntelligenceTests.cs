using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Azure;

namespace Monolith.Documents.Tests.Extraction.Azure;

/// <summary>
/// The real client through the real BuildingBlocks pipeline against <see cref="AzureDocumentIntelligenceStub"/>.
/// Timers run at 1/100 speed (<see cref="ScaledTimeProvider"/>): configured seconds are tens of milliseconds here.
/// </summary>
public sealed class AzureDocumentIntelligenceTests : AzureStubTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% stub invoice\n%%EOF\n");

    private static ExtractionRequest Request(DocumentType type = DocumentType.Invoice, string mediaType = "application/pdf") =>
        new(Guid.NewGuid(), type, Pdf, mediaType, Text: null);

    private static AzureExtractionProvider Provider(ServiceProvider services) =>
        Assert.IsType<AzureExtractionProvider>(Assert.Single(services.GetServices<IExtractionProvider>()));

    private static ExtractedField Field(ExtractionResult result, string name) => Assert.Single(result.Fields, f => f.Name == name);

    [Fact]
    public async Task invoice_is_submitted_polled_and_mapped_with_values_confidences_line_items_and_currency()
    {
        await using var services = Services();
        var provider = Provider(services);
        Assert.Equal("azure", provider.Name);
        Assert.False(provider.NeedsText);

        var result = await provider.ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal("azure", result.Provider);
        Assert.Equal("INV-100", Field(result, FieldNames.InvoiceNumber).Text);
        Assert.Equal(0.97, Field(result, FieldNames.InvoiceNumber).Confidence);
        Assert.Equal(new DateOnly(2019, 11, 15), Field(result, FieldNames.InvoiceDate).Date);
        Assert.Equal(new DateOnly(2019, 12, 15), Field(result, FieldNames.DueDate).Date);
        Assert.Equal("CONTOSO LTD.", Field(result, FieldNames.VendorName).Text);
        Assert.Equal("123 456th St\nNew York, NY, 10001", Field(result, FieldNames.VendorAddress).Text);
        Assert.Equal("123-45-6789", Field(result, FieldNames.VendorTaxId).Text);
        Assert.Equal("MICROSOFT CORPORATION", Field(result, FieldNames.CustomerName).Text);
        Assert.Equal("PO-3333", Field(result, FieldNames.PurchaseOrder).Text);
        Assert.Equal(100.0m, Field(result, FieldNames.Subtotal).Number);
        Assert.Equal(10.0m, Field(result, FieldNames.Tax).Number);
        Assert.Equal(110.0m, Field(result, FieldNames.Total).Number);
        Assert.Equal(0.967, Field(result, FieldNames.Total).Confidence);
        Assert.Equal(610.0m, Field(result, FieldNames.AmountDue).Number);
        Assert.Equal("USD", Field(result, FieldNames.Currency).Text);
        Assert.Equal("invoice", Field(result, AzureDocumentMapper.DocTypeField).Text);
        Assert.All(result.Fields, f => Assert.Equal(("azure", (int?)1), (f.Provider, f.Page)));
        Assert.DoesNotContain(result.Fields, f => f.Name == "VendorAddressRecipient");

        Assert.Equal(3, result.LineItems.Count);
        Assert.Equal(new LineItem("Consulting Services", 2, 30.0m, 60.0m, 0.909), result.LineItems[0]);
        Assert.Equal(new LineItem("Printing Fee", 10, 1.0m, 10.0m, 0.908), result.LineItems[2]);

        var call = Assert.Single(result.Calls);
        Assert.Equal(("azure", "analyze", "prebuilt-invoice", 1, true, (string?)null),
            (call.Provider, call.Operation, call.Model, call.Attempts, call.Succeeded, call.Error));

        // The 2024-11-30 protocol: documentintelligence route, JSON base64Source body, key header, then GET polls.
        var requests = Stub.Requests.ToArray();
        Assert.Equal(["POST", "GET", "GET"], requests.Select(r => r.Method));
        var analyze = requests[0];
        Assert.Equal("/documentintelligence/documentModels/prebuilt-invoice:analyze", analyze.Path);
        Assert.Equal("2024-11-30", analyze.ApiVersion);
        Assert.StartsWith("application/json", analyze.ContentType, StringComparison.Ordinal);
        using (var body = JsonDocument.Parse(analyze.Body))
            Assert.Equal(Pdf, Convert.FromBase64String(body.RootElement.GetProperty("base64Source").GetString()!));
        Assert.All(requests, r => Assert.Equal(AzureDocumentIntelligenceStub.Key, r.Key));
        Assert.All(requests.Skip(1), r => Assert.StartsWith("/documentintelligence/documentModels/prebuilt-invoice/analyzeResults/", r.Path, StringComparison.Ordinal));
        // Retry-After: 1 on the 202 and on the running poll was waited for (twice), not the 1 s default interval by accident.
        Assert.Equal(2, Time.Requested.Count(t => t == TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task receipt_uses_the_receipt_model_and_maps_merchant_total_tax_items_and_doc_type()
    {
        await using var services = Services();
        var extraction = await Provider(services).AnalyzeAsync(Request(DocumentType.Receipt, "image/jpeg"), CancellationToken.None);

        Assert.Equal("receipt.retailMeal", extraction.Document.DocType);
        Assert.Equal(0.975, extraction.Document.DocTypeConfidence);
        Assert.Equal("prebuilt-receipt", extraction.Call.Model);
        var fields = extraction.Document.Fields.ToDictionary(f => f.Name);
        Assert.Equal("Contoso", fields[FieldNames.MerchantName].Text);
        Assert.Equal(0.983, fields[FieldNames.MerchantName].Confidence);
        Assert.Equal("123 Main Street\nRedmond, WA 98052", fields[FieldNames.MerchantAddress].Text);
        Assert.Equal(new DateOnly(2019, 6, 10), fields[FieldNames.TransactionDate].Date);
        Assert.Equal(1203.39m, fields[FieldNames.Total].Number);
        Assert.Equal(104.4m, fields[FieldNames.Tax].Number);
        Assert.Equal(1098.99m, fields[FieldNames.Subtotal].Number);
        Assert.Equal("USD", fields[FieldNames.Currency].Text);
        Assert.Equal(0.961, fields[FieldNames.Currency].Confidence);
        Assert.Equal(
            [new LineItem("Surface Pro 6", 1, null, 999m, 0.972), new LineItem("SurfacePen", 1, null, 99.99m, 0.982)],
            extraction.Document.LineItems);
        Assert.Equal("/documentintelligence/documentModels/prebuilt-receipt:analyze", Stub.Requests.First().Path);
    }

    [Fact]
    public async Task api_version_2023_07_31_uses_the_formrecognizer_route_and_sends_raw_bytes()
    {
        Stub.PollRetryAfter = null; // the v3 service sent no Retry-After: the configured interval applies
        await using var services = Services(new()
        {
            ["Documents:Azure:ApiVersion"] = "2023-07-31",
            ["Documents:Azure:PollIntervalMilliseconds"] = "700",
        });

        var result = await Provider(services).ExtractAsync(Request(DocumentType.Receipt, "image/png"), CancellationToken.None);

        var analyze = Stub.Requests.First();
        Assert.Equal("/formrecognizer/documentModels/prebuilt-receipt:analyze", analyze.Path);
        Assert.Equal("2023-07-31", analyze.ApiVersion);
        Assert.Equal("image/png", analyze.ContentType);
        Assert.Equal(Pdf, analyze.Body);
        Assert.All(Stub.Requests.Skip(1), r => Assert.StartsWith("/formrecognizer/documentModels/prebuilt-receipt/analyzeResults/", r.Path, StringComparison.Ordinal));
        Assert.Equal(2, Time.Requested.Count(t => t == TimeSpan.FromMilliseconds(700)));
        // Older receipts type amounts as number: values still map, but there is no currency code to report.
        Assert.Equal(1203.39m, Field(result, FieldNames.Total).Number);
        Assert.DoesNotContain(result.Fields, f => f.Name == FieldNames.Currency);
    }

    [Fact]
    public async Task text_plain_goes_to_the_v3_service_as_octet_stream()
    {
        await using var services = Services(new() { ["Documents:Azure:ApiVersion"] = "2023-07-31" });
        await Provider(services).ExtractAsync(Request(mediaType: "text/plain; charset=utf-8"), CancellationToken.None);
        Assert.Equal("application/octet-stream", Stub.Requests.First().ContentType);
    }

    [Fact]
    public async Task a_429_is_retried_after_the_servers_retry_after_and_then_succeeds()
    {
        Stub.AnalyzeFaults.Enqueue(new StubFault.Status(429, RetryAfter: "7", ErrorCode: "429", Message: "Rate limit is exceeded."));
        await using var services = Services();

        var result = await Provider(services).ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal("INV-100", Field(result, FieldNames.InvoiceNumber).Text);
        Assert.Equal(2, Assert.Single(result.Calls).Attempts);
        Assert.Contains(TimeSpan.FromSeconds(7), Time.Requested);
        Assert.Equal(2, Stub.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task server_errors_are_retried_and_then_succeed()
    {
        Stub.AnalyzeFaults.Enqueue(new StubFault.Status(500, ErrorCode: "InternalServerError", Message: "An unexpected error occurred."));
        Stub.AnalyzeFaults.Enqueue(new StubFault.Status(503, ErrorCode: "ServiceUnavailable", Message: "Try again."));
        Stub.PollFaults.Enqueue(new StubFault.Status(503));
        await using var services = Services();

        var result = await Provider(services).ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal(110.0m, Field(result, FieldNames.Total).Number);
        Assert.Equal(3, Assert.Single(result.Calls).Attempts);
        Assert.Equal(3, Stub.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task a_persistent_5xx_storm_fails_clearly_then_the_circuit_opens()
    {
        Stub.AnalyzeAlways = new StubFault.Status(503, ErrorCode: "ServiceUnavailable", Message: "The service is temporarily unavailable.");
        await using var services = Services(new()
        {
            ["Resilience:Dependencies:DocumentIntelligence:MaxRetryAttempts"] = "2",
            ["Resilience:Dependencies:DocumentIntelligence:CircuitBreaker:MinimumThroughput"] = "3",
        });
        var provider = Provider(services);

        var storm = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => provider.ExtractAsync(Request(), CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, storm.StatusCode);
        Assert.Equal("ServiceUnavailable", storm.ErrorCode);
        Assert.True(storm.IsTransient);
        Assert.Equal(3, storm.Attempts);
        Assert.Contains("503", storm.Message, StringComparison.Ordinal);
        Assert.Equal(("analyze", false, 3), (storm.Call!.Operation, storm.Call.Succeeded, storm.Call.Attempts));
        Assert.StartsWith("ServiceUnavailable:", storm.Call.Error, StringComparison.Ordinal);

        Assert.Equal("Open", services.GetRequiredService<DependencyCircuitRegistry>().Snapshot()[Dependencies.DocumentIntelligence]);
        var sent = Stub.Requests.Count;
        var refused = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => provider.ExtractAsync(Request(), CancellationToken.None));
        Assert.Equal(AzureDocumentIntelligenceException.Codes.CircuitOpen, refused.ErrorCode);
        Assert.True(refused.IsTransient);
        Assert.Equal(sent, Stub.Requests.Count);
    }

    [Fact]
    public async Task a_slow_attempt_is_cut_by_the_per_attemptTimeout_and_retried()
    {
        // The attempt timeout (300 s scaled to 3 s real) is far above a healthy attempt even on a loaded CI machine,
        // and far below the slow attempt (60 s real), so exactly one attempt is cut.
        Stub.AnalyzeFaults.Enqueue(new StubFault.Slow(TimeSpan.FromSeconds(60)));
        await using var services = Services(new() { ["Resilience:Dependencies:DocumentIntelligence:TimeoutSeconds"] = "300" });
        var stopwatch = Stopwatch.StartNew();

        var result = await Provider(services).ExtractAsync(Request(), CancellationToken.None);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
        Assert.Equal(2, Assert.Single(result.Calls).Attempts);
        Assert.Contains(TimeSpan.FromSeconds(300), Time.Requested);
    }

    [Fact]
    public async Task always_slow_ends_in_aTimeout_error()
    {
        Stub.AnalyzeAlways = new StubFault.Slow(TimeSpan.FromSeconds(10));
        await using var services = Services(new()
        {
            ["Resilience:Dependencies:DocumentIntelligence:TimeoutSeconds"] = "50",
            ["Resilience:Dependencies:DocumentIntelligence:MaxRetryAttempts"] = "1",
        });

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(AzureDocumentIntelligenceException.Codes.Timeout, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Equal(2, error.Attempts);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
    }

    [Fact]
    public async Task a_failed_operation_surfaces_the_services_error_code_and_message()
    {
        Stub.Outcome = (_, _, _) => AzureDocumentIntelligenceStub.Failed("InvalidContent", "The file is corrupted or format is unsupported.", "InvalidContentFormat");
        await using var services = Services();

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal("InvalidContent", error.ErrorCode);
        Assert.Equal("InvalidContentFormat", error.InnerErrorCode);
        Assert.Equal("The file is corrupted or format is unsupported.", error.ServiceMessage);
        Assert.False(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains("InvalidContent", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_canceled_operation_is_an_error_too()
    {
        Stub.Outcome = (_, _, _) => new System.Text.Json.Nodes.JsonObject { ["status"] = "canceled" };
        await using var services = Services();

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(AzureDocumentIntelligenceException.Codes.Canceled, error.ErrorCode);
    }

    [Fact]
    public async Task malformed_json_is_a_clear_invalid_response_error()
    {
        Stub.PollFaults.Enqueue(new StubFault.MalformedJson());
        await using var services = Services();

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(AzureDocumentIntelligenceException.Codes.InvalidResponse, error.ErrorCode);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task a_bad_key_is_a_401_error_not_retried_and_the_key_never_appears()
    {
        const string wrongKey = "wrong-secret-key-9f8e7d6c5b4a";
        await using var services = Services(new() { ["Documents:Azure:ApiKey"] = wrongKey });

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("401", error.ErrorCode);
        Assert.Contains("invalid subscription key", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(1, error.Attempts);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.Call!.Error, StringComparison.Ordinal);
        Assert.Equal(wrongKey, Stub.Requests.Single().Key);
    }

    [Fact]
    public async Task the_key_is_redacted_even_when_the_service_echoes_it()
    {
        Stub.AnalyzeFaults.Enqueue(new StubFault.Status(400, ErrorCode: "InvalidRequest",
            Message: $"Bad header Ocp-Apim-Subscription-Key: {AzureDocumentIntelligenceStub.Key}"));
        await using var services = Services();

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(("InvalidRequest", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        Assert.DoesNotContain(AzureDocumentIntelligenceStub.Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzureDocumentIntelligenceStub.Key, error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_empty_document_is_rejected_with_the_services_invalid_request()
    {
        await using var services = Services();

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() =>
            Provider(services).ExtractAsync(new ExtractionRequest(Guid.NewGuid(), DocumentType.Invoice, Array.Empty<byte>(), "application/pdf", null), CancellationToken.None));

        Assert.Equal(("InvalidRequest", "InvalidContentLength", HttpStatusCode.BadRequest), (error.ErrorCode, error.InnerErrorCode, error.StatusCode));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task an_operation_that_never_finishes_stops_after_max_poll_seconds()
    {
        Stub.RunningPolls = int.MaxValue;
        await using var services = Services(new() { ["Documents:Azure:MaxPollSeconds"] = "10" });

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => Provider(services).ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(AzureDocumentIntelligenceException.Codes.OperationTimedOut, error.ErrorCode);
        Assert.InRange(Stub.Requests.Count(r => r.Method == "GET"), 1, 11);
    }

    [Fact]
    public async Task an_unconfigured_provider_says_so()
    {
        await using var services = Services(new() { ["Documents:Azure:Endpoint"] = "" });
        var provider = Provider(services);
        Assert.False(provider.IsConfigured);

        var error = await Assert.ThrowsAsync<AzureDocumentIntelligenceException>(() => provider.ExtractAsync(Request(), CancellationToken.None));

        Assert.Equal(AzureDocumentIntelligenceException.Codes.NotConfigured, error.ErrorCode);
        Assert.Contains("Documents:Azure:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Requests);
    }

    [Fact]
    public async Task the_typed_client_resolves_with_validated_options()
    {
        await using var services = Services();
        var options = services.GetRequiredService<IOptions<AzureDocumentIntelligenceOptions>>().Value;
        Assert.Equal("2024-11-30", options.ApiVersion);
        var client = services.GetRequiredService<AzureDocumentIntelligenceClient>();
        Assert.Equal(new Uri(Stub.Address, "/documentintelligence/documentModels/prebuilt-invoice:analyze?api-version=2024-11-30"), client.AnalyzeUri("prebuilt-invoice"));
    }
}
