using System.Text;

namespace Monolith.Documents.Extraction.Pdf;

/// <summary>
/// Puts words in the order a person reads a business document: lines top to bottom, words left to right.
/// Content-stream order is whatever the producer wrote (often column by column), which breaks "label: value" pairs.
/// </summary>
public static class ReadingOrder
{
    /// <summary>Words whose vertical centres are closer than this share of the smaller word height sit on one line.</summary>
    public const double SameLineTolerance = 0.5;

    /// <summary>A horizontal gap wider than this many average character widths is printed as a column break (two spaces).</summary>
    public const double ColumnGapInChars = 2.5;

    public static IReadOnlyList<IReadOnlyList<TextWord>> Lines(IReadOnlyList<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var lines = new List<List<TextWord>>();
        foreach (var word in words.OrderByDescending(Centre))
        {
            var line = lines.Count == 0 ? null : lines[^1];
            if (line is not null && Math.Abs(Centre(line[0]) - Centre(word)) <= SameLineTolerance * Math.Max(1, Math.Min(line[0].Height, word.Height)))
                line.Add(word);
            else
                lines.Add([word]);
        }
        return lines.Select(l => (IReadOnlyList<TextWord>)l.OrderBy(w => w.X).ToList()).ToList();
    }

    public static string Text(IReadOnlyList<TextWord> words)
    {
        var builder = new StringBuilder();
        foreach (var line in Lines(words))
        {
            if (builder.Length > 0)
                builder.Append('\n');
            TextWord? previous = null;
            foreach (var word in line)
            {
                if (previous is not null)
                {
                    var charWidth = previous.Width / Math.Max(1, previous.Text.Length);
                    var gap = word.X - (previous.X + previous.Width);
                    builder.Append(gap > ColumnGapInChars * charWidth ? "  " : " ");
                }
                builder.Append(word.Text);
                previous = word;
            }
        }
        return builder.ToString();
    }

    private static double Centre(TextWord word) => word.Y + (word.Height / 2);
}
