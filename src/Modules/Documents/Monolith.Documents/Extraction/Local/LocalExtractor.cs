using System.Text.RegularExpressions;
using Monolith.Documents.Scoring;

namespace Monolith.Documents.Extraction.Local;

/// <summary>
/// Layout- and rule-based field extraction, free and instant. Each field's confidence comes from its evidence:
/// a label on the same line (or the line above), a value in a valid format, agreement with other fields
/// (subtotal + tax = total) and where it sits on the page.
/// </summary>
public static partial class LocalExtractor
{
    public const string ProviderName = "local";

    private sealed record Line(int Page, int Index, int PageLineCount, string Text, IReadOnlyList<LayoutWord> Words)
    {
        public double Position => PageLineCount <= 1 ? 0 : (double)Index / (PageLineCount - 1);
    }

    private sealed record Label(string Field, int LineNo, int Start, int End);

    /// <summary>
    /// A value for a field with its rule-based score (<see cref="Confidence"/>, used to rank candidates), how it was
    /// found (<see cref="Method"/>) and the signals for and against it: the evidence the calibration turns into a probability.
    /// </summary>
    private sealed record Candidate(string Field, string? Text, decimal? Number, DateOnly? Date, double Confidence, int LineNo,
        string Method = "", IReadOnlyList<string>? Signals = null, string? Ranker = null)
    {
        public Candidate Signal(string signal) => Signals?.Contains(signal) == true ? this : this with { Signals = [.. Signals ?? [], signal] };
        public Candidate Via(string method) => this with { Method = method };
    }

    private sealed class Context
    {
        public required List<Line> Lines { get; init; }
        public required List<Label>[] Labels { get; init; }
        public required char? DecimalSeparator { get; init; }
        public required DateOrder DateOrder { get; init; }
        public required string FullText { get; init; }
        /// <summary>Whether word positions come from the page (a PDF) rather than from character columns of plain text.</summary>
        public required bool HasLayout { get; init; }
        /// <summary>The line-item table's caption lines (first and last; equal for a one-line header), or (-1, -1).</summary>
        public (int First, int Last) Header { get; set; } = (-1, -1);
        /// <summary>The type the document is extracted as.</summary>
        public DocumentType Type { get; set; }
        /// <summary>The learned ranker ordering labelled candidates, or null for the hand-set order.</summary>
        public CandidateRanker? Ranker { get; set; }
    }

    public static ExtractionResult Extract(DocumentText text, DocumentType type) => Extract(text, type, ConfidenceCalibration.Default);

    /// <summary>Extracts with <paramref name="calibration"/> turning each field's evidence into its confidence.</summary>
    public static ExtractionResult Extract(DocumentText text, DocumentType type, ConfidenceCalibration calibration) =>
        Extract(text, type, calibration, CandidateRanker.Default);

    /// <summary>Extracts with <paramref name="ranker"/> ordering labelled candidates (null: the hand-set order).</summary>
    public static ExtractionResult Extract(DocumentText text, DocumentType type, ConfidenceCalibration calibration, CandidateRanker? ranker)
    {
        var ctx = Analyse(text);
        ctx.Type = type;
        ctx.Ranker = ranker;
        var receipt = type == DocumentType.Receipt;
        var fields = new List<ExtractedField>();
        void Add(Candidate? c)
        {
            if (c is null) return;
            var page = ctx.Lines.Count > 0 && c.LineNo >= 0 ? ctx.Lines[c.LineNo].Page : (int?)null;
            c = OcrSignals(ctx, c);
            var evidence = new FieldEvidence(c.Method, Math.Round(c.Confidence, 3), c.Signals ?? [], calibration.Version, c.Ranker);
            fields.Add(new ExtractedField(c.Field, c.Text, c.Number, c.Date, calibration.Probability(c.Field, type, evidence), ProviderName, page, evidence));
        }

        var amounts = Amounts(ctx);
        var currency = Currency(ctx);
        var vendor = Vendor(ctx);
        var date = IssueDate(ctx, receipt);

        if (receipt)
        {
            Add(Rename(vendor.Name, FieldNames.MerchantName));
            Add(Rename(vendor.Address, FieldNames.MerchantAddress));
            Add(Rename(date, FieldNames.TransactionDate));
        }
        else
        {
            var number = DocumentNumber(ctx);
            Add(number);
            // An order's own number is its order number ("Bestellnummer", "Order no"), unless a PO number is printed apart.
            if (type == DocumentType.PurchaseOrder && number is not null && Identifier(ctx, FieldNames.PurchaseOrder) is null)
                Add(number with { Field = FieldNames.PurchaseOrder });
            Add(date);
            Add(Labelled(ctx, FieldNames.DueDate, ParseDate));
            Add(vendor.Name);
            Add(vendor.Address);
            Add(vendor.TaxId);
            Add(Customer(ctx));
            Add(Identifier(ctx, FieldNames.PurchaseOrder));
            Add(amounts.AmountDue ?? UnpaidTotal(ctx, type, amounts.Total));
        }
        Add(currency);
        Add(amounts.Subtotal);
        Add(amounts.Tax);
        Add(amounts.Total);
        return new ExtractionResult(fields, LineItems(ctx), ProviderName, []);
    }

