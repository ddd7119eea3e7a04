namespace Monolith.Documents.Extraction.Local;

/// <summary>A word of a layout line: its character range in the line's text, its horizontal extent on the page and, for
/// OCR, how sure the engine was of it.</summary>
public sealed record LayoutWord(int Start, int End, double X0, double X1, double? Confidence = null);

/// <summary>A reading-order line with where each of its words sits, so values can be matched to labels by column.</summary>
public sealed record LayoutLine(string Text, IReadOnlyList<LayoutWord> Words);

/// <summary>Reading-order lines from positioned words: words on one baseline form a line; wide gaps become three spaces.</summary>
public static class LayoutText
{
    public static IReadOnlyList<string> Lines(TextPage page) => Layout(page).Select(l => l.Text).ToList();

    /// <summary>
    /// Lines with word positions. A page without positioned words (plain or OCR text) is read as monospaced: a word's
    /// horizontal extent is its character range.
    /// </summary>
    public static IReadOnlyList<LayoutLine> Layout(TextPage page) =>
        page.Words.Count > 0 ? Build(Deskewed(page)) : page.Text.Split('\n').Select(l => Monospaced(l.TrimEnd('\r'))).ToList();

    /// <summary>
    /// The words of a slanted page (a photo, a crooked scan: <see cref="TextPage.Skew"/>) turned about the page centre
    /// so its lines are level again; only for grouping words into lines, the stored boxes stay as read.
    /// </summary>
    internal static IReadOnlyList<TextWord> Deskewed(TextPage page)
    {
        if (page.Skew == 0) return page.Words;
        var radians = -page.Skew * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var (cx, cy) = (page.Width / 2, page.Height / 2);
        return page.Words.Select(w =>
        {
            var (x, y) = (w.X + (w.Width / 2) - cx, w.Y + (w.Height / 2) - cy);
            var (tx, ty) = ((x * cos) - (y * sin) + cx, (x * sin) + (y * cos) + cy);
            return w with { X = tx - (w.Width / 2), Y = ty - (w.Height / 2) };
        }).ToList();
    }

    public static string Text(IReadOnlyList<TextWord> words) => string.Join('\n', FromWords(words));

    public static IReadOnlyList<string> FromWords(IReadOnlyList<TextWord> words) => Build(words).Select(l => l.Text).ToList();

    private static LayoutLine Monospaced(string line)
    {
        var words = new List<LayoutWord>();
        var i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i])) { i++; continue; }
            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            words.Add(new LayoutWord(start, i, start, i));
        }
        return new LayoutLine(line, words);
    }

    private static List<LayoutLine> Build(IReadOnlyList<TextWord> words)
    {
        var sorted = words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderByDescending(w => w.Y).ThenBy(w => w.X).ToList();
        var rows = sorted.Any(w => w.Line is not null) ? RowsOfLines(sorted) : new List<List<TextWord>>();
        if (rows.Count == 0)
        {
            foreach (var word in sorted)
            {
                var row = rows.Count > 0 ? rows[^1] : null;
                var tolerance = Math.Max(2.0, 0.5 * Math.Max(word.Height, row?[0].Height ?? 0));
                if (row is not null && Math.Abs(row[0].Y - word.Y) <= tolerance) row.Add(word);
                else rows.Add([word]);
            }
        }
        var lines = new List<LayoutLine>(rows.Count);
        foreach (var row in rows)
        {
            row.Sort((a, b) => a.X.CompareTo(b.X));
            var sb = new System.Text.StringBuilder();
            var placed = new List<LayoutWord>(row.Count);
            TextWord? previous = null;
            foreach (var w in row)
            {
                if (previous is not null)
                {
                    var charWidth = previous.Text.Length > 0 ? previous.Width / previous.Text.Length : 5;
                    var gap = w.X - (previous.X + previous.Width);
                    sb.Append(gap > Math.Max(2.5 * charWidth, 6) ? "   " : " ");
                }
                placed.Add(new LayoutWord(sb.Length, sb.Length + w.Text.Length, w.X, w.X + w.Width, w.Confidence));
                sb.Append(w.Text);
                previous = w;
            }
            lines.Add(new LayoutLine(sb.ToString(), placed));
        }
        return lines;
    }

    /// <summary>
    /// Rows from OCR lines: the engine already knows which words form a line, so a line is never torn apart or woven
    /// into its neighbour (as words grouped one by one are on a curved or crooked photo); lines whose vertical centres
    /// lie within half the smaller line height share a row ("Total" and its amount far to the right).
    /// </summary>
    private static List<List<TextWord>> RowsOfLines(List<TextWord> words)
    {
        var segments = words.GroupBy(w => w.Line ?? -1)
            .SelectMany(g => g.Key < 0 ? g.Select(w => new List<TextWord> { w }) : [g.ToList()])
            .Select(ws => (Words: ws, Centre: ws.Average(w => w.Y + (w.Height / 2)), Height: ws.Max(w => w.Height)))
            .OrderByDescending(s => s.Centre)
            .ToList();
        var rows = new List<(List<TextWord> Words, double Centre, double Height)>();
        foreach (var segment in segments)
        {
            var row = rows.Count > 0 ? rows[^1] : default;
            if (row.Words is not null && Math.Abs(row.Centre - segment.Centre) <= 0.5 * Math.Min(row.Height, segment.Height))
                row.Words.AddRange(segment.Words);
            else
                rows.Add((new List<TextWord>(segment.Words), segment.Centre, segment.Height));
        }
        return rows.Select(r => r.Words).ToList();
    }
}
