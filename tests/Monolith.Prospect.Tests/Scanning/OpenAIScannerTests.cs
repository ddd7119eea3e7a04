using System.Net;
using System.Text.Json;
using Monolith.Testing.CompanySites;
using Monolith.Testing.OpenAI;

namespace Monolith.Prospect.Tests.Scanning;

/// <summary>The scanner with <c>CompanyAnalysis:Analyzer=openai</c> against a local OpenAI-compatible server (real SDK, real HTTP).</summary>
public sealed class OpenAIScannerFixture : RevenueScannerFixture
{
    public OpenAIChatStub Llm { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["CompanyAnalysis:Analyzer"] = "openai";
            settings["Llm:Endpoint"] = Llm.Endpoint.AbsoluteUri;
            settings["Llm:ApiKey"] = OpenAIChatStub.Key;
            settings["Llm:Model"] = "gpt-4o-mini";
            settings["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "0";
            settings["Resilience:Dependencies:Llm:TimeoutSeconds"] = "10";
            settings["Resilience:Dependencies:Llm:TotalTimeoutSeconds"] = "20";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Llm = await OpenAIChatStub.StartAsync();
        Llm.Answers["company_profile"] = CompanyAnalysisAnswers.Profile;
        Llm.Answers["value_proposition"] = "this is not JSON";
        Llm.Answers["customer_clusters"] = CompanyAnalysisAnswers.Clusters();
        Llm.Answers["employee_estimate"] = """{"low":250,"high":400,"estimate":320,"confidence":0.7,"method":"stated","evidence":[]}""";
        Llm.Answers["spend_categories"] = """
            {"categories":[{"code":"43000000","label":"Information Technology Broadcasting and Telecommunications","likelihood":0.8,"evidence":[]}]}
            """;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Llm.DisposeAsync();
    }

    public int Calls(string schema) => Llm.Requests.Count(r => r.SchemaName == schema);
}

public class when_the_openai_analyzer_scans(OpenAIScannerFixture app) : IClassFixture<OpenAIScannerFixture>
{
    [Fact]
    public async Task a_failed_llm_step_leaves_a_partial_analysis_that_a_retry_finishes_without_redoing_the_rest()
    {
        var partial = await app.PostAsync("/api/supplier-analyses?wait=true", new { url = app.Url("brightpath-it.test"), country = "GB" });
        var id = partial.GetProperty("id").GetGuid();
        Assert.Equal("Partial", partial.GetProperty("status").GetString());
        var steps = partial.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        Assert.Equal("Succeeded", steps["profile"].GetProperty("status").GetString());
        Assert.Equal("openai", steps["profile"].GetProperty("usage").GetProperty("provider").GetString());
        Assert.Equal("Failed", steps["value-proposition"].GetProperty("status").GetString());
        Assert.Contains("JSON", steps["value-proposition"].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Skipped", steps["clusters"].GetProperty("status").GetString());
        Assert.Equal("BrightPath IT Ltd", partial.GetProperty("profile").GetProperty("companyName").GetProperty("value").GetString());
        Assert.Equal(2, app.Calls("value_proposition"));           // the answer and one repair attempt
        Assert.DoesNotContain(OpenAIChatStub.Key, partial.ToString(), StringComparison.Ordinal);

        app.Llm.Answers["value_proposition"] = CompanyAnalysisAnswers.ValueProposition;
        var fetches = app.Sites.TotalRequests;
        var profileCalls = app.Calls("company_profile");
        await app.PostAsync($"/api/supplier-analyses/{id}/retry", new { }, HttpStatusCode.Accepted);

        JsonElement done = default;
        await RevenueScannerFixture.WaitUntilAsync(async () =>
        {
            done = await app.GetAsync($"/api/supplier-analyses/{id}");
            return done.GetProperty("status").GetString() is "Completed" or "Failed" or "Partial";
        });
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(3, done.GetProperty("clusters").GetArrayLength());
        Assert.Equal(fetches, app.Sites.TotalRequests);                // the crawl was not redone
        Assert.Equal(profileCalls, app.Calls("company_profile"));     // nor the profile
        Assert.Equal(1, done.GetProperty("retries").GetInt32());

        var types = (await app.GetAsync($"/api/supplier-analyses/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["analysis_requested", "site_crawled", "profile_extracted", "analysis_step_failed", "supplier_analysis_finished",
            "analysis_retried", "value_proposition_extracted", "customer_clusters_derived", "supplier_analysis_finished"], types);

        // The same site again: the crawl and every LLM answer come from the caches.
        var requests = app.Llm.Requests.Count;
        var again = await app.PostAsync("/api/supplier-analyses?wait=true", new { url = app.Url("brightpath-it.test"), country = "GB" });
        Assert.Equal("Completed", again.GetProperty("status").GetString());
        Assert.Equal(requests, app.Llm.Requests.Count);
        Assert.Equal(0, again.GetProperty("totals").GetProperty("llmCalls").GetInt32());
        Assert.Equal(4, again.GetProperty("totals").GetProperty("cacheHits").GetInt32());   // the crawl and 3 LLM steps

        // A prospect scored against the LLM clusters (UNSPSC codes in eight-digit form match the segment tables).
        var p = await app.PostAsync("/api/prospect-analyses?wait=true", new { url = app.Url("nordlicht-logistik.test"), country = "DE", supplierAnalysisId = id });
        Assert.Equal("Completed", p.GetProperty("status").GetString());
        Assert.Equal(320, p.GetProperty("employees").GetProperty("estimate").GetInt32());
        Assert.True(p.GetProperty("opportunity").GetProperty("expected").GetDecimal() >= 0);
        Assert.Equal(3, p.GetProperty("totals").GetProperty("llmCalls").GetInt32());
    }
}
