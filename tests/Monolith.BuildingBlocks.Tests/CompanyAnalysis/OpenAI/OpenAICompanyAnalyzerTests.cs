using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Tests.Llm;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.OpenAI;
using Monolith.Testing.OpenAI;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis.OpenAI;

/// <summary>The openai analyzer over real HTTP against the chat stub: one strict structured call per step.</summary>
public sealed class OpenAICompanyAnalyzerTests : IAsyncLifetime
{
    private const string Home = "https://acme.example/";
    private const string About = "https://acme.example/about";

    private static readonly SiteContent Site = new(new Uri(Home), "DE",
    [
        new SitePage(new Uri(Home), "home", "text/html; charset=utf-8",
            "<html><head><title>Acme GmbH</title><script>var secret = 1;</script><style>p{}</style></head>" +
            "<body><h1>Acme GmbH</h1><p>Industrial pumps &amp; service for food plants.</p></body></html>", "h1"),
        new SitePage(new Uri(About), "about", "text/html", "<p>Founded 1990, over 120 employees in Hamburg.</p>", "h2"),
    ]);

    private static readonly CompanyProfile Profile = new(
        new Fact<string>("Acme GmbH", 0.9, [new Evidence(Home, "Acme GmbH")]), null, null, null, null, null, null, null, "openai");

    private static readonly ValueProposition Proposition = new(
        [new Fact<Offering>(new Offering("Pumps", "product", null), 0.9, [])], [], [], null, "openai");

    private const string ProfileJson = """
        {"companyName":{"value":"Acme GmbH","confidence":0.95,"evidence":[{"url":"https://acme.example/","snippet":"Acme GmbH"}]},
         "description":{"value":"Maker of industrial pumps.","confidence":0.8,"evidence":[{"url":"https://acme.example/","snippet":"Industrial pumps"}]},
         "industry":{"value":{"code":"31-33","label":"Manufacturing"},"confidence":0.7,"evidence":[]},
         "country":{"value":"DE","confidence":0.9,"evidence":[{"url":"https://acme.example/about","snippet":"Hamburg"}]},
         "languages":{"value":["en"],"confidence":0.9,"evidence":[]},
         "logoUrl":null,"socialProfiles":null,
         "contacts":{"value":[{"kind":"address","value":"Hamburg"}],"confidence":0.5,"evidence":[]}}
        """;

    private const string PropositionJson = """
        {"offerings":[{"value":{"name":"Industrial pumps","kind":"product","description":null},"confidence":0.9,
           "evidence":[{"url":"https://acme.example/","snippet":"Industrial pumps"}]}],
         "differentiators":[{"value":"Service for food plants","confidence":0.6,"evidence":[]}],
         "industriesServed":[{"value":{"code":"31-33","label":"Manufacturing"},"confidence":0.7,"evidence":[]}],
         "customerSizeFocus":{"value":["Medium","Large"],"confidence":0.5,"evidence":[]}}
        """;

