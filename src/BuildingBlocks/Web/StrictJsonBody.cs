using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// Reads a JSON request body strictly, for endpoints where a misspelt field would silently change the answer (a what-if
/// with <c>automation</c> instead of <c>automationThreshold</c> replays the defaults). A member the type does not have,
/// or a value of the wrong JSON type, is a problem keyed by its path (<c>thresholds.automation</c>) whose message lists
/// the valid names or the expected type; broken JSON is a problem on <c>body</c>. Never a 500, never ignored.
/// </summary>
public static class StrictJsonBody
{
    public const string BodyKey = "body";

    public static async Task<(T? Value, Dictionary<string, string[]> Problems)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options,
        CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return (null, new() { [BodyKey] = [$"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine})."] });
        }
        using (document) return Read<T>(document.RootElement, options);
    }

    public static (T? Value, Dictionary<string, string[]> Problems) Read<T>(JsonElement body, JsonSerializerOptions options) where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems[BodyKey] = ["The body must be a JSON object."];
            return (null, problems);
        }
        CheckObject(body, options.GetTypeInfo(typeof(T)), "", options, problems);
        if (problems.Count > 0) return (null, problems);
        try
        {
            return (body.Deserialize<T>(options), problems);
        }
        catch (JsonException e)
        {
            // Checked member by member above; what is left is a rule of the type as a whole (a required member).
            problems[BodyKey] = [e.Message];
            return (null, problems);
        }
    }

    private static void CheckObject(JsonElement element, JsonTypeInfo type, string path, JsonSerializerOptions options,
        Dictionary<string, string[]> problems)
    {
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var writable = type.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).ToList();
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            var property = writable.FirstOrDefault(p => string.Equals(p.Name, member.Name, comparison));
            if (property is null)
            {
                var owner = path.Length == 0 ? "the body" : path;
                problems[memberPath] = [$"'{member.Name}' is not a field of {owner}; valid fields: {string.Join(", ", writable.Select(p => p.Name))}."];
                continue;
            }
            var memberType = options.GetTypeInfo(property.PropertyType);
            if (memberType.Kind == JsonTypeInfoKind.Object && member.Value.ValueKind == JsonValueKind.Object)
            {
                CheckObject(member.Value, memberType, memberPath, options, problems);
                continue;
            }
            try
            {
                _ = member.Value.Deserialize(memberType);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
            {
                problems[memberPath] = [$"{memberPath} must be {Describe(property.PropertyType, memberType.Kind)}."];
            }
        }
    }

    private static string Describe(Type type, JsonTypeInfoKind kind)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return "a string";
        if (t == typeof(bool)) return "true or false";
        if (t.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(t))}";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "an ISO 8601 date and time";
        if (t.IsPrimitive || t == typeof(decimal)) return "a number";
        return kind switch
        {
            JsonTypeInfoKind.Object => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary => "an object",
            _ => $"a {t.Name}",
        };
    }
}
