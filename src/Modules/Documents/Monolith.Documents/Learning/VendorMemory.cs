using System.Globalization;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Learning;

/// <summary>How a document names its vendor: tax ids, IBANs and the words of its letterhead (the first lines).</summary>
public sealed record VendorFingerprint(IReadOnlyList<string> TaxIds, IReadOnlyList<string> Ibans, IReadOnlyList<string> Header);

/// <summary>Which profile a document was recognised as, how, and how much that profile has learned.</summary>
public sealed record VendorMatch(VendorProfile Profile, string MatchedBy, double Similarity);

/// <summary>
/// Vendor memory, pure: what a reviewed document teaches (<see cref="Learn"/>), which learned vendor a new document
/// comes from (<see cref="Recognise"/>) and its fields with what was learned applied (<see cref="Apply"/>). The
/// evidence of a remembered value says so (method <c>vendor-memory</c> or <c>vendor-anchor</c>, how many reviewed
/// documents taught it, whether the extractor agreed) and the calibration turns it into a probability like any other.
/// </summary>
public static class VendorMemory
{
    /// <summary>Lines at the top of the first page that make up the letterhead.</summary>
    public const int HeaderLines = 6;

    /// <summary>Share of a profile's letterhead words a document must print (Dice) to be taken for that vendor.</summary>
    public const double MinHeaderSimilarity = 0.6;

    /// <summary>Fields whose value stays the same from one document of a vendor to the next.</summary>
    private static readonly HashSet<string> Fixed = new(StringComparer.Ordinal)
    {
        FieldNames.VendorName, FieldNames.VendorAddress, FieldNames.VendorTaxId, FieldNames.Currency,
    };

    /// <summary>Fields that change, found again after the label they followed.</summary>
    private static readonly HashSet<string> Anchored = new(StringComparer.Ordinal)
    {
        FieldNames.Total, FieldNames.Subtotal, FieldNames.Tax, FieldNames.AmountDue,
        FieldNames.InvoiceDate, FieldNames.DueDate, FieldNames.InvoiceNumber,
    };

    public static VendorFingerprint Fingerprint(DocumentText text)
    {
        var full = text.FullText;
        var first = text.Pages.Count > 0 ? LayoutText.Lines(text.Pages[0]).Where(l => !string.IsNullOrWhiteSpace(l)).Take(HeaderLines) : [];
        var header = first.SelectMany(Tokens).Distinct(StringComparer.Ordinal).ToList();
        return new VendorFingerprint(
            // Only ids with enough digits to name one company ("IT EM A 2.00" is an item line, not an Italian VAT number).
            TaxIdParser.FindAll(full).Select(t => FieldValues.Compact(t.Value)).Where(t => t.Count(char.IsDigit) >= 6).Distinct(StringComparer.Ordinal).ToList(),
            Iban.FindInText(full).Select(FieldValues.Compact).Distinct(StringComparer.Ordinal).ToList(),
            header);
    }

    /// <summary>
    /// What a reviewed document teaches: its fingerprint, the confirmed values of the fixed fields and, for the changing
    /// ones, the label before the confirmed value where the value is printed in the text. Field names are canonical
    /// (a receipt's merchant is a vendor) so invoices and receipts of one vendor teach each other.
    /// </summary>
    public static (VendorFingerprint Fingerprint, IReadOnlyList<LearnedField> Fields) Learn(DocumentText text, IReadOnlyList<ExtractedField> confirmed)
    {
        var lines = Lines(text);
        var learned = new List<LearnedField>();
        foreach (var field in confirmed)
        {
            var name = ConfidenceCalibration.Canonical(field.Name);
            if (Fixed.Contains(name) && FieldValues.Format(field) is { Length: > 0 } value)
                learned.Add(new LearnedField(name, value, null));
            else if (Anchored.Contains(name) && AnchorOf(lines, field) is { } anchor)
                learned.Add(new LearnedField(name, null, anchor));
        }
        return (Fingerprint(text), learned);
    }