    [GeneratedRegex(@"\b(?:paid|prepaid|deposit|advance|already|bezahlt|anzahlung|abschlag|geleistet|acompte|pay[ée]|anticipo|pagado)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaidCue();

    /// <summary>
    /// An invoice that prints no amount due and no payment already made is owed in full: the amount due is the total,
    /// inferred rather than read, so with less confidence than the total.
    /// </summary>
    private static Candidate? UnpaidTotal(Context ctx, DocumentType type, Candidate? total) =>
        type == DocumentType.Invoice && total is { Number: > 0 } && !PaidCue().IsMatch(ctx.FullText)
            ? total with { Field = FieldNames.AmountDue, Confidence = Math.Min(total.Confidence - 0.3, 0.6), Method = "inferred-from-total" }
            : null;

    private static Candidate? Rename(Candidate? c, string name) => c is null ? null : c with { Field = name };

    private static Context Analyse(DocumentText text)
    {
        var lines = new List<Line>();
        foreach (var page in text.Pages)
        {
            var pageLines = LayoutText.Layout(page).Where(l => !string.IsNullOrWhiteSpace(l.Text)).ToList();
            for (var i = 0; i < pageLines.Count; i++) lines.Add(new Line(page.Number, i, pageLines.Count, pageLines[i].Text, pageLines[i].Words));
        }
        var full = string.Join('\n', lines.Select(l => l.Text));
        var labels = new List<Label>[lines.Count];
        for (var i = 0; i < lines.Count; i++) labels[i] = FindLabels(lines[i].Text, i);
        var currency = CurrencyDetector.Detect(full);
        var ctx = new Context
        {
            Lines = lines, Labels = labels, FullText = full, HasLayout = text.Pages.Any(p => p.Words.Count > 0),
            DecimalSeparator = AmountParser.GuessDecimalSeparator(full),
            DateOrder = DateParser.GuessOrder(full, currency),
        };
        ctx.Header = TableHeader(ctx);
        return ctx;
    }

    private static List<Label> FindLabels(string line, int lineNo) =>
        LocalLabels.Find(line).Select(l => new Label(l.Field, lineNo, l.Start, l.End)).ToList();

    /// <summary>The text a label speaks for: from its end up to the next label on the same line.</summary>
    private static string Segment(Context ctx, Label label)
    {
        var line = ctx.Lines[label.LineNo].Text;
        var next = ctx.Labels[label.LineNo].FirstOrDefault(l => l.Start >= label.End);
        var end = next?.Start ?? line.Length;
        return line[label.End..end];
    }

    private static bool IsTableHeader(string line) => LocalLabels.TableHeaderWord.Count(line) >= 3;

    /// <summary>
    /// Values for a labelled field: on the label's line to its right (strong), else on the next line when the label
    /// stands alone at the end of its line (a little weaker).
    /// </summary>
    private static IEnumerable<Candidate> FromLabels(Context ctx, string field, Func<Context, string, string, int, Candidate?> parse)
    {
        for (var i = 0; i < ctx.Lines.Count; i++)
        {
            // Column captions ("Qty", "VAT", "Amount") label the table's columns, not a value of the document.
            if (IsTableHeader(ctx.Lines[i].Text) || i >= ctx.Header.First && i <= ctx.Header.Last && ctx.Header.First >= 0) continue;
            foreach (var label in ctx.Labels[i].Where(l => l.Field == field))
            {
                var segment = Segment(ctx, label);
                var kind = "label:" + LabelKind(ctx.Lines[i].Text[label.Start..label.End]);
                var same = parse(ctx, field, segment, i)?.Signal(kind);
                if (same is not null) { yield return same with { Confidence = same.Confidence + 0.85, Method = "label-right" }; continue; }
                if (segment.Any(char.IsLetterOrDigit)) continue;
                // OCR often puts the value, or a lone ":" and then the value, on the following lines.
                var j = i + 1;
                while (j < ctx.Lines.Count && j <= i + 2 && !ctx.Lines[j].Text.Any(char.IsLetterOrDigit)) j++;
                if (j >= ctx.Lines.Count) continue;
                var next = ctx.Lines[j];
                // In a multi-column layout the value sits under its label: "Invoice no" over "471102", not the
                // street address printed to its left on the same row.
                if (Columns(next.Text).Count > 1 && AlignedColumn(ctx, label, j, rightAligned: true) is var (cs, ce))
                {
                    var inColumn = next.Text[cs..ce];
                    var aligned = ctx.Labels[j].Any(l => l.Start >= cs && l.Start < ce) ? null : parse(ctx, field, inColumn, j)?.Signal(kind);
                    if (aligned is not null) { yield return aligned with { Confidence = aligned.Confidence + 0.7, Method = "label-below-aligned" }; continue; }
                }
                var nextLabel = ctx.Labels[j].FirstOrDefault();
                var below = nextLabel is null ? next.Text : next.Text[..nextLabel.Start];
                if (!below.Any(char.IsLetterOrDigit)) continue;
                var c = parse(ctx, field, below, j)?.Signal(kind);
                // Unaligned in a column layout: the value may belong to another label.
                var columns = Columns(next.Text).Count > 1;
                if (c is not null) yield return c with { Confidence = c.Confidence + (columns ? 0.55 : 0.7), Method = columns ? "label-below-unaligned" : "label-below" };
            }
        }
    }

    /// <summary>What a label names, as evidence: "Invoice No" speaks for an invoice number more than "Order no" or "Trans #".</summary>
    private static string LabelKind(string label) => label.ToLowerInvariant() switch
    {
        var l when Regex.IsMatch(l, "invoice|inv\\b|rechnung|factur|factuur|faktur|bill|credit|gutschrift|avoir") => "invoice",
        var l when Regex.IsMatch(l, "receipt|beleg|ticket|slip|bon\\b|recibo|quittung") => "receipt",
        var l when Regex.IsMatch(l, "order|bestell|commande|pedido|auftrag") => "order",
        var l when Regex.IsMatch(l, "doc") => "document",
        var l when Regex.IsMatch(l, "trans|chk|check") => "transaction",
        var l when Regex.IsMatch(l, "due|f[äa]llig|zahlbar|[ée]ch[ée]ance|vencimiento|pay") => "due",
        var l when Regex.IsMatch(l, "issue|date|datum|fecha|dated") => "date",
        _ => "other",
    };

    /// <summary>The columns of a line: character ranges separated by wide gaps (three or more spaces).</summary>
    private static List<(int Start, int End)> Columns(string line)
    {
        var columns = new List<(int, int)>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length) break;
            var start = i;
            var end = line.IndexOf("   ", i, StringComparison.Ordinal);
            if (end < 0) end = line.Length;
            columns.Add((start, line[start..end].TrimEnd().Length + start));
            i = end;
        }
        return columns;
    }

    /// <summary>The page's horizontal extent of a character range of a line (its words' union).</summary>
    private static (double X0, double X1)? Extent(Line line, int start, int end)
    {
        var words = line.Words.Where(w => w.Start < end && start < w.End).ToList();
        return words.Count == 0 ? null : (words.Min(w => w.X0), words.Max(w => w.X1));
    }

    /// <summary>
    /// The column of line <paramref name="lineNo"/> that sits under (overlaps horizontally) the label's column; with
    /// <paramref name="rightAligned"/>, else the nearest column starting at or right of the label (values are often
    /// right-aligned in a wide column whose caption is left-aligned).
    /// </summary>
    private static (int Start, int End)? AlignedColumn(Context ctx, Label label, int lineNo, bool rightAligned = false)
    {
        var own = ctx.Lines[label.LineNo];
        var labelColumn = Columns(own.Text).FirstOrDefault(c => c.Start <= label.Start && label.Start < c.End);
        var x = Extent(own, label.Start, Math.Max(label.End, labelColumn.End));
        if (x is null) return null;
        var line = ctx.Lines[lineNo];
        (int, int)? best = null;
        var bestOverlap = 0.0;
        foreach (var c in Columns(line.Text))
        {
            if (Extent(line, c.Start, c.End) is not var (x0, x1)) continue;
            var overlap = Math.Min(x1, x.Value.X1) - Math.Max(x0, x.Value.X0);
            if (overlap > bestOverlap) { bestOverlap = overlap; best = c; }
        }
        if (best is not null || !rightAligned) return best;
        var right = Columns(line.Text).Select(c => (c, x: Extent(line, c.Start, c.End))).Where(t => t.x is not null && t.x.Value.X0 >= x.Value.X0).ToList();
        return right.Count > 0 ? right.MinBy(t => t.x!.Value.X0).c : null;
    }

