using System.Text.Json;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>schema.org JSON-LD: the objects of a script block (arrays and <c>@graph</c> flattened) and typed reads.</summary>
public static class JsonLd
{
    private static readonly string[] OrganizationTypes =
    [
        "Organization", "Corporation", "LocalBusiness", "MedicalOrganization", "Dentist", "MedicalClinic", "Hospital",
        "Hotel", "LodgingBusiness", "Restaurant", "ProfessionalService", "Store", "OnlineBusiness", "NGO", "EducationalOrganization",
        "MovingCompany", "HomeAndConstructionBusiness", "FoodEstablishment", "AutomotiveBusiness", "FinancialService", "GovernmentOrganization",
    ];

    /// <summary>Every object in the block; malformed JSON gives none.</summary>
    public static IReadOnlyList<JsonElement> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
            var found = new List<JsonElement>();
            Collect(document.RootElement.Clone(), found);
            return found;
        }
        catch (JsonException) { return []; }
        catch (ArgumentException) { return []; } // text that is not valid UTF-16 (a lone surrogate) cannot be JSON
    }

    private static void Collect(JsonElement element, List<JsonElement> found)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, found);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        found.Add(element);
        if (element.TryGetProperty("@graph", out var graph)) Collect(graph, found);
    }

    public static IReadOnlyList<string> Types(JsonElement element) =>
        !element.TryGetProperty("@type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!] : [];

    public static bool IsOrganization(JsonElement element) => Types(element).Any(t => OrganizationTypes.Contains(t, StringComparer.OrdinalIgnoreCase) || t.EndsWith("Business", StringComparison.Ordinal));

    public static bool IsType(JsonElement element, params string[] types) => Types(element).Any(t => types.Contains(t, StringComparer.OrdinalIgnoreCase));

    /// <summary>A property as text: a string, a number, or an object's <c>name</c>/<c>url</c>/<c>@id</c>.</summary>
    public static string? String(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return null;
        return AsString(value);
    }

    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object => String(value, "url") ?? String(value, "contentUrl") ?? String(value, "name") ?? String(value, "@id"),
        JsonValueKind.Array => value.EnumerateArray().Select(AsString).FirstOrDefault(s => s is not null),
        _ => null,
    };

    /// <summary>A property's values: a single value or every element of an array.</summary>
    public static IReadOnlyList<JsonElement> Values(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return [];
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
    }

    /// <summary>Strings of a property (single or array).</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        Values(element, property).Select(AsString).Where(s => s is not null).Select(s => s!).ToList();
}