    /// <summary>The learned vendor this document comes from: a shared tax id or IBAN, else the letterhead's words.</summary>
    public static VendorMatch? Recognise(VendorFingerprint document, IEnumerable<VendorProfile> profiles)
    {
        VendorMatch? best = null;
        foreach (var profile in profiles)
        {
            if (profile.Forgotten) continue;
            VendorMatch? match = null;
            if (document.TaxIds.Any(profile.TaxIds.Contains)) match = new(profile, "tax-id", 1);
            else if (document.Ibans.Any(profile.Ibans.Contains)) match = new(profile, "iban", 1);
            else if (Dice(document.Header, profile.StableHeader()) is var similarity && similarity >= MinHeaderSimilarity)
                match = new(profile, "letterhead", similarity);
            if (match is not null && (best is null || match.Similarity > best.Similarity
                || (match.Similarity == best.Similarity && match.Profile.Documents > best.Profile.Documents)))
                best = match;
        }
        return best;
    }

    /// <summary>
    /// The fields with the memory of <paramref name="match"/> applied: a fixed field takes the value reviewers confirmed
    /// most often; a changing field takes the value printed after the learned label when the document prints it. Each
    /// such field's evidence names the method, how many documents taught it and whether the extractor had the same value.
    /// </summary>
    public static IReadOnlyList<ExtractedField> Apply(DocumentText text, DocumentType type, IReadOnlyList<ExtractedField> fields,
        VendorMatch match, ConfidenceCalibration calibration)
    {
        var result = fields.ToList();
        var lines = Lines(text);
        var order = DateParser.GuessOrder(text.FullText, fields.FirstOrDefault(f => f.Name == FieldNames.Currency)?.Text);
        var separator = AmountParser.GuessDecimalSeparator(text.FullText);
        var profile = match.Profile;
        var compactText = FieldValues.Compact(text.FullText);
        foreach (var name in Fixed.Concat(Anchored))
        {
            var target = NameFor(name, type);
            var extracted = result.FirstOrDefault(f => f.Name == target);
            ExtractedField? remembered = null;
            int taught;
            string method;
            if (Fixed.Contains(name) && profile.Value(name) is { } value)
            {
                remembered = FieldValues.Corrected(target, value.Value, extracted?.Page ?? 1);
                (taught, method) = (value.Count, "vendor-memory");
            }
            else if (Anchored.Contains(name) && profile.Anchor(name) is { } anchor && FindAfter(lines, anchor.Anchor, target, order, separator) is { } found)
            {
                remembered = FieldValues.Corrected(target, found, extracted?.Page ?? 1);
                (taught, method) = (anchor.Count, "vendor-anchor");
            }
            else continue;
            if (remembered is null) continue;

            var agrees = extracted is not null && Equals(extracted.Value, remembered.Value);
            List<string> signals =
            [
                "matched:" + match.MatchedBy,
                taught >= 3 ? "taught:3+" : "taught:" + taught.ToString(CultureInfo.InvariantCulture),
                extracted is null ? "extractor:missed" : agrees ? "extractor:agrees" : "extractor:differs",
            ];
            if (taught == profile.Documents && profile.Documents > 1) signals.Add("taught:unanimous");
            // A remembered name or address this document does not print (another branch, a new address) deserves less trust.
            if (method == "vendor-memory" && remembered.Text is { } printed)
                signals.Add(compactText.Contains(FieldValues.Compact(printed), StringComparison.Ordinal) ? "memory:printed" : "memory:not-printed");
            var evidence = new FieldEvidence(method, Math.Round((double)taught / Math.Max(1, profile.Documents), 3), signals, calibration.Version);
            var field = remembered with { Provider = extracted?.Provider ?? LocalExtractor.ProviderName, Evidence = evidence,
                Confidence = calibration.Probability(target, type, evidence) };
            if (extracted is not null) result.Remove(extracted);
            result.Add(field);
        }
        return result;
    }

