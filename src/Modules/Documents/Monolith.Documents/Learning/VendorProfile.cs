using Monolith.Documents.Extraction;

namespace Monolith.Documents.Learning;

/// <summary>
/// What a reviewed document taught about its vendor, appended to the vendor's profile stream (one per customer and
/// vendor; Marten's tenancy keeps customers apart): how the vendor is recognised (tax ids, IBANs, the words of its
/// letterhead) and, per field, the value a person confirmed (names, addresses, ids that do not change) or the label the
/// right value was printed after (amounts, dates, numbers that change from document to document).
/// </summary>
public sealed record VendorProfileLearned(Guid ProfileId, Guid DocumentId, IReadOnlyList<string> TaxIds, IReadOnlyList<string> Ibans,
    IReadOnlyList<string> Header, IReadOnlyList<LearnedField> Fields, int Corrections, DateTimeOffset At, DocumentType? Type = null);

/// <summary>An admin made the product forget a vendor profile (a wrong lesson, a vendor gone): it is no longer matched.</summary>
public sealed record VendorProfileForgotten(Guid ProfileId, string By, string? Reason, DateTimeOffset At);

/// <summary>A field learned from one reviewed document: its confirmed <see cref="Value"/> (fields that stay the same for a
/// vendor) or its <see cref="Anchor"/>: the letters printed before the value on its line (fields that change).</summary>
public sealed record LearnedField(string Field, string? Value, string? Anchor);

/// <summary>
/// A vendor as this customer's reviewers taught it: the inline snapshot of its <see cref="VendorProfileLearned"/> events.
/// Counts, not last values, so one odd document does not overwrite what several agreed on.
/// </summary>
public sealed class VendorProfile
{
    public Guid Id { get; set; }
    public int Documents { get; set; }
    public int Corrections { get; set; }
    public List<string> TaxIds { get; set; } = [];
    public List<string> Ibans { get; set; } = [];
    public Dictionary<string, int> HeaderTokens { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Field → confirmed value → how many reviewed documents had it.</summary>
    public Dictionary<string, Dictionary<string, int>> Values { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Field → label the right value followed → how many reviewed documents had it.</summary>
    public Dictionary<string, Dictionary<string, int>> Anchors { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset LearnedAt { get; set; }
    /// <summary>The reviewed documents that taught this profile (a redelivered lesson is not learned twice).</summary>
    public List<Guid> LearnedFrom { get; set; } = [];
    /// <summary>Document type → how many reviewed documents of the vendor had it.</summary>
    public Dictionary<DocumentType, int> Types { get; set; } = [];
    /// <summary>Forgotten profiles stay in the event store (the audit trail) but are never matched again.</summary>
    public bool Forgotten { get; set; }

    public static VendorProfile Create(VendorProfileLearned e)
    {
        var profile = new VendorProfile { Id = e.ProfileId };
        profile.Apply(e);
        return profile;
    }

    public void Apply(VendorProfileLearned e)
    {
        Documents++;
        Corrections += e.Corrections;
        LearnedFrom.Add(e.DocumentId);
        if (e.Type is { } type) Types[type] = Types.GetValueOrDefault(type) + 1;
        LearnedAt = e.At;
        foreach (var id in e.TaxIds) if (!TaxIds.Contains(id)) TaxIds.Add(id);
        foreach (var iban in e.Ibans) if (!Ibans.Contains(iban)) Ibans.Add(iban);
        foreach (var token in e.Header.Distinct(StringComparer.Ordinal)) HeaderTokens[token] = HeaderTokens.GetValueOrDefault(token) + 1;
        foreach (var field in e.Fields)
        {
            if (field.Value is not null) Count(Values, field.Field, field.Value);
            if (field.Anchor is not null) Count(Anchors, field.Field, field.Anchor);
        }
    }

    public void Apply(VendorProfileForgotten e)
    {
        Forgotten = true;
        LearnedAt = e.At;
    }

    /// <summary>
    /// The type every reviewed document of the vendor had, once at least <paramref name="minimum"/> agree and none
    /// disagrees (a vendor sending both invoices and credit notes teaches no type).
    /// </summary>
    public (DocumentType Type, int Count)? LearnedType(int minimum = 2) =>
        Types.Count == 1 && Types.First().Value >= minimum ? (Types.First().Key, Types.First().Value) : null;

    /// <summary>The letterhead words that most of the vendor's documents share (all of them after one document).</summary>
    public IReadOnlySet<string> StableHeader() =>
        HeaderTokens.Where(kv => kv.Value * 2 >= Documents).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The most often confirmed value of <paramref name="field"/> and how many documents had it.</summary>
    public (string Value, int Count)? Value(string field) => Top(Values, field);

    public (string Anchor, int Count)? Anchor(string field) => Top(Anchors, field) is { } top ? (top.Key, top.Count) : null;

    private static (string Key, int Count)? Top(Dictionary<string, Dictionary<string, int>> counts, string field) =>
        counts.TryGetValue(field, out var byValue) && byValue.Count > 0
            ? byValue.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).First()
            : null;

    private static void Count(Dictionary<string, Dictionary<string, int>> counts, string field, string key)
    {
        if (!counts.TryGetValue(field, out var byValue)) counts[field] = byValue = new(StringComparer.Ordinal);
        byValue[key] = byValue.GetValueOrDefault(key) + 1;
    }
}
