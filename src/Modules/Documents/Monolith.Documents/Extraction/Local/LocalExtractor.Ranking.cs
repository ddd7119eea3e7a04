namespace Monolith.Documents.Extraction.Local;

public static partial class LocalExtractor
{
    /// <summary>The fields chosen among labelled candidates, which the learned ranker orders.</summary>
    public static readonly IReadOnlyList<string> RankedFields = [FieldNames.InvoiceNumber, FieldNames.InvoiceDate, FieldNames.DueDate, FieldNames.PurchaseOrder];

    private static readonly string[] Methods = ["label-right", "label-below-aligned", "label-below", "label-below-unaligned"];
    private static readonly string[] Kinds = ["invoice", "receipt", "order", "document", "transaction", "due", "date", "other"];

    /// <summary>The names of a candidate's ranking features, in order (the ranker's input schema).</summary>
    public static readonly IReadOnlyList<string> RankingFeatureNames =
    [
        .. RankedFields.Select(f => "field:" + f),
        .. Enum.GetValues<DocumentType>().Select(t => "type:" + t),
        .. Methods.Select(m => "method:" + m),
        .. Kinds.Select(k => "label:" + k),
        "own-label", "hand-score", "hand-rank", "candidates", "same-value-share", "line-position", "line-index", "page",
        "value-length", "value-has-letters", "value-digits", "ambiguous-date", "billing-period", "date-rank", "dates-differ",
        "labels-on-line",
    ];

