using Monolith.BuildingBlocks.Options;
using Monolith.Documents.Extraction.OpenAI;

namespace Monolith.Documents.Tests.Extraction.OpenAI;

public sealed class OpenAIExtractionOptionsTests
{
    private static IReadOnlyList<string> Errors(OpenAIExtractionOptions options) => OptionsRegistration.Validate(options, OpenAIExtractionOptions.Section);

    [Fact]
    public void an_empty_endpoint_is_valid_and_means_not_configured()
    {
        var options = new OpenAIExtractionOptions();
        Assert.Empty(Errors(options));
        Assert.False(options.IsConfigured);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("https://my-resource.openai.azure.com/openai/v1/")]
    [InlineData("http://localhost:11434/v1")]
    public void endpoints_with_a_key_are_valid(string endpoint) =>
        Assert.Empty(Errors(new OpenAIExtractionOptions { Endpoint = endpoint, ApiKey = "k" }));

    [Fact]
    public void a_set_endpoint_needs_a_key_and_a_proper_url()
    {
        Assert.Equal(["Documents:OpenAI:ApiKey: is required when Endpoint is set."],
            Errors(new OpenAIExtractionOptions { Endpoint = "https://api.openai.com/v1" }));
        Assert.Contains(Errors(new OpenAIExtractionOptions { Endpoint = "ftp://x/v1", ApiKey = "k" }),
            e => e.StartsWith("Documents:OpenAI:Endpoint:", StringComparison.Ordinal));
        Assert.Contains(Errors(new OpenAIExtractionOptions { Endpoint = "https://x/v1?a=b", ApiKey = "k" }),
            e => e.StartsWith("Documents:OpenAI:Endpoint:", StringComparison.Ordinal));
    }

    [Fact]
    public void ranges_are_checked()
    {
        var errors = Errors(new OpenAIExtractionOptions { Temperature = 3, MaxInputCharacters = 10, Model = "", PromptVersion = "", InputCostPer1KTokens = -1 });
        Assert.Contains(errors, e => e.StartsWith("Documents:OpenAI:Temperature:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:OpenAI:MaxInputCharacters:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:OpenAI:Model:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:OpenAI:PromptVersion:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:OpenAI:InputCostPer1KTokens:", StringComparison.Ordinal));
    }

    [Fact]
    public void cost_is_estimated_only_with_both_prices_and_usage()
    {
        var usage = new OpenAITokenUsage(2_000, 500, 2_500);
        Assert.Null(new OpenAIExtractionOptions { InputCostPer1KTokens = 0.15m }.EstimateCost(usage));
        Assert.Null(new OpenAIExtractionOptions { InputCostPer1KTokens = 0.15m, OutputCostPer1KTokens = 0.6m }.EstimateCost(null));
        Assert.Equal(0.6m, new OpenAIExtractionOptions { InputCostPer1KTokens = 0.15m, OutputCostPer1KTokens = 0.6m }.EstimateCost(usage));
    }
}
