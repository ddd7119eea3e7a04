using System.Globalization;
using System.Text.Json;

namespace Monolith.Documents.Extraction.OpenAI;

/// <summary>
/// Turns the model's JSON object into <see cref="ExtractedField"/>s and <see cref="LineItem"/>s, forgivingly: keys match
/// case-insensitively, a bare value (without the <c>{ value, confidence }</c> wrapper) is accepted with
/// <see cref="DefaultConfidence"/>, confidences are clamped to 0..1, and a field whose value does not parse (or is null,
/// empty or unknown) is dropped rather than failing the document. Only a content that is not a JSON object is an error.
/// </summary>
public static class OpenAIResponseParser
{
    public const string ProviderName = "openai";

    /// <summary>Confidence for a value the model gave without one.</summary>
    public const double DefaultConfidence = 0.5;

    private static readonly Dictionary<string, string> CurrencySymbols = new(StringComparer.Ordinal)
    {
        ["$"] = "USD", ["US$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY", ["₹"] = "INR", ["CHF"] = "CHF", ["Fr."] = "CHF",
    };

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy/MM/dd", "yyyy.MM.dd"];

    /// <summary>Parses <paramref name="content"/>; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static (IReadOnlyList<ExtractedField> Fields, IReadOnlyList<LineItem> LineItems) Parse(string content, DocumentType type)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var json = JsonDocument.Parse(StripCodeFence(content), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"expected a JSON object, got {root.ValueKind}.");
        // Some models wrap the answer: { "fields": { ... }, "lineItems": [...] }.
        var fieldsObject = Property(root, "fields") is { ValueKind: JsonValueKind.Object } wrapped ? wrapped : root;

        var fields = new List<ExtractedField>();
        foreach (var spec in OpenAIPrompt.FieldsFor(type))
        {
            if (Property(fieldsObject, spec.Name) is not { } element) continue;
            var (value, confidence) = Unwrap(element);
            if (value is not { } v) continue;
            var field = spec.Kind switch
            {
                OpenAIPrompt.FieldKind.Date => Date(v) is { } date ? Field(spec.Name, null, null, date, confidence) : null,
                OpenAIPrompt.FieldKind.Amount => Amount(v) is { } amount ? Field(spec.Name, null, amount, null, confidence) : null,
                OpenAIPrompt.FieldKind.Currency => Currency(v) is { } code ? Field(spec.Name, code, null, null, confidence) : null,
                _ => Text(v) is { } text ? Field(spec.Name, text, null, null, confidence) : null,
            };
            if (field is not null) fields.Add(field);
        }

        var items = new List<LineItem>();
        if ((Property(root, OpenAIPrompt.LineItemsKey) ?? Property(fieldsObject, OpenAIPrompt.LineItemsKey)) is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                var description = Property(item, "description") is { } d ? Text(Unwrap(d).Value ?? default) : null;
                var quantity = Property(item, "quantity") is { } q && Unwrap(q).Value is { } qv ? Amount(qv) : null;
                var unitPrice = Property(item, "unitPrice") is { } u && Unwrap(u).Value is { } uv ? Amount(uv) : null;
                var amount = Property(item, "amount") is { } a && Unwrap(a).Value is { } av ? Amount(av) : null;
                if (description is null && quantity is null && unitPrice is null && amount is null) continue;
                var confidence = Property(item, "confidence") is { } c ? Confidence(c) ?? DefaultConfidence : DefaultConfidence;
                items.Add(new LineItem(description, quantity, unitPrice, amount, confidence));
            }
        }

        return (fields, items);
    }

    private static ExtractedField Field(string name, string? text, decimal? number, DateOnly? date, double confidence) =>
        new(name, text, number, date, confidence, ProviderName, Page: null);

    /// <summary><c>{ "value": v, "confidence": c }</c> → (v, c); a bare value → (value, default); null/absent value → (null, _).</summary>
    private static (JsonElement? Value, double Confidence) Unwrap(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object && Property(element, "value") is { } value)
        {
            var confidence = Property(element, "confidence") is { } c ? Confidence(c) ?? DefaultConfidence : DefaultConfidence;
            return (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value, confidence);
        }
        return (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Array ? null : element,
            DefaultConfidence);
    }

    private static double? Confidence(JsonElement element)
    {
        double value;
        if (element.ValueKind == JsonValueKind.Number) value = element.GetDouble();
        else if (element.ValueKind == JsonValueKind.String && element.GetString()?.Trim() is { Length: > 0 } text
                 && double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            value = text.EndsWith('%') ? parsed / 100 : parsed;
        else return null;
        return double.IsFinite(value) ? Math.Clamp(value, 0.0, 1.0) : null;
    }

    private static string? Text(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    internal static DateOnly? Date(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return null;
        var text = element.GetString()?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dateTime)
            ? DateOnly.FromDateTime(dateTime)
            : null;
    }

    internal static decimal? Amount(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number) return element.TryGetDecimal(out var number) ? number : null;
        if (element.ValueKind != JsonValueKind.String) return null;
        return Amount(element.GetString());
    }

    /// <summary>"1,234.50", "1.234,50", "$ 110.00", "(12.00)", "-5" → invariant decimal; anything else null.</summary>
    internal static decimal? Amount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('(') && trimmed.EndsWith(')');
        var kept = new string(trimmed.Where(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-').ToArray());
        if (kept.Count(char.IsAsciiDigit) == 0) return null;
        var lastDot = kept.LastIndexOf('.');
        var lastComma = kept.LastIndexOf(',');
        if (lastComma > lastDot)
        {
            // A comma after every dot is the decimal separator when two or fewer digits follow it ("1.234,50", "12,5").
            var decimals = kept.Length - lastComma - 1;
            kept = decimals is > 0 and <= 2 || lastDot >= 0
                ? kept.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
                : kept.Replace(",", "", StringComparison.Ordinal);
        }
        else
        {
            kept = kept.Replace(",", "", StringComparison.Ordinal);
        }
        if (!decimal.TryParse(kept, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return null;
        return negative ? -Math.Abs(value) : value;
    }

    internal static string? Currency(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return null;
        var text = element.GetString()?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (CurrencySymbols.TryGetValue(text, out var mapped)) return mapped;
        var upper = text.ToUpperInvariant();
        return upper.Length == 3 && upper.All(char.IsAsciiLetterUpper) ? upper : null;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (element.TryGetProperty(name, out var exact)) return exact;
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    /// <summary>Models asked for JSON sometimes still wrap it in a Markdown code fence.</summary>
    private static string StripCodeFence(string content)
    {
        var text = content.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine < 0 || end <= firstLine ? text : text[(firstLine + 1)..end].Trim();
    }
}