    /// <summary>The receipt's name for a canonical field (a receipt's vendor is its merchant).</summary>
    private static string NameFor(string canonical, DocumentType type) => type != DocumentType.Receipt ? canonical : canonical switch
    {
        FieldNames.VendorName => FieldNames.MerchantName,
        FieldNames.VendorAddress => FieldNames.MerchantAddress,
        FieldNames.InvoiceDate => FieldNames.TransactionDate,
        _ => canonical,
    };

    private static List<string> Lines(DocumentText text) =>
        text.Pages.SelectMany(p => LayoutText.Lines(p)).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

    /// <summary>The letters before the field's value on the line that prints it (or, with none there, the line above).</summary>
    private static string? AnchorOf(List<string> lines, ExtractedField field)
    {
        for (var i = lines.Count - 1; i >= 0; i--) // totals come last: search from the bottom
        {
            var at = ValueIndex(lines[i], field);
            if (at < 0) continue;
            var label = Letters(lines[i][..at]);
            if (label.Length < 2 && i > 0) label = Letters(lines[i - 1]);
            if (label.Length >= 2) return label.Length > 40 ? label[^40..] : label;
        }
        return null;
    }

    /// <summary>Where the field's value is printed on the line, or -1.</summary>
    private static int ValueIndex(string line, ExtractedField field)
    {
        if (field.Number is { } number)
            return AmountParser.FindAll(line).FirstOrDefault(m => m.Value == number && !m.IsPercent)?.Index ?? -1;
        if (field.Date is { } date)
            return DateParser.FindAll(line, DateOrder.DayFirst).Concat(DateParser.FindAll(line, DateOrder.MonthFirst))
                .FirstOrDefault(m => m.Value == date)?.Index ?? -1;
        return field.Text is { Length: > 0 } text ? line.IndexOf(text, StringComparison.OrdinalIgnoreCase) : -1;
    }

    /// <summary>The value printed after a label like <paramref name="anchor"/> (OCR spellings forgiven), as a string the field parses.</summary>
    private static string? FindAfter(List<string> lines, string anchor, string field, DateOrder order, char? separator)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            foreach (var (index, value) in Values(line, field, order, separator))
            {
                var label = Letters(line[..index]);
                if (label.Length < 2 && i > 0) label = Letters(lines[i - 1]);
                if (label.Length >= 2 && Similar(label.Length > 40 ? label[^40..] : label, anchor)) return value;
            }
        }
        return null;
    }

    private static IEnumerable<(int Index, string Value)> Values(string line, string field, DateOrder order, char? separator)
    {
        if (FieldValues.IsAmount(field))
            return AmountParser.FindAll(line, separator).Where(m => !m.IsPercent).Select(m => (m.Index, m.Value.ToString(CultureInfo.InvariantCulture)));
        if (FieldValues.IsDate(field))
            return DateParser.FindAll(line, order).Select(m => (m.Index, m.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        // An identifier: the first token with a digit after the label.
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = tokens.Select((t, n) => (t, n)).FirstOrDefault(x => x.n > 0 && x.t.Any(char.IsDigit));
        return found.t is null ? [] : [(line.IndexOf(found.t, StringComparison.Ordinal), found.t.Trim(':', '#', '.', ','))];
    }

    private static double Dice(IReadOnlyCollection<string> a, IReadOnlySet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    /// <summary>Equal, or within one edit in five characters (OCR reads "TOTAI" for "TOTAL").</summary>
    internal static bool Similar(string a, string b) => a == b || Distance(a, b) <= Math.Max(a.Length, b.Length) / 5;

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static IEnumerable<string> Tokens(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(FieldValues.Compact).Where(t => t.Length >= 3);

    private static string Letters(string s) => new(s.Where(char.IsLetter).Select(char.ToUpperInvariant).ToArray());
}