    /// <summary>
    /// A field's candidates, best first: by the learned ranker when one is given, else by the hand-set order (for the
    /// document's own number, what an "Invoice no" label names before what an "Order no" label names on an invoice and
    /// the reverse on an order; then the rule-based score, then the earlier line).
    /// </summary>
    private static List<Candidate> Rank(Context ctx, string field, List<Candidate> candidates)
    {
        var byHand = HandOrder(ctx, field, candidates);
        if (ctx.Ranker is not { } ranker || byHand.Count < 2) return byHand;
        return byHand.Select((c, i) => (Candidate: c, Score: ranker.Score(RankingFeatures(ctx, field, c, byHand, i)), Hand: i))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Hand)
            .Select(x => x.Candidate with { Ranker = ranker.Version }).ToList();
    }

    private static List<Candidate> HandOrder(Context ctx, string field, List<Candidate> candidates)
    {
        if (field != FieldNames.InvoiceNumber) return [.. candidates.OrderByDescending(c => c.Confidence).ThenBy(c => c.LineNo)];
        var own = "label:" + OwnKind(ctx.Type);
        var other = ctx.Type == DocumentType.PurchaseOrder ? "label:invoice" : "label:order";
        int Kind(Candidate c) => c.Signals?.Contains(own) == true ? 0 : c.Signals?.Contains(other) == true ? 2 : 1;
        return [.. candidates.OrderBy(Kind).ThenByDescending(c => c.Confidence).ThenBy(c => c.LineNo)];
    }

    private static string OwnKind(DocumentType type) => type switch
    {
        DocumentType.PurchaseOrder => "order",
        DocumentType.Receipt => "receipt",
        _ => "invoice",
    };

    private static float[] RankingFeatures(Context ctx, string field, Candidate c, IReadOnlyList<Candidate> all, int handRank)
    {
        var f = new List<float>(RankingFeatureNames.Count);
        f.AddRange(RankedFields.Select(r => r == field ? 1f : 0f));
        f.AddRange(Enum.GetValues<DocumentType>().Select(t => t == ctx.Type ? 1f : 0f));
        f.AddRange(Methods.Select(m => m == c.Method ? 1f : 0f));
        f.AddRange(Kinds.Select(k => c.Signals?.Contains("label:" + k) == true ? 1f : 0f));
        var ownKind = field switch
        {
            FieldNames.InvoiceNumber => OwnKind(ctx.Type),
            FieldNames.DueDate => "due",
            FieldNames.PurchaseOrder => "order",
            _ => "date",
        };
        f.Add(c.Signals?.Contains("label:" + ownKind) == true ? 1 : 0);
        f.Add((float)c.Confidence);
        f.Add(Math.Min(handRank, 5));
        f.Add(Math.Min(all.Count, 10));
        f.Add(all.Count <= 1 ? 0 : (float)(all.Count(o => !ReferenceEquals(o, c) && SameValue(o, c)) / (double)(all.Count - 1)));
        var line = c.LineNo >= 0 && c.LineNo < ctx.Lines.Count ? ctx.Lines[c.LineNo] : null;
        f.Add(ctx.Lines.Count <= 1 ? 0 : (float)c.LineNo / (ctx.Lines.Count - 1));
        f.Add(Math.Min(c.LineNo, 80));
        f.Add(line?.Page ?? 1);
        var text = c.Text ?? "";
        f.Add(Math.Min(text.Length, 40));
        f.Add(text.Any(char.IsLetter) ? 1 : 0);
        f.Add(Math.Min(text.Count(char.IsDigit), 20));
        f.Add(c.Signals?.Contains("ambiguous-date") == true ? 1 : 0);
        f.Add(c.Signals?.Contains("billing-period") == true ? 1 : 0);
        // Where the date falls among the candidates' dates (0 the earliest, 1 the latest).
        var dates = all.Where(o => o.Date is not null).Select(o => o.Date!.Value).Distinct().Order().ToList();
        f.Add(c.Date is { } d && dates.Count > 1 ? (float)dates.IndexOf(d) / (dates.Count - 1) : 0);
        f.Add(dates.Count > 1 ? 1 : 0);
        f.Add(c.LineNo >= 0 && c.LineNo < ctx.Labels.Length ? Math.Min(ctx.Labels[c.LineNo].Count, 5) : 0);
        return [.. f];
    }

    private static Func<Context, string, string, int, Candidate?> ParserFor(string field) =>
        field is FieldNames.InvoiceDate or FieldNames.DueDate ? ParseDate : ParseId;

    /// <summary>
    /// Training examples for the ranker from a document whose right values are known (generated, or corrected by a
    /// reviewer): every labelled candidate of each ranked field, with its features and whether it holds the right
    /// value. Fields without a right candidate teach nothing about ordering and are left out.
    /// </summary>
    public static IReadOnlyList<RankingExample> RankingExamples(DocumentText text, DocumentType type, IReadOnlyDictionary<string, object> truth)
    {
        var ctx = Analyse(text);
        ctx.Type = type;
        var examples = new List<RankingExample>();
        foreach (var field in RankedFields)
        {
            if (!truth.TryGetValue(field, out var value)) continue;
            var byHand = HandOrder(ctx, field, FromLabels(ctx, field, ParserFor(field)).ToList());
            var right = byHand.Select(c => Holds(c, value)).ToList();
            if (!right.Contains(true)) continue;
            examples.AddRange(byHand.Select((c, i) => new RankingExample(RankingFeatures(ctx, field, c, byHand, i), right[i], field)));
        }
        return examples;
    }

    /// <summary>
    /// For each ranked field of a known document that has a right candidate: whether <paramref name="ranker"/> (null: the
    /// hand-set order) puts a right value first.
    /// </summary>
    public static IReadOnlyList<(string Field, bool Right)> TopChoices(DocumentText text, DocumentType type,
        IReadOnlyDictionary<string, object> truth, CandidateRanker? ranker)
    {
        var ctx = Analyse(text);
        ctx.Type = type;
        ctx.Ranker = ranker;
        var result = new List<(string, bool)>();
        foreach (var field in RankedFields)
        {
            if (!truth.TryGetValue(field, out var value)) continue;
            var candidates = FromLabels(ctx, field, ParserFor(field)).ToList();
            if (!candidates.Any(c => Holds(c, value))) continue;
            result.Add((field, Holds(Rank(ctx, field, candidates)[0], value)));
        }
        return result;
    }

    private static bool Holds(Candidate c, object value) => value switch
    {
        DateOnly d => c.Date == d,
        string s => c.Text is not null && string.Equals(Normalise(c.Text), Normalise(s), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string Normalise(string id) => new([.. id.Where(char.IsLetterOrDigit)]);
}
