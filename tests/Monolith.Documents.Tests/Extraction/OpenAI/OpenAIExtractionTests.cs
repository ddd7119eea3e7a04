using System.Collections.Concurrent;
using Monolith.BuildingBlocks.Caching;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.OpenAI;
using Monolith.Documents.Tests.Extraction.Azure;

namespace Monolith.Documents.Tests.Extraction.OpenAI;

/// <summary>
/// The real OpenAI SDK over the real BuildingBlocks <c>Llm</c> pipeline against <see cref="OpenAIChatStub"/>.
/// Timers run at 1/100 speed (<see cref="ScaledTimeProvider"/>): configured seconds are tens of milliseconds here.
/// </summary>
public sealed class OpenAIExtractionTests : IAsyncLifetime
{
    private const string InvoiceText = """
        CONTOSO LTD.                       INVOICE
        123 456th St, New York, NY 10001   Invoice no: INV-100
        VAT: 123-45-6789                   Date: 15/11/2019   Due: 15/12/2019
        Bill to: MICROSOFT CORPORATION     PO: PO-3333
        Consulting Services   2 x 30.00    60.00
        Document Fee          3 x 10.00    30.00
        Printing Fee         10 x  1.00    10.00
        Subtotal 100.00  Tax 10.00  Total USD 110.00  Amount due 610.00
        """;

    private const string InvoiceAnswer = """
        {
          "invoiceNumber": { "value": "INV-100", "confidence": 0.97 },
          "invoiceDate": { "value": "2019-11-15", "confidence": 0.95 },
          "dueDate": { "value": "2019-12-15", "confidence": 0.9 },
          "vendorName": { "value": "CONTOSO LTD.", "confidence": 0.93 },
          "vendorAddress": { "value": "123 456th St\nNew York, NY 10001", "confidence": 0.8 },
          "vendorTaxId": { "value": "123-45-6789", "confidence": 0.85 },
          "customerName": { "value": "MICROSOFT CORPORATION", "confidence": 0.9 },
          "purchaseOrder": { "value": "PO-3333", "confidence": 0.88 },
          "currency": { "value": "usd", "confidence": 0.99 },
          "subtotal": { "value": 100.00, "confidence": 0.9 },
          "tax": { "value": "10.00", "confidence": 0.9 },
          "total": { "value": 110.0, "confidence": 0.967 },
          "amountDue": { "value": "$610.00", "confidence": 0.9 },
          "lineItems": [
            { "description": "Consulting Services", "quantity": 2, "unitPrice": 30.00, "amount": 60.00, "confidence": 0.909 },
            { "description": "Document Fee", "quantity": 3, "unitPrice": 10.00, "amount": 30.00, "confidence": 0.9 },
            { "description": "Printing Fee", "quantity": 10, "unitPrice": 1.00, "amount": 10.00, "confidence": 0.908 }
          ]
        }
        """;

    private OpenAIChatStub _stub = null!;
    private readonly ScaledTimeProvider _time = new();