    // Parsers return a candidate whose confidence is an adjustment for the value's own format.
    private static Candidate? ParseDate(Context ctx, string field, string segment, int lineNo)
    {
        var found = DateParser.FindAll(segment, ctx.DateOrder);
        if (found.Count == 0) return null;
        var d = found[0];
        var c = new Candidate(field, null, null, d.Value, (d.Ambiguous ? -0.1 : 0.05) - Math.Min(d.Index, 40) / 400.0, lineNo);
        // "01.03.2026 – 31.03.2026" is a billing period, not the date the document was issued.
        if (field != FieldNames.DueDate && IsPeriod(segment, found, 0)) c = (c with { Confidence = c.Confidence - 0.4 }).Signal("billing-period");
        return d.Ambiguous ? c.Signal("ambiguous-date") : c;
    }

    private static Candidate? ParseAmount(Context ctx, string field, string segment, int lineNo)
    {
        var found = AmountParser.FindAll(segment, ctx.DecimalSeparator).Where(a => !a.IsPercent).ToList();
        if (found.Count == 0) return null;
        // The value is the rightmost amount: "VAT 19% 38.00", "Total 2 items 45.00".
        var a = found.LastOrDefault(x => x.HasDecimals) ?? found[^1];
        var c = new Candidate(field, null, a.Value, null, a.HasDecimals ? 0.05 : -0.2, lineNo);
        return a.HasDecimals ? c : c.Signal("no-decimals");
    }

