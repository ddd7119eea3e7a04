using System.Text;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Extraction.Pdf;

namespace Monolith.Documents.Features.GetDocumentLayout;

/// <summary>Where a field's value is printed: its page and the words that spell it, one run of words per line.</summary>
public sealed record FieldLocation(int Page, IReadOnlyList<IReadOnlyList<TextWord>> Lines);

/// <summary>
/// Finds the printed words behind an extracted value, so a reviewer sees where it came from. Extraction keeps values,
/// not positions (and remote providers never give ours), so the value is searched for again: text as a run of whole
/// words compared without case or punctuation (continuing on the next lines, for addresses), amounts by value in any
/// printed spelling, dates by the day they name. The field's own page is searched first; of several places, the one
/// nearest a label of the field wins, else the first in reading order.
/// </summary>
public static class FieldLocator
{
    /// <summary>How many lines further a multi-line value may continue (a blank or interleaved line in between).</summary>
    private const int MaxLineJump = 2;

    /// <summary>Most words an amount (<c>EUR 1 234,50</c>) or a date (<c>12 de marzo de 2024</c>) is printed with.</summary>
    private const int MaxAmountWords = 3, MaxDateWords = 5;

    public static FieldLocation? Locate(ExtractedField field, IReadOnlyList<TextPage> pages)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(pages);
        var ordered = pages.Where(p => p.Number == field.Page).Concat(pages.Where(p => p.Number != field.Page))
            .Where(p => p.Words.Count > 0).Select(p => (p.Number, Lines: PageLines(p))).ToList();
        foreach (var looseText in new[] { false, true })
            foreach (var (number, lines) in ordered)
            {
                var found = Candidates(field, lines, looseText);
                if (found.Count > 0)
                    return new FieldLocation(number, Nearest(field.Name, lines, found)
                        .Select(r => (IReadOnlyList<TextWord>)lines[r.Line].Words.Skip(r.First).Take(r.Last - r.First + 1).ToList()).ToList());
            }
        return null;
    }

    /// <summary>A run of words on one line: <c>Lines[Line].Words[First..Last]</c>.</summary>
    private sealed record Run(int Line, int First, int Last);

    private sealed record Line(IReadOnlyList<TextWord> Words, string Text, int[] Starts, string[] Norms);

    private static List<Line> PageLines(TextPage page) => ReadingOrder.Lines(page.Words).Select(words =>
    {
        var text = new StringBuilder();
        var starts = new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0) text.Append(' ');
            starts[i] = text.Length;
            text.Append(words[i].Text);
        }
        return new Line(words, text.ToString(), starts, words.Select(w => Normalise(w.Text)).ToArray());
    }).ToList();

    private static List<List<Run>> Candidates(ExtractedField field, List<Line> lines, bool looseText) => field switch
    {
        { Text: { } text } => looseText ? InsideWords(Normalise(text), lines) : WordRuns(Normalise(text), lines),
        { Number: { } number } when !looseText => Spans(lines, MaxAmountWords, (s, separator) =>
            AmountParser.FindAll(s, separator).Where(m => !m.IsPercent && Math.Abs(m.Value) == Math.Abs(number)).Select(m => (m.Index, m.Length))),
        // Either order: an ambiguous 03/04/2024 is found whichever way the extractor read it.
        { Date: { } date } when !looseText => Spans(lines, MaxDateWords, (s, _) =>
            DateParser.FindAll(s, DateOrder.DayFirst).Concat(DateParser.FindAll(s, DateOrder.MonthFirst))
                .Where(m => m.Value == date).Select(m => (m.Index, m.Length))),
        _ => [],
    };

    /// <summary>Lower-case letters and digits only: <c>INV-2024/07</c> and <c>inv 2024 07</c> are the same value.</summary>
    internal static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>Every place the value is spelled by whole words: along a line, then on one of the next lines.</summary>
    private static List<List<Run>> WordRuns(string target, List<Line> lines)
    {
        var found = new List<List<Run>>();
        if (target.Length == 0) return found;
        for (var l = 0; l < lines.Count; l++)
            for (var w = 0; w < lines[l].Words.Count; w++)
                if (Follow(target, lines, l, w, []) is { } runs) found.Add(runs);
        return found;
    }

    /// <summary>Matches <paramref name="rest"/> from word <paramref name="w"/> of line <paramref name="l"/> on; null when it cannot.</summary>
    private static List<Run>? Follow(string rest, List<Line> lines, int l, int w, List<Run> done)
    {
        var norms = lines[l].Norms;
        if (norms[w].Length == 0 || !rest.StartsWith(norms[w], StringComparison.Ordinal)) return null;
        var last = w;
        rest = rest[norms[w].Length..];
        while (rest.Length > 0 && last + 1 < norms.Length && (norms[last + 1].Length == 0 || rest.StartsWith(norms[last + 1], StringComparison.Ordinal)))
            rest = rest[norms[++last].Length..];
        // Punctuation-only words at the end of the run are not part of the value.
        while (last > w && norms[last].Length == 0) last--;
        List<Run> runs = [.. done, new Run(l, w, last)];
        if (rest.Length == 0) return runs;
        // The value goes on below: the word on a following line that continues it, nearest the run's left edge first.
        var left = lines[l].Words[w].X;
        for (var next = l + 1; next < lines.Count && next <= l + 1 + MaxLineJump; next++)
            foreach (var start in Enumerable.Range(0, lines[next].Words.Count).OrderBy(i => Math.Abs(lines[next].Words[i].X - left)))
                if (Follow(rest, lines, next, start, runs) is { } more) return more;
        return null;
    }

    /// <summary>The fallback for text glued to other text (<c>Nr.12345</c>): a single word that contains the value.</summary>
    private static List<List<Run>> InsideWords(string target, List<Line> lines) => target.Length < 3 ? [] :
        lines.SelectMany((line, l) => line.Norms.Select((n, w) => (n, w)).Where(x => x.n.Contains(target, StringComparison.Ordinal))
            .Select(x => new List<Run> { new(l, x.w, x.w) })).ToList();

    /// <summary>
    /// The shortest runs of up to <paramref name="maxWords"/> words on a line whose text holds a match starting in the
    /// first word and ending in the last (so <c>Total GBP 120.00</c> yields <c>GBP 120.00</c>, not the label).
    /// </summary>
    private static List<List<Run>> Spans(List<Line> lines, int maxWords,
        Func<string, char?, IEnumerable<(int Index, int Length)>> matches)
    {
        var separator = AmountParser.GuessDecimalSeparator(string.Join('\n', lines.Select(l => l.Text)));
        var found = new List<List<Run>>();
        for (var l = 0; l < lines.Count; l++)
        {
            var line = lines[l];
            for (var w = 0; w < line.Words.Count; w++)
                for (var n = 1; n <= maxWords && w + n <= line.Words.Count; n++)
                {
                    var from = line.Starts[w];
                    var to = line.Starts[w + n - 1] + line.Words[w + n - 1].Text.Length;
                    var text = line.Text[from..to];
                    var lastStart = line.Starts[w + n - 1] - from;
                    if (matches(text, separator).Any(m => m.Index < line.Words[w].Text.Length && m.Index + m.Length > lastStart))
                    {
                        found.Add([new Run(l, w, w + n - 1)]);
                        w += n - 1;
                        break;
                    }
                }
        }
        return found;
    }

    /// <summary>The candidate nearest a printed label of the field (right of it or below it); the first when no label is printed.</summary>
    private static List<Run> Nearest(string field, List<Line> lines, List<List<Run>> candidates)
    {
        var labels = new List<Box>();
        for (var l = 0; l < lines.Count; l++)
            foreach (var label in LocalLabels.Find(lines[l].Text).Where(x => x.Field == field))
            {
                var words = Enumerable.Range(0, lines[l].Words.Count)
                    .Where(i => lines[l].Starts[i] < label.End && lines[l].Starts[i] + lines[l].Words[i].Text.Length > label.Start)
                    .Select(i => lines[l].Words[i]).ToList();
                if (words.Count > 0) labels.Add(Box.Around(words));
            }
        if (labels.Count == 0 || candidates.Count == 1) return candidates[0];
        return candidates.MinBy(c =>
        {
            var first = c[0];
            var box = Box.Around(lines[first.Line].Words.Skip(first.First).Take(first.Last - first.First + 1).ToList());
            return labels.Min(label => label.DistanceTo(box));
        })!;
    }

    /// <summary>A box with origin bottom-left, as the words have.</summary>
    private readonly record struct Box(double Left, double Bottom, double Right, double Top)
    {
        public static Box Around(IReadOnlyList<TextWord> words) => new(words.Min(w => w.X), words.Min(w => w.Y),
            words.Max(w => w.X + w.Width), words.Max(w => w.Y + w.Height));

        private double Middle => (Bottom + Top) / 2;

        /// <summary>How far a value is from this label: reading on to the right or down is cheap, going back or up is not.</summary>
        public double DistanceTo(Box value)
        {
            var dx = value.Left >= Right ? value.Left - Right : Math.Max(0, Left - value.Right) * 3;
            var down = Middle - value.Middle;
            var dy = down >= 0 ? down * 2 : -down * 6;
            return Math.Sqrt((dx * dx) + (dy * dy));
        }
    }
}
