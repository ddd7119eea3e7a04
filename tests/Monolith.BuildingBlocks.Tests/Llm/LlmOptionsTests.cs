using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Llm;
using Monolith.Testing.OpenAI;

namespace Monolith.BuildingBlocks.Tests.Llm;

public sealed class LlmOptionsTests : IAsyncLifetime
{
    private OpenAIChatStub _stub = null!;

    public async Task InitializeAsync() => _stub = await OpenAIChatStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private string Failure(Dictionary<string, string?> settings)
    {
        using var provider = LlmTestHost.Build(_stub, settings);
        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmOptions>>().Value);
        return failure.Message;
    }

    [Fact]
    public void defaults_point_at_openai_not_at_localhost()
    {
        var options = new LlmOptions();
        Assert.Equal("https://api.openai.com/v1", options.Endpoint);
        Assert.Empty(OptionsValidationErrors(options));
    }

    [Theory]
    [InlineData("Llm:Endpoint", "not a url")]
    [InlineData("Llm:Endpoint", "ftp://example.com/v1")]
    [InlineData("Llm:RequestsPerMinute", "0")]
    [InlineData("Llm:TokensPerMinute", "10")]
    [InlineData("Llm:MaxOutputTokens", "1")]
    [InlineData("Llm:Temperature", "3")]
    [InlineData("Llm:CacheTtlMinutes", "0")]
    [InlineData("Llm:Model", "")]
    [InlineData("Llm:Prices:gpt-4o-mini:InputPer1M", "-1")]
    public void a_bad_value_names_the_setting(string setting, string value) =>
        Assert.Contains(setting, Failure(new() { [setting] = value }), StringComparison.Ordinal);

    [Fact]
    public void the_key_is_required_when_the_openai_analyzer_is_selected() =>
        Assert.Contains("Llm:ApiKey", Failure(new() { ["Llm:ApiKey"] = "", ["CompanyAnalysis:Analyzer"] = "openai" }), StringComparison.Ordinal);

    [Fact]
    public void the_key_is_required_when_enabled_explicitly() =>
        Assert.Contains("Llm:ApiKey", Failure(new() { ["Llm:ApiKey"] = "", ["Llm:Enabled"] = "true" }), StringComparison.Ordinal);

    [Fact]
    public void no_key_is_needed_while_another_analyzer_is_selected()
    {
        using var provider = LlmTestHost.Build(_stub, new() { ["Llm:ApiKey"] = "", ["CompanyAnalysis:Analyzer"] = "heuristic" });
        Assert.False(provider.GetRequiredService<IOptions<LlmOptions>>().Value.Enabled);
    }

    [Fact]
    public void cost_is_estimated_from_the_price_table()
    {
        var options = new LlmOptions();
        Assert.Equal(0.00015m + 0.0006m, options.EstimateCost("GPT-4o-mini", 1_000, 1_000));
        Assert.Equal(0m, options.EstimateCost("unknown-model", 1_000, 1_000));
    }

    private static IReadOnlyList<string> OptionsValidationErrors(LlmOptions options) => Monolith.BuildingBlocks.Options.OptionsRegistration.Validate(options, LlmOptions.Section);
}
