using System.Text.Json.Nodes;

namespace Monolith.Testing.OpenAI;

/// <summary>
/// Valid answers of the <c>openai</c> company analyzer's steps, by JSON schema name, for <see cref="OpenAIChatStub.Answers"/>.
/// They cite no evidence, so they pass the answer rules for any site.
/// </summary>
public static class CompanyAnalysisAnswers
{
    public const string Profile = """
        {"companyName":{"value":"BrightPath IT Ltd","confidence":0.95,"evidence":[]},
         "description":{"value":"Managed IT services for mid-sized firms.","confidence":0.8,"evidence":[]},
         "industry":{"value":{"code":"54","label":"Professional, Scientific, and Technical Services"},"confidence":0.8,"evidence":[]},
         "country":{"value":"GB","confidence":0.9,"evidence":[]},
         "languages":{"value":["en"],"confidence":0.9,"evidence":[]},
         "logoUrl":null,"socialProfiles":null,"contacts":null}
        """;

    public const string ValueProposition = """
        {"offerings":[{"value":{"name":"Managed IT","kind":"service","description":null},"confidence":0.9,"evidence":[]}],
         "differentiators":[],"industriesServed":[{"value":{"code":"31-33","label":"Manufacturing"},"confidence":0.7,"evidence":[]}],
         "customerSizeFocus":{"value":["Medium"],"confidence":0.5,"evidence":[]}}
        """;

    /// <summary>Three clusters of manufacturing buyers.</summary>
    public static string Clusters() => new JsonObject
    {
        ["clusters"] = new JsonArray(Enumerable.Range(1, 3).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"c{i}", ["name"] = $"Cluster {i}",
            ["industries"] = new JsonArray(new JsonObject { ["code"] = "31-33", ["label"] = "Manufacturing" }),
            ["sizeBands"] = new JsonArray("Medium"), ["buyerRoles"] = new JsonArray("CIO"), ["pains"] = new JsonArray("Downtime"),
            ["spendCategories"] = new JsonArray("43000000"), ["rationale"] = "Plants run on IT.",
        }).ToArray()),
    }.ToJsonString();

    /// <summary>Sets the supplier analysis steps' answers (profile, value proposition, clusters).</summary>
    public static void AnswerSupplierSteps(this OpenAIChatStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        stub.Answers["company_profile"] = Profile;
        stub.Answers["value_proposition"] = ValueProposition;
        stub.Answers["customer_clusters"] = Clusters();
    }
}