    [GeneratedRegex(@"^[\s:.#\-]*(?:no\.?|nr\.?|n[°º]|number)?[\s:.#]*(?<id>[A-Za-z0-9][A-Za-z0-9\-/._#]*(?:\s[A-Za-z0-9][A-Za-z0-9\-/._]*\d[A-Za-z0-9\-/._]*)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private static Candidate? ParseId(Context ctx, string field, string segment, int lineNo)
    {
        var m = IdPattern().Match(segment);
        if (!m.Success) return null;
        var id = m.Groups["id"].Value.TrimEnd('.', '/', '-', '_');
        if (!id.Any(char.IsAsciiDigit) || id.Length is < 2 or > 32) return null;
        if (DateParser.FindAll(id).Any(d => d.Length >= id.Length - 1)) return null;
        var c = new Candidate(field, id, null, null, id.Any(char.IsAsciiLetter) ? 0.05 : 0.0, lineNo);
        return id.Any(char.IsAsciiLetter) ? c.Signal("id-has-letters") : c;
    }

    private static Candidate? Labelled(Context ctx, string field, Func<Context, string, string, int, Candidate?> parse) =>
        Best(Rank(ctx, field, FromLabels(ctx, field, parse).ToList()));

    /// <summary>The first of ranked candidates, with whether the others agree with it or name another value.</summary>
    private static Candidate? Best(IReadOnlyList<Candidate> ranked)
    {
        if (ranked.Count == 0) return null;
        var best = ranked[0];
        var others = ranked.Skip(1).ToList();
        if (others.Count == 0) return best.Signal("single-candidate");
        return others.All(o => SameValue(o, best)) ? best.Signal("candidates-agree") : best.Signal("candidates-disagree");
    }

    private static bool SameValue(Candidate a, Candidate b) =>
        a.Number == b.Number && a.Date == b.Date && string.Equals(a.Text, b.Text, StringComparison.OrdinalIgnoreCase);

    private static Candidate? Identifier(Context ctx, string field) => Labelled(ctx, field, ParseId);

    /// <summary>The document's own number, among the labelled candidates (see <see cref="Rank"/>).</summary>
    private static Candidate? DocumentNumber(Context ctx) =>
        Best(Rank(ctx, FieldNames.InvoiceNumber, FromLabels(ctx, FieldNames.InvoiceNumber, ParseId).ToList()));

    private static Candidate? IssueDate(Context ctx, bool receipt)
    {
        var labelled = Labelled(ctx, FieldNames.InvoiceDate, ParseDate);
        if (labelled is not null) return labelled;
        // Unlabelled: the first date that is not a due date. Receipts usually print one date, invoices several.
        var due = FromLabels(ctx, FieldNames.DueDate, ParseDate).Select(c => c.Date).ToHashSet();
        for (var i = 0; i < ctx.Lines.Count; i++)
        {
            var onLine = DateParser.FindAll(ctx.Lines[i].Text, ctx.DateOrder);
            var d = onLine.Where((x, k) => !due.Contains(x.Value) && !IsPeriod(ctx.Lines[i].Text, onLine, k)).FirstOrDefault();
            if (d is not null)
            {
                var c = new Candidate(FieldNames.InvoiceDate, null, null, d.Value, (receipt ? 0.6 : 0.4) + (d.Ambiguous ? -0.1 : 0), i, "first-date");
                var dates = ctx.Lines.SelectMany(l => DateParser.FindAll(l.Text, ctx.DateOrder)).Select(x => x.Value).Distinct().Count();
                c = dates == 1 ? c.Signal("only-date") : c.Signal("several-dates");
                return d.Ambiguous ? c.Signal("ambiguous-date") : c;
            }
        }
        return null;
    }

    [GeneratedRegex(@"^\s*(?:-|–|—|to|till|until|bis|au|al|a|through)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeJoiner();

    [GeneratedRegex(@"\b(?:period|billing\s+period|service\s+period|zeitraum|leistungszeitraum|abrechnungszeitraum|p[ée]riode|periodo|per[íi]odo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodWord();

    /// <summary>Whether date <paramref name="k"/> of <paramref name="dates"/> (found in <paramref name="text"/>) is one end of
    /// a range ("01.03.2026 - 31.03.2026", "from 1 March to 31 March") or sits on a line that names a period.</summary>
    private static bool IsPeriod(string text, IReadOnlyList<DateMatch> dates, int k)
    {
        if (PeriodWord().IsMatch(text)) return true;
        bool Joined(int a, int b) => a >= 0 && b < dates.Count && dates[a].Index + dates[a].Length <= dates[b].Index
            && RangeJoiner().IsMatch(text[(dates[a].Index + dates[a].Length)..dates[b].Index]);
        return Joined(k, k + 1) || Joined(k - 1, k);
    }

    private sealed record AmountFields(Candidate? Subtotal, Candidate? Tax, Candidate? Total, Candidate? AmountDue);

    [GeneratedRegex(@"\b(?:gst|vat|tax|mwst|ust|tva|iva|sst)\s*(?:summ?ary|analysis|breakdown)\b|\b(?:gst|vat|tax)\s+code\b|\bmwst[-\s]?(?:übersicht|aufstellung)\b|\br[ée]capitulatif\s+tva\b|\bresumen\s+(?:de\s+)?iva\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TaxSummaryHeading();

    /// <summary>The lines of a tax summary table: from its heading ("GST SUMMARY", "VAT analysis") to twelve lines on.</summary>
    private static HashSet<int> TaxSummaryLines(Context ctx)
    {
        var lines = new HashSet<int>();
        for (var i = 0; i < ctx.Lines.Count; i++)
            if (TaxSummaryHeading().IsMatch(ctx.Lines[i].Text))
                for (var j = i; j < ctx.Lines.Count && j <= i + 12; j++) lines.Add(j);
        return lines;
    }

    private static AmountFields Amounts(Context ctx)
    {
        // The "Total" row of a tax summary table sums the table's columns (tax base, tax), not what the document is for.
        var summary = TaxSummaryLines(ctx);
        var totals = FromLabels(ctx, FieldNames.Total, ParseAmount).Where(c => c.Number > 0 && !summary.Contains(c.LineNo)).ToList();
        var subtotals = FromLabels(ctx, FieldNames.Subtotal, ParseAmount).ToList();
        var taxes = FromLabels(ctx, FieldNames.Tax, ParseAmount).Where(c => c.Number >= 0).ToList();
        var dues = FromLabels(ctx, FieldNames.AmountDue, ParseAmount).ToList();

        // The grand total is the largest labelled total, usually the last; other "total" lines are partial sums.
        var maxTotal = totals.Count > 0 ? totals.Max(c => c.Number) : null;
        var total = Best(totals
            .Select(c => IsRounded(ctx, c) ? c.Signal("rounded-total") : c)
            .Select(c => c.Number == maxTotal ? c.Signal("largest-labelled-total") : c)
            .OrderByDescending(c => c.Confidence + (c.Number == maxTotal ? 0.15 : 0) + 0.05 * ctx.Lines[c.LineNo].Position + (c.Signals?.Contains("rounded-total") == true ? 0.2 : 0))
            .ToList());
        var subtotal = Best(subtotals.OrderByDescending(c => c.Confidence).ThenByDescending(c => c.LineNo).ToList());
        var tax = Best(taxes.OrderByDescending(c => c.Confidence).ThenByDescending(c => c.LineNo).ToList());
        var due = Best(dues.OrderByDescending(c => c.Confidence).ThenByDescending(c => c.LineNo).ToList());

        if (total is null && due is not null) total = due with { Field = FieldNames.Total, Confidence = due.Confidence - 0.1, Method = "from-amount-due" };
        if (total is null) total = LargestAmount(ctx);
        // Without a labelled total the largest amount is often the cash tendered: tendered − change is what was paid.
        if (total is { Method: "largest-amount" } && PaidFromTender(ctx, total.Number!.Value) is { } paid)
            total = total with { Number = paid, Method = "tender-minus-change" };

        // What was tendered minus the change given back is what was paid: "CASH 50.00  CHANGE 41.00" confirms 9.00.
        if (total is not null && TenderedMinusChange(ctx, total.Number!.Value)) total = total.Signal("tender-minus-change");

        // Agreement between fields is the strongest evidence a local extractor has.
        if (subtotal is not null && total is not null)
        {
            var pair = subtotals.Concat([subtotal]).SelectMany(s => taxes.Select(t => (s, t)))
                .FirstOrDefault(p => p.s.Number + p.t.Number == total.Number);
            // Several tax lines (one per rate) add up: "VAT 7% 19.25", "VAT 19% 37.62".
            var perLine = taxes.GroupBy(t => t.LineNo).Select(g => g.First()).ToList();
            if (pair == default && perLine.Count >= 2 && perLine.Count <= 4)
            {
                var sum = perLine.Sum(t => t.Number);
                var s = subtotals.Concat([subtotal]).FirstOrDefault(x => x.Number + sum == total.Number);
                if (s is not null) pair = (s, perLine[^1] with { Number = sum, Confidence = perLine.Min(t => t.Confidence) - 0.05 });
            }
            if (pair != default)
            {
                subtotal = (pair.s with { Confidence = pair.s.Confidence + 0.1 }).Signal("totals-add-up");
                tax = (pair.t with { Confidence = pair.t.Confidence + 0.1 }).Signal("totals-add-up");
                total = (total with { Confidence = total.Confidence + 0.1 }).Signal("totals-add-up");
            }
            else if (tax is null && subtotal.Number <= total.Number)
            {
                tax = subtotal with { Field = FieldNames.Tax, Number = total.Number - subtotal.Number, Confidence = 0.4, LineNo = total.LineNo,
                    Method = "total-minus-subtotal", Signals = [] };
                if (tax.Number == 0) tax = null;
            }
            else if (subtotal.Number > total.Number)
            {
                subtotal = (subtotal with { Confidence = subtotal.Confidence - 0.3 }).Signal("subtotal-exceeds-total");
                total = total.Signal("subtotal-exceeds-total");
            }
            else total = total.Signal("totals-do-not-add-up");
        }
        if (due is not null && total is not null && due.Number == total.Number)
        {
            due = (due with { Confidence = due.Confidence + 0.05 }).Signal("due-equals-total");
            total = total.Signal("due-equals-total");
        }
        return new AmountFields(subtotal, tax, total, due);
    }

    // "Total rounded" / "Rounded total" is what was paid on a receipt that rounds to 5 cents.
    private static bool IsRounded(Context ctx, Candidate c) =>
        Enumerable.Range(Math.Max(0, c.LineNo - 3), Math.Min(4, c.LineNo + 1))
            .Any(i => ctx.Labels[i].Any(l => l.Field == FieldNames.Total && ctx.Lines[i].Text[l.Start..l.End].Contains("round", StringComparison.OrdinalIgnoreCase)));

    [GeneratedRegex(@"\b(?:change|kembali|baki|rückgeld|wechselgeld|rendu|monnaie|cambio|vuelto)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeLabel();

    /// <summary>
    /// On a receipt that prints the change given back: each amount followed within two amounts by another (the change),
    /// with their difference when that difference is printed before them — what was tendered and what was paid, in
    /// reading order. Nothing without a change label.
    /// </summary>
    private static IEnumerable<(int Index, decimal Tendered, decimal Paid)> TenderedAndPaid(Context ctx)
    {
        if (!ctx.Lines.Any(l => ChangeLabel().IsMatch(l.Text))) yield break;
        var amounts = ctx.Lines.SelectMany(l => AmountParser.FindAll(l.Text, ctx.DecimalSeparator))
            .Where(a => a.HasDecimals && !a.IsPercent && a.Value > 0).Select(a => a.Value).ToList();
        for (var i = 0; i < amounts.Count; i++)
            for (var j = i + 1; j < amounts.Count && j <= i + 2; j++)
            {
                var paid = amounts[i] - amounts[j];
                if (paid > 0 && amounts.Take(i).Contains(paid)) yield return (i, amounts[i], paid);
            }
    }

    /// <summary>Whether what was tendered minus the change is <paramref name="paid"/>.</summary>
    private static bool TenderedMinusChange(Context ctx, decimal paid) => paid > 0 && TenderedAndPaid(ctx).Any(t => t.Paid == paid);

    /// <summary>What was paid when <paramref name="tendered"/> (its last printing) is followed by the change; null otherwise.</summary>
    private static decimal? PaidFromTender(Context ctx, decimal tendered) =>
        TenderedAndPaid(ctx).Where(t => t.Tendered == tendered).OrderByDescending(t => t.Index).Select(t => (decimal?)t.Paid).FirstOrDefault();

    private static Candidate? LargestAmount(Context ctx)
    {
        Candidate? best = null;
        for (var i = 0; i < ctx.Lines.Count; i++)
        {
            if (ctx.Lines[i].Position < 0.3) continue;
            foreach (var a in AmountParser.FindAll(ctx.Lines[i].Text, ctx.DecimalSeparator))
                if (a.HasDecimals && !a.IsPercent && a.Value > 0 && (best is null || a.Value >= best.Number))
                    best = new Candidate(FieldNames.Total, null, a.Value, null, 0.3, i, "largest-amount");
        }
        return best;
    }

    private static Candidate? Currency(Context ctx)
    {
        var iso = CurrencyDetector.Detect(ctx.FullText);
        if (iso is null) return null;
        var asCode = ctx.FullText.Contains(iso, StringComparison.Ordinal);
        var line = ctx.Lines.FindIndex(l => l.Text.Contains(iso, StringComparison.Ordinal));
        return new Candidate(FieldNames.Currency, iso, null, null, asCode ? 0.85 : 0.65, Math.Max(line, 0), asCode ? "iso-code" : "symbol");
    }

    private sealed record VendorFields(Candidate? Name, Candidate? Address, Candidate? TaxId);

    private static VendorFields Vendor(Context ctx)
    {
        var customerLines = CustomerBlockLines(ctx);
        Candidate? name = null;
        var nameLine = -1;

        var labelled = BlockName(ctx, LocalLabels.VendorBlock);
        if (labelled is not null) { name = labelled with { Field = FieldNames.VendorName, Method = "vendor-" + labelled.Method }; nameLine = labelled.LineNo; }

        if (name is null)
        {
            // Letterhead: the first lines of page one. A company suffix is strong evidence; else the first plausible line.
            var top = ctx.Lines.Select((l, i) => (l, i)).Where(x => x.l.Page == ctx.Lines[0].Page && x.l.Index < 10 && !customerLines.Contains(x.i)).ToList();
            var plausible = top.Where(x => PlausibleName(ctx, x.i)).ToList();
            var suffixed = plausible.FirstOrDefault(x => x.l.Index < 6 && LocalLabels.CompanySuffix.IsMatch(x.l.Text));
            if (suffixed.l is not null)
            {
                name = new Candidate(FieldNames.VendorName, CleanName(FirstColumn(suffixed.l.Text)), null, null, 0.75, suffixed.i, "letterhead-company-suffix");
                nameLine = suffixed.i;
                name = WrappedName(ctx, name, plausible.Select(x => x.i).ToHashSet());
                // A name run on to the next line ends there: the address starts after it.
                if (name.Signals?.Contains("wrapped-name") == true && name.LineNo == suffixed.i) nameLine = suffixed.i + 1;
            }
            else if (FirstAddressLine(ctx, top.Select(x => x.i).ToList()) is int addressLine
                     && plausible.LastOrDefault(x => x.i < AddressBlockStart(ctx, addressLine)) is { l: not null } above)
            {
                name = new Candidate(FieldNames.VendorName, CleanName(FirstColumn(above.l.Text)), null, null, 0.6, above.i, "letterhead-above-address");
                nameLine = above.i;
            }
            else if (plausible.Count > 0)
            {
                var first = plausible[0];
                name = new Candidate(FieldNames.VendorName, CleanName(FirstColumn(first.l.Text)), null, null, first.l.Index < 3 ? 0.5 : 0.35, first.i, "letterhead-first-line");
                nameLine = first.i;
            }
        }

        Candidate? address = null;
        if (nameLine >= 0)
        {
            var parts = new List<string>();
            var firstAddressLine = nameLine + 1;
            double? addressX = null;
            for (var i = nameLine + 1; i < ctx.Lines.Count && i <= nameLine + 7; i++)
            {
                var text = FirstColumn(ctx.Lines[i].Text).Trim();
                // On a page in columns, a line with nothing in the address's column (a label of the right-hand column
                // between the street and the town) is passed over, not taken for the end of the address.
                var x = ctx.Lines[i].Words.Count > 0 ? ctx.Lines[i].Words.Min(w => w.X0) : (double?)null;
                if (parts.Count > 0 && addressX is { } ax && x is { } lx && lx > ax + 72) continue;
                var registration = ctx.Labels[i].Count > 0 && ctx.Labels[i].All(l => l.Field is FieldNames.VendorTaxId or LocalLabels.CustomerNumber);
                if (parts.Count == 0)
                {
                    // Before the address: the lines a letterhead prints between the name and the street (a registration or tax
                    // number, "formerly known as …", a branch or brand name, a contact line) are passed over; a title, a label,
                    // a date or the customer's block means the letterhead printed no address.
                    if (LocalLabels.TitleWords.IsMatch(text) || ctx.Labels[i].Count > 0 && !registration || customerLines.Contains(i)
                        || DateParser.FindAll(text).Count > 0 && !PrintedAt(text) && !LocalLabels.RegistrationNumber.IsMatch(text)) break;
                    // A print time stamped under the name ("05 MAR 2018 18:24") is passed over too.
                    if (PrintedAt(text) || registration || LocalLabels.RegistrationNumber.IsMatch(text) || LocalLabels.ContactLine.IsMatch(text)
                        || LocalLabels.CompanySuffix.IsMatch(text) && !text.Any(char.IsAsciiDigit) || !LocalLabels.AddressHint.IsMatch(text)
                        || !text.Any(char.IsLetter)) continue;
                    parts.Add(text);
                    firstAddressLine = i;
                    addressX = x;
                    continue;
                }
                if (text.Length == 0 || LocalLabels.ContactLine.IsMatch(text) || LocalLabels.TitleWords.IsMatch(text) || ctx.Labels[i].Count > 0
                    || customerLines.Contains(i) || DateParser.FindAll(text).Count > 0)
                    break;
                if (!text.Any(char.IsLetter)) break;
                parts.Add(text);
            }
            if (parts.Count > 0)
            {
                var joined = parts[0];
                // Lines joined by a space, as printed: the punctuation the document used is kept as it was.
                foreach (var p in parts.Skip(1)) joined += " " + p;
                // A registration number printed before the street and a phone number after the town are not the address.
                var trimmed = AddressTrailingContact().Replace(AddressLeadingRegistration().Replace(joined, ""), "").Trim();
                if (trimmed.Length >= 5 && trimmed.Length < joined.Length) joined = trimmed;
                var hasDigits = joined.Any(char.IsAsciiDigit);
                address = new Candidate(FieldNames.VendorAddress, joined, null, null, (hasDigits ? 0.6 : 0.35) + (parts.Count >= 2 ? 0.1 : 0), firstAddressLine, "under-vendor-name");
                if (firstAddressLine > nameLine + 1) address = address.Signal("lines-passed-over");
                if (hasDigits) address = address.Signal("has-digits");
                if (parts.Count >= 2) address = address.Signal("multi-line");
                if (PostCode().IsMatch(joined)) address = address.Signal("has-postcode");
            }
        }

        if (name is not null) name = NameEvidence(ctx, name);
        return new VendorFields(name, address, VendorTaxId(ctx, customerLines));
    }

    /// <summary>
    /// Evidence for a vendor name besides where it sits: it is printed again elsewhere (a footer, "thank you for shopping
    /// at …") or its distinctive word is in the document's web or e-mail domain; it carries a legal form; it opens the page.
    /// </summary>
    private static Candidate NameEvidence(Context ctx, Candidate name)
    {
        var text = name.Text!;
        var core = LocalLabels.CompanySuffix.Replace(text, " ");
        var words = Regex.Split(core.ToLowerInvariant(), @"[^\p{L}\p{N}]+").Where(w => w.Length >= 4).ToList();
        var elsewhere = ctx.Lines.Where((l, i) => i != name.LineNo && Math.Abs(i - name.LineNo) > 1).Select(l => l.Text.ToLowerInvariant()).ToList();
        if (words.Count > 0 && elsewhere.Any(l => words.All(w => l.Contains(w, StringComparison.Ordinal)))) name = name.Signal("name-recurs");
        var domains = Regex.Matches(ctx.FullText.ToLowerInvariant(), @"(?:www\.|@|https?://)([a-z0-9-]+)").Select(m => m.Groups[1].Value).ToList();
        if (words.Any(w => domains.Any(d => d.Contains(w, StringComparison.Ordinal)))) name = name.Signal("name-in-domain");
        if (LocalLabels.CompanySuffix.IsMatch(text)) name = name.Signal("legal-form");
        if (name.LineNo >= 0 && name.LineNo < ctx.Lines.Count && ctx.Lines[name.LineNo].Index == 0) name = name.Signal("first-line");
        return name;
    }

    /// <summary>
    /// A letterhead name printed over two lines: a line that is only a legal form ("SDN BHD", "CO. (M) SDN BHD") belongs
    /// to the line above; a line ending in "&amp;" or followed by a bare legal form goes on.
    /// </summary>
    private static Candidate WrappedName(Context ctx, Candidate name, HashSet<int> plausible)
    {
        static bool OnlyLegalForm(string text) =>
            !Regex.Replace(LocalLabels.CompanySuffix.Replace(text, " "), @"\([^)]*\)|\b\w\b|[^\p{L}\s]", " ", RegexOptions.None, TimeSpan.FromSeconds(1))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.Length >= 2);
        var text = name.Text!;
        var line = name.LineNo;
        if (OnlyLegalForm(text) && plausible.Contains(line - 1) && ctx.Lines[line - 1].Page == ctx.Lines[line].Page)
            return (name with { Text = CleanName(FirstColumn(ctx.Lines[line - 1].Text)) + " " + text, LineNo = line - 1 }).Signal("wrapped-name");
        if (line + 1 < ctx.Lines.Count && (text.EndsWith('&') || OnlyLegalForm(FirstColumn(ctx.Lines[line + 1].Text)) && LocalLabels.CompanySuffix.IsMatch(ctx.Lines[line + 1].Text)))
            return (name with { Text = text + " " + CleanName(FirstColumn(ctx.Lines[line + 1].Text)) }).Signal("wrapped-name");
        return name;
    }

    /// <summary>The first line of the address block that ends at <paramref name="line"/>: lines above that look like an
    /// address (a number or a street word), allowing one line without either between two that do.</summary>
    private static int AddressBlockStart(Context ctx, int line)
    {
        bool Looks(int i) => i >= 0 && ctx.Lines[i].Page == ctx.Lines[line].Page && LocalLabels.AddressHint.IsMatch(ctx.Lines[i].Text)
                             && !LocalLabels.RegistrationNumber.IsMatch(ctx.Lines[i].Text) && !LocalLabels.CompanySuffix.IsMatch(ctx.Lines[i].Text)
                             && !LocalLabels.ContactLine.IsMatch(ctx.Lines[i].Text) && ctx.Labels[i].Count == 0;
        var start = line;
        while (true)
        {
            if (Looks(start - 1)) start--;
            else if (Looks(start - 2) && !LocalLabels.CompanySuffix.IsMatch(ctx.Lines[start - 1].Text) && !LocalLabels.RegistrationNumber.IsMatch(ctx.Lines[start - 1].Text)) start -= 2;
            else return start;
        }
    }

    private static Candidate? ParseName(Context ctx, string field, string segment, int lineNo)
    {
        var text = CleanName(FirstColumn(segment.TrimStart(':', ' ', '\t')));
        return text.Count(char.IsLetter) >= 2 ? new Candidate(field, text, null, null, 0, lineNo) : null;
    }

    private static bool PlausibleName(Context ctx, int i)
    {
        var text = FirstColumn(ctx.Lines[i].Text).Trim();
        if (text.Count(char.IsLetter) < 3 || LocalLabels.TitleWords.IsMatch(text) || LocalLabels.ContactLine.IsMatch(text)) return false;
        if (ctx.Labels[i].Any(l => l.Field != LocalLabels.VendorBlock && l.Start < ctx.Lines[i].Text.IndexOf(text, StringComparison.Ordinal) + text.Length)) return false;
        if (DateParser.FindAll(text).Count > 0 || LocalLabels.RegistrationNumber.IsMatch(text)) return false;
        return text.Count(char.IsAsciiDigit) * 2 < text.Length;
    }

    private static string FirstColumn(string line)
    {
        var gap = line.Trim().IndexOf("   ", StringComparison.Ordinal);
        return (gap > 0 ? line.Trim()[..gap] : line).Trim();
    }

    /// <summary>
    /// A name as printed without what the letterhead prints beside it: a registration number in brackets or after the
    /// name ("(CO. REG : 860671-D)", "273500-U"), the document's title ("Amazon Web Services Invoice"), or the address
    /// run on after the legal form ("QualityHosting AG - Uferweg 40-42 - …").
    /// </summary>
    private static string CleanName(string s)
    {
        var name = LocalLabels.TrailingRegistration.Replace(s, "");
        name = TrailingBracketedNumber().Replace(name, "");
        name = TrailingRegistrationNumber().Replace(name, "");
        name = TrailingTitle().Replace(name, "");
        var suffix = LocalLabels.CompanySuffix.Matches(name).LastOrDefault();
        if (suffix is not null && RunOnAddress().Match(name, suffix.Index + suffix.Length) is { Success: true } runOn)
            name = name[..runOn.Index];
        return name.Trim().Trim(':', '-', ',', ' ');
    }

    [GeneratedRegex(@"\s*\([^()]*\d{4,}[^()]*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingBracketedNumber();

    [GeneratedRegex(@"\s+\d{5,8}\s?-\s?[A-Z]\b.*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingRegistrationNumber();

    [GeneratedRegex(@"\s+(?:tax\s+)?(?:invoice|receipt|rechnung|facture|factura|quittung)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingTitle();

    [GeneratedRegex(@"\G\s*[-–|,]\s+.*\d", RegexOptions.CultureInvariant)]
    private static partial Regex RunOnAddress();

    [GeneratedRegex(@"\b\d{4,6}\b")]
    private static partial Regex PostCode();

    /// <summary>A line that is only a date and a time of day: when the document was printed.</summary>
    private static bool PrintedAt(string text) => DateParser.FindAll(text) is { Count: 1 } dates
        && TimeOfDay().Replace(text.Remove(dates[0].Index, dates[0].Length), "").Trim(' ', ',', '-', '|').Length == 0;

    [GeneratedRegex(@"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s*(?:[AP]M)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"^\s*(?:(?:co[-\s.]*reg|br\s*no|reg(?:istration)?\s*no|roc|company\s*no|site)\.?\s*[:.]?\s*\(?\s*\d{3,8}(?:\s*-\s*[A-Z])?\s*\)?|[(<]\s*(?:no\.?\s*)?\d{3,8}\s*-\s*[A-Z]\s*[)>])\s*(?=\S)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressLeadingRegistration();

    [GeneratedRegex(@"\s+(?:T|TEL|TEI|PHONE|FAX|H/P|HP)\b\s*(?:&\s*FAX\s*)?(?:NO\.?)?\s*[:.]\s*[+(]?\d[\d\s()/+-]{5,}.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressTrailingContact();

    private static int? FirstAddressLine(Context ctx, List<int> candidates)
    {
        foreach (var i in candidates)
        {
            var text = ctx.Lines[i].Text;
            if (LocalLabels.ContactLine.IsMatch(text) || LocalLabels.RegistrationNumber.IsMatch(text) || DateParser.FindAll(text).Count > 0) continue;
            if (text.Any(char.IsAsciiDigit) && LocalLabels.AddressHint.IsMatch(text) && (PostCode().IsMatch(text) || text.Contains(',', StringComparison.Ordinal)))
                return i;
        }
        return null;
    }

    private static HashSet<int> CustomerBlockLines(Context ctx)
    {
        var set = new HashSet<int>();
        for (var i = 0; i < ctx.Lines.Count; i++)
            if (ctx.Labels[i].Any(l => l.Field == LocalLabels.CustomerBlock))
                for (var j = i; j < Math.Min(ctx.Lines.Count, i + 5); j++) set.Add(j);
        return set;
    }

    private static Candidate? Customer(Context ctx) =>
        BlockName(ctx, LocalLabels.CustomerBlock) is { } c ? c with { Field = FieldNames.CustomerName, Method = "customer-" + c.Method } : null;

    /// <summary>
    /// The party a block label introduces ("Bill to", "Rechnungsempfänger", "Seller"): the rest of the label's column,
    /// else the first plausible name under the label in the next lines of the same column (a customer number or a
    /// caption printed to its right belongs to another column).
    /// </summary>
    private static Candidate? BlockName(Context ctx, string block)
    {
        for (var i = 0; i < ctx.Lines.Count; i++)
        {
            foreach (var label in ctx.Labels[i].Where(l => l.Field == block))
            {
                // A party label opens its line or its column ("Bill to:", "   Seller"), not a sentence ("… from us").
                var before = ctx.Lines[i].Text[..label.Start];
                if (before.Trim().Length > 0 && !before.EndsWith("   ", StringComparison.Ordinal)) continue;
                var rest = Segment(ctx, label);
                // "From" names the sender only as a label ("From: ACME Ltd", "From" over the name), not in a sentence
                // ("FROM THE DATE OF PURCHASE, …").
                if (ctx.Lines[i].Text[label.Start..label.End].Equals("from", StringComparison.OrdinalIgnoreCase)
                    && rest.Any(char.IsLetterOrDigit) && !rest.TrimStart().StartsWith(':')) continue;
                // Without a colon, a wide gap right after the label starts another column ("Buyer   INVOICE").
                if (rest.StartsWith("   ", StringComparison.Ordinal)) rest = "";
                var gap = rest.TrimStart(' ', ':', '\t').Length > 0 ? rest.IndexOf("   ", rest.Length - rest.TrimStart(' ', ':', '\t').Length, StringComparison.Ordinal) : -1;
                var same = gap > 0 ? rest[..gap] : rest;
                if (same.Any(char.IsLetterOrDigit))
                {
                    var c = ParseName(ctx, block, same, i);
                    // A label followed by a bare company suffix is itself part of the name ("Lieferant GmbH").
                    if (c is not null && LocalLabels.CompanySuffix.Replace(c.Text!, "").Count(char.IsLetter) >= 2)
                        return c with { Confidence = 0.75, Method = "block-label-right" };
                    continue;
                }
                for (var j = i + 1; j < ctx.Lines.Count && j <= i + 4; j++)
                {
                    var col = AlignedColumn(ctx, label, j);
                    if (col is not var (cs, ce) || ce <= cs) continue;
                    if (ctx.Labels[j].Any(l => l.Start >= cs && l.Start < ce && l.Field != block)) break;
                    var text = CleanName(ctx.Lines[j].Text[cs..ce]);
                    if (text.Count(char.IsLetter) < 2 || text.Count(char.IsAsciiDigit) * 2 >= text.Length || LocalLabels.ContactLine.IsMatch(text)
                        || LocalLabels.TitleWords.IsMatch(text) || DateParser.FindAll(text).Count > 0) continue;
                    return new Candidate(block, text, null, null, j == i + 1 ? 0.65 : 0.55, j, "block-label-below");
                }
            }
        }
        return null;
    }

    private static Candidate? VendorTaxId(Context ctx, HashSet<int> customerLines)
    {
        var labelled = FromLabels(ctx, FieldNames.VendorTaxId, (_, f, seg, line) =>
        {
            var id = TaxIdParser.FindAll(seg).FirstOrDefault();
            if (id is not null) return new Candidate(f, id.Value, null, null, 0.1, line).Signal("tax-id-format");
            var m = Regex.Match(seg, @"^[\s:.#]*(?<id>[A-Z]{0,3}[\s-]?\d[\d\s./-]{5,18}\d[A-Z]?)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return m.Success ? new Candidate(f, m.Groups["id"].Value.Trim(), null, null, -0.15, line) : null;
        }).ToList();
        var vendorSide = labelled.Where(c => !customerLines.Contains(c.LineNo)).ToList();
        // A VAT number (country prefix, checkable format) before a national tax number ("Steuernr. 201/113/40209").
        var best = (vendorSide.Count > 0 ? vendorSide : labelled).OrderByDescending(c => c.Signals?.Contains("tax-id-format") == true)
            .ThenByDescending(c => c.Confidence).ThenBy(c => c.LineNo).FirstOrDefault();
        if (best is not null) return vendorSide.Count > 0 ? best : (best with { Confidence = best.Confidence - 0.3 }).Signal("customer-side");
        for (var i = 0; i < ctx.Lines.Count; i++)
        {
            if (customerLines.Contains(i)) continue;
            var id = TaxIdParser.FindAll(ctx.Lines[i].Text).FirstOrDefault(t => t.Kind == "VAT");
            if (id is not null) return new Candidate(FieldNames.VendorTaxId, id.Value, null, null, 0.5, i, "unlabelled-vat-pattern");
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:amount|betrag|gesamt(?:preis|betrag)?|total|line\s+total|montant|importe|summe|net(?:to)?|prix\s+total|valor)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountColumnWord();

    /// <summary>The table's header: a line with three or more column captions, or two consecutive lines that have them together.</summary>
    private static (int First, int Last) TableHeader(Context ctx)
    {
        for (var i = 0; i < ctx.Lines.Count; i++)
        {
            if (IsTableHeader(ctx.Lines[i].Text)) return (i, i);
            if (!LocalLabels.TableHeaderWord.IsMatch(ctx.Lines[i].Text)) continue;
            // A caption over two lines ("Unit / price"); stray characters between them (a rotated margin note) are skipped.
            for (var j = i + 1; j < ctx.Lines.Count && j <= i + 4 && ctx.Lines[j].Page == ctx.Lines[i].Page; j++)
            {
                if (ctx.Lines[j].Text.Trim().Length < 4) continue;
                var both = ctx.Lines[i].Text + "   " + ctx.Lines[j].Text;
                if (LocalLabels.TableHeaderWord.IsMatch(ctx.Lines[j].Text) && IsTableHeader(both)
                    && !AmountParser.FindAll(both, ctx.DecimalSeparator).Any(a => a.HasDecimals)) return (i, j);
                break;
            }
        }
        return (-1, -1);
    }

    /// <summary>The horizontal extent of the amount column's caption ("Amount", "Betrag", "Total"), when the text has positions.</summary>
    private static (double X0, double X1)? AmountColumn(Context ctx, int header)
    {
        for (var h = header; h >= Math.Max(0, Math.Min(ctx.Header.First, header - 1)); h--)
        {
            var line = ctx.Lines[h];
            var captions = AmountColumnWord().Matches(line.Text).Select(m => Extent(line, m.Index, m.Index + m.Length)).OfType<(double, double)>().ToList();
            // The rightmost caption is the line's amount; "Net" or "Total" further left are other columns.
            if (captions.Count > 0) return captions.MaxBy(c => c.Item2);
        }
        return null;
    }

    /// <summary>
    /// Rows of the line-item table under its header, until a total: a description, then numbers. A rate column printed
    /// after the amount ("… 198,00   19") is not the amount; where the text has positions, the amount is the number
    /// under the amount column's caption.
    /// </summary>
    private static List<LineItem> LineItems(Context ctx)
    {
        var items = new List<LineItem>();
        var header = ctx.Header.Last;
        if (header < 0) return items;
        // Caption positions only mean something on a laid-out page; plain text has no reliable columns.
        var amountColumn = ctx.HasLayout ? AmountColumn(ctx, header) : null;
        for (var i = header + 1; i < ctx.Lines.Count; i++)
        {
            if (ctx.Labels[i].Any(l => l.Field is FieldNames.Total or FieldNames.Subtotal or FieldNames.AmountDue)) break;
            var line = ctx.Lines[i];
            var text = line.Text;
            // Numbers inside a code ("1TB100A4") are not quantities or prices.
            var amounts = AmountParser.FindAll(text, ctx.DecimalSeparator)
                .Where(a => !a.IsPercent && (a.Index == 0 || !char.IsLetter(text[a.Index - 1])) && (a.Index + a.Length >= text.Length || !char.IsLetter(text[a.Index + a.Length])))
                .ToList();
            while (amounts.Count > 1 && !amounts[^1].HasDecimals && amounts[^1].Value <= 100 && amounts.Take(amounts.Count - 1).Any(a => a.HasDecimals))
                amounts.RemoveAt(amounts.Count - 1);
            if (amounts.Count == 0 || !amounts[^1].HasDecimals) continue;
            if (amountColumn is var (cx0, cx1) && line.Words.Count > 0)
            {
                // Under the caption: the number whose extent overlaps the amount column, or ends nearest its right edge.
                var placed = amounts.Select(a => (a, x: Extent(line, a.Index, a.Index + a.Length))).Where(t => t.x is not null && t.a.HasDecimals).ToList();
                var under = placed.Where(t => t.x!.Value.X0 <= cx1 + 2 && t.x.Value.X1 >= cx0 - 2).Select(t => t.a).LastOrDefault();
                if (under is not null) amounts = amounts.TakeWhile(a => a != under).Append(under).ToList();
            }
            var tail = amounts.TakeLast(3).Select(a => a.Value).ToList();
            // The description is the wordiest column before the numbers of the row (a position number or an article
            // code printed before it is not part of it).
            var firstNumber = amounts[Math.Max(0, amounts.Count - 3)].Index;
            var before = Columns(text).Where(c => c.End <= firstNumber).Select(c => text[c.Start..c.End].Trim()).ToList();
            if (before.Count == 0) before = [text[..amounts[0].Index].Trim()];
            var description = Regex.Replace(before.MaxBy(c => c.Count(char.IsLetter))!, @"^\d{1,3}[.)]?\s+", "", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim();
            // "Note: …", "Serial no: …" and a row that starts with a number are details printed under an item, not items.
            if (description.Count(char.IsLetter) < 2 || DetailCaption().IsMatch(description) || char.IsDigit(description[0])) continue;
            decimal? qty = null, unit = null, amount = tail[^1];
            var confidence = 0.5;
            if (tail.Count == 3 && tail[0] * tail[1] == tail[2]) { qty = tail[0]; unit = tail[1]; confidence = 0.85; }
            else if (tail.Count >= 2 && tail[^2] * tail[^1] != 0 && amounts[^2].HasDecimals) { unit = tail[^2]; qty = unit == amount ? 1 : null; confidence = 0.6; }
            else if (tail.Count >= 2 && !amounts[^2].HasDecimals && tail[^2] < 1000) { qty = tail[^2]; confidence = 0.55; }
            items.Add(new LineItem(description, qty, unit, amount, confidence));
        }
        // Where rows show quantity × price = amount, a row with a lone number is a detail (a fee, a discount line).
        return items.Any(i => i.Confidence >= 0.85) ? items.Where(i => i.Quantity is not null || i.UnitPrice is not null).ToList() : items;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}_ .,()/&-]{1,40}:(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DetailCaption();

    /// <summary>OCR confidences below this mark a value as doubtful (<c>ocr&lt;0.95</c>), below the second as poor (<c>ocr&lt;0.8</c>).</summary>
    internal static readonly double[] OcrConfidenceMarks = [0.95, 0.8];

    /// <summary>
    /// On an OCR page, how sure the engine was of the words that hold the value becomes evidence: <c>ocr</c> (the value was
    /// read from pixels) and a mark for each confidence threshold its least certain word falls below. The calibration
    /// learns what they are worth; a text layer adds nothing.
    /// </summary>
    private static Candidate OcrSignals(Context ctx, Candidate c)
    {
        if (c.LineNo < 0 || c.LineNo >= ctx.Lines.Count) return c;
        var line = ctx.Lines[c.LineNo];
        var scored = line.Words.Where(w => w.Confidence is not null).ToList();
        if (scored.Count == 0) return c;
        var value = FieldValues.Compact(c.Text ?? c.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? c.Date?.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        var numeric = c.Text is null;
        var holding = scored.Where(w =>
        {
            var word = FieldValues.Compact(line.Text[w.Start..w.End]);
            return word.Length > 0 && (numeric ? word.Any(char.IsDigit) : value.Contains(word, StringComparison.Ordinal));
        }).ToList();
        var least = (holding.Count > 0 ? holding : scored).Min(w => w.Confidence!.Value);
        var marked = c.Signal("ocr");
        foreach (var mark in OcrConfidenceMarks)
            if (least < mark) marked = marked.Signal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ocr<{mark}"));
        return marked;
    }
}