    public async Task InitializeAsync()
    {
        _stub = await OpenAIChatStub.StartAsync();
        _stub.Content = _ => InvoiceAnswer;
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private ServiceProvider Services(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Documents:OpenAI:Endpoint"] = _stub.Endpoint.ToString(),
            ["Documents:OpenAI:ApiKey"] = OpenAIChatStub.Key,
            ["Resilience:Dependencies:Llm:BaseDelayMilliseconds"] = "1",
            // 3 s per attempt in real time: generous for a cold first request, irrelevant for the slow-response tests.
            ["Resilience:Dependencies:Llm:TimeoutSeconds"] = "300",
            ["Resilience:Dependencies:Llm:TotalTimeoutSeconds"] = "3600",
        };
        foreach (var (key, value) in overrides ?? []) settings[key] = value;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddResilience();
        services.AddCaching(configuration); // the LLM gateway's answer cache (the platform registers it in the Host)
        services.AddOpenAIExtraction();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static ExtractionRequest Request(DocumentType type = DocumentType.Invoice, string text = InvoiceText) =>
        new(Guid.NewGuid(), type, System.Text.Encoding.UTF8.GetBytes(text), "text/plain",
            new DocumentText([new TextPage(1, text, [])], "text"));

    private static OpenAIExtractionProvider Provider(ServiceProvider services) =>
        Assert.IsType<OpenAIExtractionProvider>(Assert.Single(services.GetServices<IExtractionProvider>()));

    private static ExtractedField Field(ExtractionResult result, string name) => Assert.Single(result.Fields, f => f.Name == name);

    private Task<OpenAIExtractionException> Fails(ServiceProvider services, ExtractionRequest? request = null) =>
        Assert.ThrowsAsync<OpenAIExtractionException>(() => Provider(services).ExtractAsync(request ?? Request(), CancellationToken.None));

    [Fact]
    public async Task invoice_text_is_sent_with_model_and_prompt_and_the_answer_is_mapped()
    {
        await using var services = Services();
        var provider = Provider(services);
        Assert.Equal(("openai", true), (provider.Name, provider.NeedsText));

        var result = await provider.ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal("openai", result.Provider);
        Assert.Equal("INV-100", Field(result, FieldNames.InvoiceNumber).Text);
        Assert.Equal(0.97, Field(result, FieldNames.InvoiceNumber).Confidence);
        Assert.Equal(new DateOnly(2019, 11, 15), Field(result, FieldNames.InvoiceDate).Date);
        Assert.Equal(new DateOnly(2019, 12, 15), Field(result, FieldNames.DueDate).Date);
        Assert.Equal("CONTOSO LTD.", Field(result, FieldNames.VendorName).Text);
        Assert.Equal("123 456th St\nNew York, NY 10001", Field(result, FieldNames.VendorAddress).Text);
        Assert.Equal("123-45-6789", Field(result, FieldNames.VendorTaxId).Text);
        Assert.Equal("MICROSOFT CORPORATION", Field(result, FieldNames.CustomerName).Text);
        Assert.Equal("PO-3333", Field(result, FieldNames.PurchaseOrder).Text);
        Assert.Equal("USD", Field(result, FieldNames.Currency).Text);
        Assert.Equal(100.00m, Field(result, FieldNames.Subtotal).Number);
        Assert.Equal(10.00m, Field(result, FieldNames.Tax).Number);
        Assert.Equal(110.0m, Field(result, FieldNames.Total).Number);
        Assert.Equal(0.967, Field(result, FieldNames.Total).Confidence);
        Assert.Equal(610.00m, Field(result, FieldNames.AmountDue).Number);
        Assert.All(result.Fields, f => Assert.Equal(("openai", (int?)null), (f.Provider, f.Page)));
        Assert.Equal(13, result.Fields.Count);
        Assert.Equal(3, result.LineItems.Count);
        Assert.Equal(new LineItem("Consulting Services", 2, 30.00m, 60.00m, 0.909), result.LineItems[0]);
        Assert.Equal(new LineItem("Printing Fee", 10, 1.00m, 10.00m, 0.908), result.LineItems[2]);

        var call = Assert.Single(result.Calls);
        Assert.Equal(("openai", "extract", "gpt-4o-mini", 1, true, (string?)null),
            (call.Provider, call.Operation, call.Model, call.Attempts, call.Succeeded, call.Error));
        // Token usage and prompt version reach the audit trail (ProviderCall is stored in the document's events).
        Assert.True(call.InputTokens > 0 && call.OutputTokens > 0, $"tokens {call.InputTokens}/{call.OutputTokens}");
        Assert.False(string.IsNullOrEmpty(call.PromptVersion));

        // The wire request: the Chat Completions route, bearer key, model, JSON output, versioned system prompt and the text.
        var sent = Assert.Single(_stub.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal($"Bearer {OpenAIChatStub.Key}", sent.Authorization);
        Assert.Equal("gpt-4o-mini", sent.Model);
        Assert.Equal("json_object", sent.ResponseFormat);
        Assert.Equal(0, sent.Body!["temperature"]!.GetValue<double>());
        Assert.Equal(["system", "user"], sent.Messages.Select(m => m.Role));
        var system = sent.Messages[0].Content;
        Assert.Contains(OpenAIPrompt.DefaultVersion, system, StringComparison.Ordinal);
        Assert.Contains("JSON", system, StringComparison.Ordinal);
        Assert.All(new[] { FieldNames.InvoiceNumber, FieldNames.VendorTaxId, FieldNames.AmountDue, "lineItems" },
            name => Assert.Contains($"\"{name}\"", system, StringComparison.Ordinal));
        Assert.DoesNotContain($"\"{FieldNames.MerchantName}\"", system, StringComparison.Ordinal);
        Assert.Contains(InvoiceText, sent.Messages[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task detailed_extraction_reports_usage_cost_prompt_version_and_completion_id()
    {
        await using var services = Services(new()
        {
            ["Documents:OpenAI:InputCostPer1KTokens"] = "0.15",
            ["Documents:OpenAI:OutputCostPer1KTokens"] = "0.6",
            ["Documents:OpenAI:PromptVersion"] = "custom-7",
        });

        var extraction = await Provider(services).ExtractDetailedAsync(Request(), CancellationToken.None);

        var usage = Assert.IsType<OpenAITokenUsage>(extraction.Usage);
        Assert.Equal(42, usage.OutputTokens);
        Assert.True(usage.InputTokens > 0);
        Assert.Equal(usage.InputTokens + 42, usage.TotalTokens);
        Assert.Equal((usage.InputTokens * 0.15m + 42 * 0.6m) / 1000m, extraction.EstimatedCost);
        Assert.Equal("custom-7", extraction.PromptVersion);
        Assert.False(extraction.InputTruncated);
        Assert.StartsWith("chatcmpl-", extraction.CompletionId, StringComparison.Ordinal);
        Assert.Equal("gpt-4o-mini-2024-07-18", extraction.ServedModel);
        Assert.Contains("custom-7", _stub.Requests.Single().Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task receipt_asks_for_receipt_fields_and_parses_loose_values_dropping_what_does_not_parse()
    {
        _stub.Content = _ => """
            ```json
            {
              "merchantName": { "value": "Contoso", "confidence": 1.7 },
              "MerchantAddress": "123 Main Street\nRedmond, WA 98052",
              "transactionDate": { "value": "2019-06-10T13:59:00", "confidence": 0.9 },
              "currency": { "value": "€", "confidence": -3 },
              "subtotal": { "value": "1.098,99", "confidence": "0.8" },
              "tax": { "value": "n/a", "confidence": 0.4 },
              "total": { "value": "1,203.39", "confidence": 0.95 },
              "invoiceNumber": { "value": "not asked for", "confidence": 1 },
              "lineItems": [
                { "description": "Surface Pro 6", "quantity": 1, "amount": "999.00", "confidence": 0.97 },
                { "description": null, "quantity": null },
                "junk",
                { "description": "SurfacePen", "quantity": "1", "unitPrice": 99.99, "amount": 99.99 }
              ]
            }
            ```
            """;
        await using var services = Services();

        var result = await Provider(services).ExtractAsync(Request(DocumentType.Receipt, "Contoso receipt ..."), CancellationToken.None);

        var fields = result.Fields.ToDictionary(f => f.Name);
        Assert.Equal(("Contoso", 1.0), (fields[FieldNames.MerchantName].Text, fields[FieldNames.MerchantName].Confidence));
        Assert.Equal(("123 Main Street\nRedmond, WA 98052", OpenAIResponseParser.DefaultConfidence),
            (fields[FieldNames.MerchantAddress].Text, fields[FieldNames.MerchantAddress].Confidence));
        Assert.Equal(new DateOnly(2019, 6, 10), fields[FieldNames.TransactionDate].Date);
        Assert.Equal(("EUR", 0.0), (fields[FieldNames.Currency].Text, fields[FieldNames.Currency].Confidence));
        Assert.Equal((1098.99m, 0.8), (fields[FieldNames.Subtotal].Number, fields[FieldNames.Subtotal].Confidence));
        Assert.Equal(1203.39m, fields[FieldNames.Total].Number);
        Assert.False(fields.ContainsKey(FieldNames.Tax));
        Assert.False(fields.ContainsKey(FieldNames.InvoiceNumber));
        Assert.Equal(
            [new LineItem("Surface Pro 6", 1, null, 999.00m, 0.97), new LineItem("SurfacePen", 1, 99.99m, 99.99m, OpenAIResponseParser.DefaultConfidence)],
            result.LineItems);

        var system = _stub.Requests.Single().Messages[0].Content;
        Assert.Contains($"\"{FieldNames.MerchantName}\"", system, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{FieldNames.InvoiceNumber}\"", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_429_is_retried_after_the_servers_retry_after_and_then_succeeds()
    {
        _stub.Faults.Enqueue(new ChatFault.Status(429, RetryAfter: "7", Type: "requests", ErrorCode: "rate_limit_exceeded",
            Message: "Rate limit reached for gpt-4o-mini. Please try again in 7s."));
        await using var services = Services();

        var result = await Provider(services).ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal("INV-100", Field(result, FieldNames.InvoiceNumber).Text);
        Assert.Equal(2, Assert.Single(result.Calls).Attempts);
        Assert.Contains(TimeSpan.FromSeconds(7), _time.Requested);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task server_errors_are_retried_by_our_pipeline_not_the_sdk_and_then_succeed()
    {
        _stub.Faults.Enqueue(new ChatFault.Status(500, Message: "The server had an error while processing your request."));
        _stub.Faults.Enqueue(new ChatFault.Status(503, Message: "The engine is currently overloaded."));
        await using var services = Services(new() { ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "2" });

        var result = await Provider(services).ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal(110.0m, Field(result, FieldNames.Total).Number);
        Assert.Equal(3, Assert.Single(result.Calls).Attempts);
        Assert.Equal(3, _stub.Requests.Count);
    }

    [Fact]
    public async Task a_persistent_5xx_storm_fails_clearly_after_the_configured_retries()
    {
        _stub.Always = new ChatFault.Status(503, Type: "server_error", Message: "The engine is currently overloaded, please try again later.");
        await using var services = Services(new() { ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "2" });

        var error = await Fails(services);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("server_error", error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _stub.Requests.Count);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
        Assert.Equal(("extract", false, 3), (error.Call!.Operation, error.Call.Succeeded, error.Call.Attempts));
        Assert.StartsWith("server_error:", error.Call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_open_circuit_refuses_without_calling_the_server()
    {
        _stub.Always = new ChatFault.Status(500);
        await using var services = Services(new()
        {
            ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "2",
            ["Resilience:Dependencies:Llm:CircuitBreaker:MinimumThroughput"] = "3",
        });
        await Fails(services);
        var sent = _stub.Requests.Count;

        var refused = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.CircuitOpen, refused.ErrorCode);
        Assert.True(refused.IsTransient);
        Assert.Equal(sent, _stub.Requests.Count);
    }

    [Fact]
    public async Task a_slow_attempt_is_cut_by_the_per_attempt_timeout_and_retried()
    {
        // 300 s scaled = 3 s real: far above a healthy attempt on a loaded machine, far below the slow one (60 s).
        _stub.Faults.Enqueue(new ChatFault.Slow(TimeSpan.FromSeconds(60)));
        await using var services = Services(new() { ["Resilience:Dependencies:Llm:TimeoutSeconds"] = "300" });
        var stopwatch = Stopwatch.StartNew();

        var result = await Provider(services).ExtractAsync(Request(), CancellationToken.None);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
        Assert.Equal(2, Assert.Single(result.Calls).Attempts);
        Assert.Contains(TimeSpan.FromSeconds(300), _time.Requested);
    }

    [Fact]
    public async Task always_slow_ends_in_a_timeout_error()
    {
        _stub.Always = new ChatFault.Slow(TimeSpan.FromSeconds(10));
        await using var services = Services(new()
        {
            ["Resilience:Dependencies:Llm:TimeoutSeconds"] = "30",
            ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "1",
        });

        var error = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.Timeout, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Equal(2, error.Attempts);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
    }

    [Fact]
    public async Task the_same_text_is_answered_from_the_gateway_cache_without_a_second_call()
    {
        await using var services = Services();
        var provider = Provider(services);

        var first = await provider.ExtractAsync(Request(), CancellationToken.None);
        var second = await provider.ExtractAsync(Request(), CancellationToken.None);

        Assert.Single(_stub.Requests);
        Assert.Equal((1, 0), (Assert.Single(first.Calls).Attempts, Assert.Single(second.Calls).Attempts));
        Assert.Equal(0m, Assert.Single(second.Calls).EstimatedCost ?? 0m);
        Assert.Equal(Field(first, FieldNames.InvoiceNumber).Text, Field(second, FieldNames.InvoiceNumber).Text);
    }

    [Fact]
    public async Task an_answer_the_parser_rejects_is_not_cached_and_caching_can_be_turned_off()
    {
        var answers = new ConcurrentQueue<string>(["not json at all", InvoiceAnswer]);
        _stub.Content = _ => answers.TryDequeue(out var next) ? next : InvoiceAnswer;
        await using var services = Services();
        var provider = Provider(services);

        Assert.Equal(OpenAIExtractionException.Codes.InvalidContent, (await Fails(services)).ErrorCode);
        var retried = await provider.ExtractAsync(Request(), CancellationToken.None);

        Assert.Equal(2, _stub.Requests.Count);
        Assert.Equal(1, Assert.Single(retried.Calls).Attempts);

        await using var uncached = Services(new() { ["Documents:OpenAI:CacheAnswers"] = "false" });
        await Provider(uncached).ExtractAsync(Request(), CancellationToken.None);
        await Provider(uncached).ExtractAsync(Request(), CancellationToken.None);
        Assert.Equal(4, _stub.Requests.Count);
    }

    [Fact]
    public async Task content_that_is_not_json_is_a_clear_invalid_content_error()
    {
        _stub.Content = _ => "Sure! Here is the invoice data: number INV-100, total 110.";
        await using var services = Services();

        var error = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.InvalidContent, error.ErrorCode);
        Assert.Contains("not a JSON object", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(42, error.Usage!.OutputTokens);
        Assert.StartsWith("InvalidContent:", error.Call!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_json_array_answer_is_invalid_content_too()
    {
        _stub.Content = _ => "[1, 2, 3]";
        await using var services = Services();
        Assert.Equal(OpenAIExtractionException.Codes.InvalidContent, (await Fails(services)).ErrorCode);
    }

    [Fact]
    public async Task a_malformed_completion_body_is_a_clear_invalid_response_error()
    {
        _stub.Faults.Enqueue(new ChatFault.MalformedCompletion());
        await using var services = Services();

        var error = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.InvalidResponse, error.ErrorCode);
        Assert.Contains("not a valid chat completion", error.Message, StringComparison.Ordinal);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task a_refusal_is_reported_as_refused()
    {
        _stub.Choices = _ => new JsonArray
        {
            new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = "I'm sorry, I can't help with that." },
                ["finish_reason"] = "stop",
            },
        };
        await using var services = Services();

        var error = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.Refused, error.ErrorCode);
        Assert.Equal("I'm sorry, I can't help with that.", error.ServiceMessage);
    }

    [Fact]
    public async Task empty_choices_are_an_empty_response_error()
    {
        _stub.Choices = _ => [];
        await using var services = Services();
        Assert.Equal(OpenAIExtractionException.Codes.EmptyResponse, (await Fails(services)).ErrorCode);
    }

    [Fact]
    public async Task an_answer_cut_at_the_token_limit_is_truncated()
    {
        _stub.Choices = _ => new JsonArray
        {
            new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "{\"invoiceNumber\": {\"value\": \"INV-1" },
                ["finish_reason"] = "length",
            },
        };
        await using var services = Services(new() { ["Documents:OpenAI:MaxOutputTokens"] = "64" });

        var error = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.Truncated, error.ErrorCode);
        Assert.Equal(64, _stub.Requests.Single().Body!["max_completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_bad_key_is_a_401_not_retried_and_the_key_never_appears_even_when_echoed()
    {
        const string wrongKey = "sk-wrong-secret-9f8e7d6c5b4a";
        await using var services = Services(new() { ["Documents:OpenAI:ApiKey"] = wrongKey });

        var error = await Fails(services);

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.Contains("Incorrect API key provided", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(1, error.Attempts);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.ServiceMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.Call!.Error, StringComparison.Ordinal);
        Assert.Equal($"Bearer {wrongKey}", _stub.Requests.Single().Authorization);
    }

    [Fact]
    public async Task long_text_is_cut_to_max_input_characters_and_the_prompt_says_so()
    {
        var longText = "HEADER INV-100\n" + new string('x', 5_000) + "\nTAIL-MARKER";
        await using var services = Services(new() { ["Documents:OpenAI:MaxInputCharacters"] = "1000" });

        var extraction = await Provider(services).ExtractDetailedAsync(Request(text: longText), CancellationToken.None);

        Assert.True(extraction.InputTruncated);
        var user = _stub.Requests.Single().Messages[1].Content;
        Assert.Contains("HEADER INV-100", user, StringComparison.Ordinal);
        Assert.DoesNotContain("TAIL-MARKER", user, StringComparison.Ordinal);
        Assert.Contains("cut", user, StringComparison.Ordinal);
        Assert.True(user.Length < 1_200, $"user message has {user.Length} characters");
    }

    [Fact]
    public async Task an_empty_temperature_is_not_sent()
    {
        await using var services = Services(new() { ["Documents:OpenAI:Temperature"] = "" });
        await Provider(services).ExtractAsync(Request(), CancellationToken.None);
        Assert.False(_stub.Requests.Single().Body!.ContainsKey("temperature"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("something_new")]
    [InlineData("eos")]
    public async Task a_finish_reason_the_sdk_does_not_know_is_read_from_the_raw_completion(string? finishReason)
    {
        _stub.Choices = _ => new JsonArray
        {
            new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = InvoiceAnswer },
                ["finish_reason"] = finishReason,
            },
        };
        await using var services = Services();

        var extraction = await Provider(services).ExtractDetailedAsync(Request(), CancellationToken.None);

        Assert.Equal("INV-100", Assert.Single(extraction.Fields, f => f.Name == FieldNames.InvoiceNumber).Text);
        Assert.Equal(3, extraction.LineItems.Count);
        Assert.Equal(42, extraction.Usage!.OutputTokens);
        Assert.Equal(("gpt-4o-mini", "gpt-4o-mini-2024-07-18", true), (extraction.Call.Model, extraction.ServedModel, extraction.Call.Succeeded));
    }

    [Fact]
    public async Task cancellation_by_the_caller_stays_an_operation_canceled_exception()
    {
        _stub.Always = new ChatFault.Slow(TimeSpan.FromSeconds(30));
        await using var services = Services();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Provider(services).ExtractAsync(Request(), cancel.Token));
    }

    [Fact]
    public async Task a_request_without_text_fails_without_calling_the_server()
    {
        await using var services = Services();

        var error = await Fails(services, new ExtractionRequest(Guid.NewGuid(), DocumentType.Invoice, new byte[] { 1, 2 }, "image/png", Text: null));

        Assert.Equal(OpenAIExtractionException.Codes.NoText, error.ErrorCode);
        Assert.Equal((0, false), (error.Call!.Attempts, error.Call.Succeeded));
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task an_unconfigured_provider_says_so()
    {
        await using var services = Services(new() { ["Documents:OpenAI:Endpoint"] = "", ["Documents:OpenAI:ApiKey"] = "" });
        var provider = Provider(services);
        Assert.False(provider.IsConfigured);

        var error = await Fails(services);

        Assert.Equal(OpenAIExtractionException.Codes.NotConfigured, error.ErrorCode);
        Assert.Contains("Documents:OpenAI:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task registration_is_idempotent_and_options_have_their_defaults()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCaching(configuration);
        services.AddOpenAIExtraction();
        services.AddOpenAIExtraction();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<OpenAIExtractionProvider>(Assert.Single(provider.GetServices<IExtractionProvider>()));
        var options = provider.GetRequiredService<IOptions<OpenAIExtractionOptions>>().Value;
        Assert.Equal(("", "gpt-4o-mini", 60_000, (double?)0, OpenAIPrompt.DefaultVersion, false),
            (options.Endpoint, options.Model, options.MaxInputCharacters, options.Temperature, options.PromptVersion, options.IsConfigured));
    }
}
