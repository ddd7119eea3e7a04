using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Caching;
using Monolith.BuildingBlocks.Llm;
using Monolith.Companies.OpenAI;
using Monolith.Testing.OpenAI;

namespace Monolith.BuildingBlocks.Tests.Llm;

/// <summary>A container wired like the Host (configuration, caching, the openai analyzer and its gateway) against the stub.</summary>
internal static class LlmTestHost
{
    public static ServiceProvider Build(OpenAIChatStub stub, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = stub.Endpoint.AbsoluteUri,
            ["Llm:ApiKey"] = OpenAIChatStub.Key,
            ["Llm:Model"] = "gpt-4o-mini",
            ["Resilience:Dependencies:Llm:BaseDelayMilliseconds"] = "1",
            ["Resilience:Dependencies:Llm:MaxDelaySeconds"] = "1",
            ["Resilience:Dependencies:Llm:TimeoutSeconds"] = "10",
            ["Resilience:Dependencies:Llm:TotalTimeoutSeconds"] = "30",
        };
        foreach (var (key, value) in settings ?? []) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCaching(configuration);
        configure?.Invoke(services);
        services.AddOpenAICompanyAnalyzer();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public sealed record Answer(string Name, int Count);

    public static LlmJsonSchema Schema => new("answer", JsonNode.Parse("""
        {"type":"object","properties":{"name":{"type":"string"},"count":{"type":"integer"}},"required":["name","count"],"additionalProperties":false}
        """)!);

    public static LlmRequest<Answer> Request(string input = "input", string version = "v1") =>
        new("test-step", version, "You answer.", input, Schema, a => a.Count is < 0 or > 10 ? $"count is {a.Count}; it must be 0 to 10" : null);

    public const string Good = """{"name":"ok","count":3}""";
}
