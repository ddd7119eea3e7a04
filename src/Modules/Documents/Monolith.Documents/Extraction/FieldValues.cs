using System.Globalization;

namespace Monolith.Documents.Extraction;

/// <summary>Which of our fields hold amounts, dates or text, and how a person's correction is read into one.</summary>
public static class FieldValues
{
    public const string HumanProvider = "human";

    private static readonly HashSet<string> Amounts = new(StringComparer.Ordinal)
        { FieldNames.Subtotal, FieldNames.Tax, FieldNames.Total, FieldNames.AmountDue };
    private static readonly HashSet<string> Dates = new(StringComparer.Ordinal)
        { FieldNames.InvoiceDate, FieldNames.DueDate, FieldNames.TransactionDate };
    private static readonly HashSet<string> Texts = new(StringComparer.Ordinal)
    {
        FieldNames.InvoiceNumber, FieldNames.VendorName, FieldNames.VendorAddress, FieldNames.VendorTaxId, FieldNames.CustomerName,
        FieldNames.PurchaseOrder, FieldNames.Currency, FieldNames.MerchantName, FieldNames.MerchantAddress,
    };

    public static bool IsKnown(string field) => Amounts.Contains(field) || Dates.Contains(field) || Texts.Contains(field);

    public static bool IsAmount(string field) => Amounts.Contains(field);

    /// <summary>Letters and digits only, upper case: how values are compared across spacing, punctuation and case.</summary>
    public static string Compact(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static bool IsDate(string field) => Dates.Contains(field);

    /// <summary>Null when <paramref name="value"/> does not fit the field (the error says what is expected).</summary>
    public static string? Problem(string field, string? value)
    {
        if (!IsKnown(field)) return $"'{field}' is not a field; known: {string.Join(", ", Amounts.Concat(Dates).Concat(Texts).Order(StringComparer.Ordinal))}.";
        if (value is null) return null;
        if (Amounts.Contains(field) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            return $"{field} must be a decimal number such as 1234.56.";
        if (Dates.Contains(field) && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return $"{field} must be a date in ISO 8601 (yyyy-MM-dd).";
        if (field == FieldNames.Currency && (value.Length != 3 || !value.All(char.IsAsciiLetterUpper)))
            return "currency must be an ISO 4217 code such as EUR.";
        if (value.Length > 1000) return $"{field} must be at most 1000 characters.";
        return null;
    }

    /// <summary>A human-corrected field (confidence 1); null when the correction removes the value.</summary>
    public static ExtractedField? Corrected(string field, string? value, int? page)
    {
        if (value is null) return null;
        if (Amounts.Contains(field))
            return new ExtractedField(field, null, decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture), null, 1.0, HumanProvider, page);
        if (Dates.Contains(field))
            return new ExtractedField(field, null, null, DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture), 1.0, HumanProvider, page);
        return new ExtractedField(field, value, null, null, 1.0, HumanProvider, page);
    }

    public static string? Format(ExtractedField? field) => field?.Value switch
    {
        null => null,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };
}
