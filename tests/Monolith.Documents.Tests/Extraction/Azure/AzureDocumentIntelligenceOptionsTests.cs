using Monolith.BuildingBlocks.Options;
using Monolith.Documents.Extraction.Azure;

namespace Monolith.Documents.Tests.Extraction.Azure;

public class AzureDocumentIntelligenceOptionsTests
{
    private static IReadOnlyList<string> Validate(AzureDocumentIntelligenceOptions options) =>
        OptionsRegistration.Validate(options, AzureDocumentIntelligenceOptions.Section);

    [Fact]
    public void defaults_are_valid_and_mean_not_configured()
    {
        var options = new AzureDocumentIntelligenceOptions();
        Assert.Empty(Validate(options));
        Assert.False(options.IsConfigured);
        Assert.Equal(("2024-11-30", "prebuilt-invoice", "prebuilt-receipt", "prebuilt-read", 1_000, 120),
            (options.ApiVersion, options.InvoiceModel, options.ReceiptModel, options.ReadModel, options.PollIntervalMilliseconds, options.MaxPollSeconds));
    }

    [Theory]
    [InlineData("https://my-resource.cognitiveservices.azure.com", "2024-11-30")]
    [InlineData("https://my-resource.cognitiveservices.azure.com/", "2023-07-31")]
    [InlineData("http://127.0.0.1:5000", "2024-11-30")]
    public void a_configured_endpoint_with_key_is_valid(string endpoint, string version) =>
        Assert.Empty(Validate(new AzureDocumentIntelligenceOptions { Endpoint = endpoint, ApiKey = "k", ApiVersion = version }));

    [Theory]
    [InlineData("my-resource.cognitiveservices.azure.com")]
    [InlineData("/relative")]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/?key=1")]
    public void a_bad_endpoint_is_rejected_by_setting_name(string endpoint)
    {
        var errors = Validate(new AzureDocumentIntelligenceOptions { Endpoint = endpoint, ApiKey = "k" });
        Assert.Contains(errors, e => e.StartsWith("Documents:Azure:Endpoint:", StringComparison.Ordinal));
    }

    [Fact]
    public void an_endpoint_without_key_is_rejected() =>
        Assert.Contains(Validate(new AzureDocumentIntelligenceOptions { Endpoint = "https://x.cognitiveservices.azure.com" }),
            e => e.StartsWith("Documents:Azure:ApiKey:", StringComparison.Ordinal));

    [Fact]
    public void an_unknown_version_and_bad_limits_are_rejected()
    {
        var errors = Validate(new AzureDocumentIntelligenceOptions { ApiVersion = "2022-08-31", PollIntervalMilliseconds = 0, MaxPollSeconds = 0 });
        Assert.Contains(errors, e => e.StartsWith("Documents:Azure:ApiVersion:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:Azure:PollIntervalMilliseconds:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:Azure:MaxPollSeconds:", StringComparison.Ordinal));
    }

    [Fact]
    public void the_api_key_is_not_in_validation_messages()
    {
        var errors = Validate(new AzureDocumentIntelligenceOptions { Endpoint = "nope", ApiKey = "super-secret-key" });
        Assert.DoesNotContain(errors, e => e.Contains("super-secret-key", StringComparison.Ordinal));
    }
}
