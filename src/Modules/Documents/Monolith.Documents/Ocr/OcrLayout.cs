using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;

namespace Monolith.Documents.Ocr;

/// <summary>A recognised text line as an engine reports it: its corner points (image pixels, origin top-left, clockwise
/// from the top-left corner), its words and whether the engine had to turn the line upside down to read it.</summary>
public sealed record OcrLine(string Text, IReadOnlyList<(double X, double Y)> Corners, IReadOnlyList<OcrWordBox> Words, bool ReadUpsideDown);

/// <summary>A recognised word: its box in image pixels (origin top-left) and the engine's confidence.</summary>
public sealed record OcrWordBox(string Text, double Left, double Top, double Width, double Height, double Confidence);

/// <summary>
/// Pure decisions about what an OCR engine saw on a page: whether the page must be turned and read again, how slanted
/// its lines are, and the page in the layout model (words with boxes, origin bottom-left, and reading-order text).
/// </summary>
public static class OcrLayout
{
    /// <summary>Lines with at least this many characters vote on orientation and skew (short ones have no direction).</summary>
    public const int MinVotingChars = 4;

    /// <summary>Slants smaller than this many degrees are left alone.</summary>
    public const double MinSkewDegrees = 0.5;

    /// <summary>Slants larger than this are not trusted (a photo at 30° is turned, not skewed).</summary>
    public const double MaxSkewDegrees = 20;

    /// <summary>
    /// How far to turn the image clockwise before reading it again: 90 when most long lines stand upright (text runs
    /// vertically), 180 when the engine had to turn most lines upside down, else 0. For 90 the caller also tries 270 and
    /// keeps the reading with fewer lines upside down.
    /// </summary>
    public static int SuggestedTurn(IReadOnlyList<OcrLine> lines)
    {
        var voting = lines.Where(l => l.Text.Count(char.IsLetterOrDigit) >= MinVotingChars).ToList();
        if (voting.Count == 0) return 0;
        var vertical = voting.Count(l => { var (w, h) = Extent(l.Corners); return h > 1.5 * w; });
        if (vertical * 2 > voting.Count) return 90;
        return UpsideDownShare(voting) > 0.5 ? 180 : 0;
    }

    /// <summary>
    /// The median slant of the long lines' top edges in degrees, counter-clockwise positive (text rising to the right),
    /// or 0 when it is negligible or implausible.
    /// </summary>
    public static double Skew(IReadOnlyList<OcrLine> lines)
    {
        var angles = new List<double>();
        foreach (var line in lines)
        {
            if (line.Corners.Count < 2 || line.Text.Count(char.IsLetterOrDigit) < MinVotingChars) continue;
            var (w, h) = Extent(line.Corners);
            if (w < 3 * h) continue;
            var (x0, y0) = line.Corners[0];
            var (x1, y1) = line.Corners[1];
            if (x1 <= x0) continue;
            // Image y grows downwards: a top edge falling to the right is a clockwise slant (negative).
            angles.Add(-Math.Atan2(y1 - y0, x1 - x0) * 180 / Math.PI);
        }
        if (angles.Count == 0) return 0;
        angles.Sort();
        var median = angles[angles.Count / 2];
        return Math.Abs(median) < MinSkewDegrees || Math.Abs(median) > MaxSkewDegrees ? 0 : Math.Round(median, 2);
    }

    /// <summary>Share of the long lines the engine had to turn over to read (0 when there are none).</summary>
    public static double UpsideDownShare(IReadOnlyList<OcrLine> lines)
    {
        var voting = lines.Where(l => l.Text.Count(char.IsLetterOrDigit) >= MinVotingChars).ToList();
        return voting.Count == 0 ? 0 : (double)voting.Count(l => l.ReadUpsideDown) / voting.Count;
    }

    /// <summary>
    /// The page in the layout model: each word's box turned to origin bottom-left and divided by
    /// <paramref name="scale"/> (the factor the image was resized by before reading), so boxes are in the pixels of the
    /// page image as stored (turned by <paramref name="rotation"/>).
    /// </summary>
    public static TextPage ToPage(int number, IReadOnlyList<OcrLine> lines, double width, double height, double scale, int rotation)
    {
        var words = new List<TextWord>();
        for (var n = 0; n < lines.Count; n++)
        {
            foreach (var w in lines[n].Words)
            {
                if (string.IsNullOrWhiteSpace(w.Text)) continue;
                var left = w.Left / scale;
                var top = w.Top / scale;
                var wordWidth = w.Width / scale;
                var wordHeight = w.Height / scale;
                words.Add(new TextWord(w.Text.Trim(), Math.Round(left, 1), Math.Round(height - (top + wordHeight), 1),
                    Math.Round(wordWidth, 1), Math.Round(wordHeight, 1), Math.Round(w.Confidence, 3), n));
            }
        }
        var page = new TextPage(number, "", words, width, height, rotation, Skew(lines));
        return page with { Text = string.Join('\n', LayoutText.Lines(page)) };
    }

    private static (double Width, double Height) Extent(IReadOnlyList<(double X, double Y)> corners)
    {
        if (corners.Count == 0) return (0, 0);
        return (corners.Max(c => c.X) - corners.Min(c => c.X), corners.Max(c => c.Y) - corners.Min(c => c.Y));
    }
}
