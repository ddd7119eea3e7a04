using System.Text.Json.Nodes;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.OpenAI;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis.OpenAI;

public sealed class AnalysisPromptTests
{
    [Theory]
    [InlineData(AnalysisPrompt.Profile, "profile-v1")]
    [InlineData(AnalysisPrompt.ValueProposition, "value-proposition-v1")]
    [InlineData(AnalysisPrompt.Clusters, "clusters-v1")]
    [InlineData(AnalysisPrompt.Employees, "employees-v1")]
    [InlineData(AnalysisPrompt.SpendCategories, "spend-categories-v1")]
    public void every_step_has_an_embedded_versioned_prompt(string step, string version)
    {
        var prompt = AnalysisPrompt.For(step);
        Assert.Equal(version, prompt.Version);
        Assert.DoesNotContain("version:", prompt.System, StringComparison.Ordinal);
        Assert.True(prompt.System.Length > 100);
    }

    [Fact]
    public void a_prompt_without_a_version_header_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => AnalysisPrompt.Parse("x", "Just text\n---\nmore"));

    [Fact]
    public void page_text_is_cut_per_page_and_in_total()
    {
        var page = new SitePage(new Uri("https://a.example/"), "home", "text/plain", new string('q', 500), "h");
        var site = new SiteContent(new Uri("https://a.example/"), "FR",
        [
            page, page with { Url = new Uri("https://a.example/b") }, page with { Url = new Uri("https://a.example/c") },
            page with { Url = new Uri("https://a.example/d") },
        ]);

        var text = AnalysisInput.UserMessage(site, new OpenAIAnalyzerOptions { MaxCharactersPerPage = 300, MaxCharactersTotal = 700 });

        Assert.Equal(700, text.Count(c => c == 'q'));
        Assert.Equal(3, text.Split("[text cut]").Length - 1);
        Assert.Contains("URL: https://a.example/d\nCategory: home\nText: [left out: the text budget is spent]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void html_becomes_the_visible_text()
    {
        var text = AnalysisInput.HtmlToText("<html><head><title>T</title><script>x()</script></head><body><!-- c --><p>One&nbsp;two</p><div>Three</div></body></html>");
        Assert.Equal("T One two\nThree", text);
    }

    [Fact]
    public void schemas_are_strict_every_object_closed_and_fully_required()
    {
        foreach (var schema in new[] { AnalysisSchemas.Profile, AnalysisSchemas.ValueProposition, AnalysisSchemas.Clusters, AnalysisSchemas.Employees, AnalysisSchemas.SpendCategories })
            Walk(schema.Schema);

        static void Walk(JsonNode? node)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array) Walk(item);
                return;
            }
            if (node is not JsonObject obj) return;
            if (obj["type"]?.ToJsonString() == "\"object\"")
            {
                Assert.False(obj["additionalProperties"]!.GetValue<bool>());
                var properties = obj["properties"]!.AsObject().Select(p => p.Key).Order();
                var required = obj["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order();
                Assert.Equal(properties, required);
            }
            foreach (var (_, child) in obj) Walk(child);
        }
    }
}
