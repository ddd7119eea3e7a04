using System.Text.Json.Nodes;
using Monolith.BuildingBlocks.Llm;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.OpenAI;

// The answers the model gives, one per step: the port's records where they fit as they are, without the fields the
// analyzer fills itself (Analyzer). Property names are the schema's (camelCase, System.Text.Json web defaults).

public sealed record ProfileAnswer(
    Fact<string>? CompanyName,
    Fact<string>? Description,
    Fact<IndustryCode>? Industry,
    Fact<string>? Country,
    Fact<IReadOnlyList<string>>? Languages,
    Fact<string>? LogoUrl,
    Fact<IReadOnlyList<SocialProfile>>? SocialProfiles,
    Fact<IReadOnlyList<ContactPoint>>? Contacts)
{
    public CompanyProfile ToProfile(string analyzer) =>
        new(CompanyName, Description, Industry, Country, Languages, LogoUrl, SocialProfiles, Contacts, analyzer);
}

public sealed record ValuePropositionAnswer(
    IReadOnlyList<Fact<Offering>> Offerings,
    IReadOnlyList<Fact<string>> Differentiators,
    IReadOnlyList<Fact<IndustryCode>> IndustriesServed,
    Fact<IReadOnlyList<CompanySizeBand>>? CustomerSizeFocus)
{
    public ValueProposition ToValueProposition(string analyzer) => new(Offerings, Differentiators, IndustriesServed, CustomerSizeFocus, analyzer);
}

public sealed record ClustersAnswer(IReadOnlyList<CustomerCluster> Clusters);

public sealed record EmployeesAnswer(int Low, int High, int Estimate, double Confidence, string Method, IReadOnlyList<Evidence> Evidence)
{
    public EmployeeEstimate ToEstimate() => new(Low, High, Estimate, Confidence, Method, Evidence);
}

public sealed record SpendCategoriesAnswer(IReadOnlyList<SpendCategory> Categories);

/// <summary>Strict JSON schemas (every property required, nothing extra; optional values are nullable) of the answers.</summary>
public static class AnalysisSchemas
{
    public static LlmJsonSchema Profile => new("company_profile", Object(
        ("companyName", Nullable(Fact(String()))),
        ("description", Nullable(Fact(String()))),
        ("industry", Nullable(Fact(Industry()))),
        ("country", Nullable(Fact(String()))),
        ("languages", Nullable(Fact(Array(String())))),
        ("logoUrl", Nullable(Fact(String()))),
        ("socialProfiles", Nullable(Fact(Array(Object(("network", String()), ("url", String())))))),
        ("contacts", Nullable(Fact(Array(Object(("kind", Enum("email", "phone", "address", "form")), ("value", String()))))))));

    public static LlmJsonSchema ValueProposition => new("value_proposition", Object(
        ("offerings", Array(Fact(Object(("name", String()), ("kind", Enum("product", "service")), ("description", NullableString()))))),
        ("differentiators", Array(Fact(String()))),
        ("industriesServed", Array(Fact(Industry()))),
        ("customerSizeFocus", Nullable(Fact(Array(SizeBand()))))));

    public static LlmJsonSchema Clusters => new("customer_clusters", Object(
        ("clusters", Array(Object(
            ("id", String()),
            ("name", String()),
            ("industries", Array(Industry())),
            ("sizeBands", Array(SizeBand())),
            ("buyerRoles", Array(String())),
            ("pains", Array(String())),
            ("spendCategories", Array(String())),
            ("rationale", String()))))));

    public static LlmJsonSchema Employees => new("employee_estimate", Object(
        ("low", Integer()), ("high", Integer()), ("estimate", Integer()), ("confidence", Number()),
        ("method", String()), ("evidence", Array(Evidence()))));

    public static LlmJsonSchema SpendCategories => new("spend_categories", Object(
        ("categories", Array(Object(("code", String()), ("label", String()), ("likelihood", Number()), ("evidence", Array(Evidence())))))));

    private static JsonObject Fact(JsonNode value) => Object(("value", value), ("confidence", Number()), ("evidence", Array(Evidence())));

    private static JsonObject Evidence() => Object(("url", String()), ("snippet", String()));

    private static JsonObject Industry() => Object(("code", String()), ("label", String()));

    private static JsonObject SizeBand() => Enum(nameof(CompanySizeBand.Micro), nameof(CompanySizeBand.Small), nameof(CompanySizeBand.Medium),
        nameof(CompanySizeBand.Large), nameof(CompanySizeBand.Enterprise));

    private static JsonObject Object(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties) props[name] = schema;
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray()),
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Array(JsonNode items) => new() { ["type"] = "array", ["items"] = items };
    private static JsonObject String() => new() { ["type"] = "string" };
    private static JsonObject NullableString() => new() { ["type"] = new JsonArray("string", "null") };
    private static JsonObject Number() => new() { ["type"] = "number" };
    private static JsonObject Integer() => new() { ["type"] = "integer" };
    private static JsonObject Enum(params string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()) };
    private static JsonObject Nullable(JsonNode schema) => new() { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
}