    private static string ClustersJson(int count) => new JsonObject
    {
        ["clusters"] = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"c{i}", ["name"] = $"Cluster {i}",
            ["industries"] = new JsonArray(new JsonObject { ["code"] = "31-33", ["label"] = "Manufacturing" }),
            ["sizeBands"] = new JsonArray("Medium"), ["buyerRoles"] = new JsonArray("Plant manager"), ["pains"] = new JsonArray("Downtime"),
            ["spendCategories"] = new JsonArray("40000000"), ["rationale"] = "Food plants need pumps.",
        }).ToArray()),
    }.ToJsonString();

    private const string EmployeesJson = """
        {"low":100,"high":150,"estimate":120,"confidence":0.8,"method":"stated","evidence":[{"url":"https://acme.example/about","snippet":"over 120 employees"}]}
        """;

    private const string SpendJson = """
        {"categories":[{"code":"40000000","label":"Distribution and Conditioning Systems and Equipment and Components","likelihood":0.8,"evidence":[]},
                       {"code":"43000000","label":"Information Technology Broadcasting and Telecommunications","likelihood":0.4,"evidence":[]}]}
        """;

    private OpenAIChatStub _stub = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _stub = await OpenAIChatStub.StartAsync();
        _stub.Answers["company_profile"] = ProfileJson;
        _stub.Answers["value_proposition"] = PropositionJson;
        _stub.Answers["customer_clusters"] = ClustersJson(3);
        _stub.Answers["employee_estimate"] = EmployeesJson;
        _stub.Answers["spend_categories"] = SpendJson;
        _provider = LlmTestHost.Build(_stub);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _stub.DisposeAsync();
    }

    private ICompanyAnalyzer Analyzer => _provider.GetRequiredKeyedService<ICompanyAnalyzer>("openai");

    [Fact]
    public async Task profile_sends_the_pages_visible_text_and_maps_the_answer()
    {
        var result = await Analyzer.ProfileAsync(Site, CancellationToken.None);

        Assert.Equal("openai", Analyzer.Name);
        Assert.Equal("Acme GmbH", result.Output.CompanyName!.Value);
        Assert.Equal(new IndustryCode("31-33", "Manufacturing"), result.Output.Industry!.Value);
        Assert.Null(result.Output.LogoUrl);
        Assert.Equal("openai", result.Output.Analyzer);
        Assert.Equal(("openai", "gpt-4o-mini", "profile-v1", 1, false), (result.Usage.Provider, result.Usage.Model, result.Usage.PromptVersion, result.Usage.Calls, result.Usage.CacheHit));
        Assert.True(result.Usage.InputTokens > 0 && result.Usage.EstimatedCostUsd > 0);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("company_profile", request.SchemaName);
        Assert.True(request.SchemaIsStrict);
        Assert.Contains("NAICS 2022", request.Messages[0].Content, StringComparison.Ordinal);
        var user = request.Messages[1].Content;
        Assert.Contains("Country: DE", user, StringComparison.Ordinal);
        Assert.Contains("URL: https://acme.example/about", user, StringComparison.Ordinal);
        Assert.Contains("Category: about", user, StringComparison.Ordinal);
        Assert.Contains("Industrial pumps & service for food plants.", user, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", user, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task value_proposition_gets_the_profile_as_json()
    {
        var result = await Analyzer.ValuePropositionAsync(Site, Profile, CancellationToken.None);

        Assert.Equal("Industrial pumps", Assert.Single(result.Output.Offerings).Value.Name);
        Assert.Equal([CompanySizeBand.Medium, CompanySizeBand.Large], result.Output.CustomerSizeFocus!.Value);
        Assert.Equal("value-proposition-v1", result.Usage.PromptVersion);
        var user = Assert.Single(_stub.Requests).Messages[1].Content;
        Assert.Contains("Company profile (JSON, found earlier):", user, StringComparison.Ordinal);
        Assert.Contains("\"companyName\":{\"value\":\"Acme GmbH\"", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task clusters_get_profile_and_value_proposition()
    {
        var result = await Analyzer.ClustersAsync(Site, Profile, Proposition, CancellationToken.None);

        Assert.Equal(3, result.Output.Count);
        Assert.Equal(["40000000"], result.Output[0].SpendCategories);
        Assert.Equal("clusters-v1", result.Usage.PromptVersion);
        var user = Assert.Single(_stub.Requests).Messages[1].Content;
        Assert.Contains("Value proposition (JSON, found earlier):", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task employees_map_to_the_estimate()
    {
        var result = await Analyzer.EmployeesAsync(Site, Profile, CancellationToken.None);

        Assert.Equal((100, 120, 150, CompanySizeBand.Medium), (result.Output.Low, result.Output.Estimate, result.Output.High, result.Output.Band));
        Assert.Equal("employees-v1", result.Usage.PromptVersion);
    }

    [Fact]
    public async Task spend_categories_map_to_unspsc_segments()
    {
        var result = await Analyzer.SpendCategoriesAsync(Site, Profile, CancellationToken.None);

        Assert.Equal(["40000000", "43000000"], result.Output.Select(c => c.Code));
        Assert.Equal("spend-categories-v1", result.Usage.PromptVersion);
    }

    [Fact]
    public async Task the_same_site_again_is_served_from_the_cache()
    {
        await Analyzer.ProfileAsync(Site, CancellationToken.None);
        var again = await Analyzer.ProfileAsync(Site, CancellationToken.None);

        Assert.True(again.Usage.CacheHit);
        Assert.Equal(1, _stub.ChatRequestCount);
        Assert.Equal("Acme GmbH", again.Output.CompanyName!.Value);
    }

    [Fact]
    public async Task twelve_clusters_are_sent_back_for_repair()
    {
        _stub.Faults.Enqueue(new ChatFault.OtherContent(ClustersJson(12)));

        var result = await Analyzer.ClustersAsync(Site, Profile, Proposition, CancellationToken.None);

        Assert.Equal(3, result.Output.Count);
        Assert.Equal(2, result.Usage.Calls);
        Assert.Contains("clusters has 12 items; 3 to 8 are required", _stub.Requests.Last().Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task evidence_from_a_page_that_was_not_sent_is_repaired()
    {
        _stub.Faults.Enqueue(new ChatFault.OtherContent(EmployeesJson.Replace("https://acme.example/about", "https://elsewhere.example/", StringComparison.Ordinal)));

        var result = await Analyzer.EmployeesAsync(Site, Profile, CancellationToken.None);

        Assert.Equal(2, result.Usage.Calls);
        Assert.Contains("\"https://elsewhere.example/\", which is not one of the given pages", _stub.Requests.Last().Messages[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_invented_quote_is_sent_back_once_then_its_fact_is_dropped_and_counted()
    {
        const string invented = "Trusted by 500 breweries worldwide";
        var answer = PropositionJson.Replace("\"snippet\":\"Industrial pumps\"", $"\"snippet\":\"{invented}\"", StringComparison.Ordinal);
        _stub.Always = new ChatFault.OtherContent(answer);

        var result = await Analyzer.ValuePropositionAsync(Site, Profile, CancellationToken.None);

        Assert.Equal(2, result.Usage.Calls);
        Assert.Contains($"quotes \"{invented}\", which is not in the text of {Home}", _stub.Requests.Last().Messages[^1].Content, StringComparison.Ordinal);
        Assert.Empty(result.Output.Offerings); // its only evidence was invented
        Assert.Equal(1, result.Usage.Ungrounded);
        Assert.Single(result.Output.Differentiators); // no evidence cited: kept as the model's inference
    }

    [Fact]
    public async Task a_quote_with_other_quotes_case_and_spacing_is_grounded()
    {
        _stub.Always = new ChatFault.OtherContent(EmployeesJson.Replace("over 120 employees", "OVER  120\\nEmployees", StringComparison.Ordinal));

        var result = await Analyzer.EmployeesAsync(Site, Profile, CancellationToken.None);

        Assert.Equal((1, 0), (result.Usage.Calls, result.Usage.Ungrounded));
        Assert.Single(result.Output.Evidence);
    }

    [Fact]
    public async Task an_inconsistent_estimate_twice_fails_the_step_with_the_reason()
    {
        _stub.Always = new ChatFault.OtherContent("""{"low":200,"high":150,"estimate":120,"confidence":0.8,"method":"stated","evidence":[]}""");

        var failure = await Assert.ThrowsAsync<AnalysisStepException>(() => Analyzer.EmployeesAsync(Site, Profile, CancellationToken.None));

        Assert.StartsWith("employees:", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("low (200) <= estimate (120) <= high (150) does not hold", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _stub.ChatRequestCount);
    }

    [Fact]
    public async Task an_out_of_range_confidence_and_a_bad_code_are_named()
    {
        _stub.Always = new ChatFault.OtherContent("""{"categories":[{"code":"4300","label":"IT","likelihood":1.5,"evidence":[]}]}""");

        var failure = await Assert.ThrowsAsync<AnalysisStepException>(() => Analyzer.SpendCategoriesAsync(Site, Profile, CancellationToken.None));

        Assert.Contains("\"4300\" is not a UNSPSC segment code", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("likelihood is 1.5", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void registration_is_idempotent_and_keyed()
    {
        var services = new ServiceCollection();
        services.AddOpenAICompanyAnalyzer();
        var count = services.Count;
        services.AddOpenAICompanyAnalyzer();

        Assert.Equal(count, services.Count);
        Assert.IsType<OpenAICompanyAnalyzer>(_provider.GetRequiredKeyedService<ICompanyAnalyzer>("openai"));
    }
}
