namespace Monolith.Documents.Extraction.Local;

/// <summary>Reading-order lines from positioned words: words on one baseline form a line; wide gaps become three spaces.</summary>
public static class LayoutText
{
    public static IReadOnlyList<string> Lines(TextPage page) =>
        page.Words.Count > 0 ? FromWords(page.Words) : page.Text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    public static string Text(IReadOnlyList<TextWord> words) => string.Join('\n', FromWords(words));

    public static IReadOnlyList<string> FromWords(IReadOnlyList<TextWord> words)
    {
        var sorted = words.Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderByDescending(w => w.Y).ThenBy(w => w.X).ToList();
        var rows = new List<List<TextWord>>();
        foreach (var word in sorted)
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            var tolerance = Math.Max(2.0, 0.5 * Math.Max(word.Height, row?[0].Height ?? 0));
            if (row is not null && Math.Abs(row[0].Y - word.Y) <= tolerance) row.Add(word);
            else rows.Add([word]);
        }
        var lines = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            row.Sort((a, b) => a.X.CompareTo(b.X));
            var sb = new System.Text.StringBuilder();
            TextWord? previous = null;
            foreach (var w in row)
            {
                if (previous is not null)
                {
                    var charWidth = previous.Text.Length > 0 ? previous.Width / previous.Text.Length : 5;
                    var gap = w.X - (previous.X + previous.Width);
                    sb.Append(gap > Math.Max(2.5 * charWidth, 6) ? "   " : " ");
                }
                sb.Append(w.Text);
                previous = w;
            }
            lines.Add(sb.ToString());
        }
        return lines;
    }
}
