using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Ocr;

namespace Monolith.Documents.Tests.Ocr;

/// <summary>The pure decisions about an OCR page: orientation, slant, boxes in the layout model, and lines kept whole.</summary>
public class OcrLayoutTests
{
    private static OcrLine Line(string text, double left, double top, double width, double height, double slantDegrees = 0, bool upsideDown = false)
    {
        var rise = Math.Tan(slantDegrees * Math.PI / 180) * width;
        (double, double)[] corners = [(left, top), (left + width, top - rise), (left + width, top - rise + height), (left, top + height)];
        var words = new List<OcrWordBox>();
        var x = left;
        foreach (var word in text.Split(' '))
        {
            var w = width * word.Length / Math.Max(1, text.Length);
            words.Add(new OcrWordBox(word, x, top, w, height, 0.97));
            x += w + (width / Math.Max(1, text.Length));
        }
        return new OcrLine(text, corners, words, upsideDown);
    }

    [Fact]
    public void an_upright_page_needs_no_turn_a_standing_one_a_quarter_and_an_overturned_one_a_half()
    {
        OcrLine[] upright = [Line("CORNER BAKERY", 10, 10, 300, 30), Line("TOTAL 17.50", 10, 60, 280, 30)];
        Assert.Equal(0, OcrLayout.SuggestedTurn(upright));

        OcrLine[] standing = [Line("CORNER BAKERY", 10, 10, 30, 300), Line("TOTAL 17.50", 60, 10, 30, 280), Line("OK", 100, 10, 30, 30)];
        Assert.Equal(90, OcrLayout.SuggestedTurn(standing));

        OcrLine[] overturned = [Line("CORNER BAKERY", 10, 10, 300, 30, upsideDown: true), Line("TOTAL 17.50", 10, 60, 280, 30, upsideDown: true), Line("THANK YOU", 10, 110, 200, 30)];
        Assert.Equal(180, OcrLayout.SuggestedTurn(overturned));
        Assert.Equal(2.0 / 3, OcrLayout.UpsideDownShare(overturned), 3);

        // Short lines ("1", "RM") have no direction and do not vote.
        Assert.Equal(0, OcrLayout.SuggestedTurn([Line("RM", 10, 10, 20, 40), Line("1", 40, 10, 10, 40)]));
    }

    [Theory]
    [InlineData(3.0, 3.0)]
    [InlineData(-2.0, -2.0)]
    [InlineData(0.2, 0.0)]   // negligible
    [InlineData(35.0, 0.0)]  // a turned photo, not a slant
    public void the_skew_is_the_median_slant_of_long_lines_counter_clockwise_positive(double slant, double expected)
    {
        OcrLine[] lines = [Line("CORNER BAKERY SDN BHD", 10, 100, 400, 20, slant), Line("12 JALAN MERDEKA", 10, 140, 300, 20, slant), Line("TOTAL 17.50", 10, 180, 250, 20, slant)];
        Assert.Equal(expected, OcrLayout.Skew(lines), 1);
    }

    [Fact]
    public void words_come_back_in_the_stored_images_pixels_with_origin_bottom_left()
    {
        // Read from an image enlarged twice: a word at (100, 40) size 60×20 in the enlarged image is (50, 20) 30×10 stored.
        var page = OcrLayout.ToPage(1, [new OcrLine("TOTAL", [(100, 40), (160, 40), (160, 60), (100, 60)], [new OcrWordBox("TOTAL", 100, 40, 60, 20, 0.912)], false)],
            width: 400, height: 300, scale: 2, rotation: 90);

        var word = Assert.Single(page.Words);
        Assert.Equal(new TextWord("TOTAL", 50, 300 - 20 - 10, 30, 10, 0.912, 0), word);
        Assert.Equal((400.0, 300.0, 90), (page.Width, page.Height, page.Rotation));
        Assert.Equal("TOTAL", page.Text);
    }

    [Fact]
    public void an_ocr_line_is_never_woven_into_its_neighbour_and_a_far_amount_joins_its_label()
    {
        // Two address lines close together on a curled receipt: grouped word by word, their words interleave.
        TextWord W(string text, double x, double y, int line) => new(text, x, y, text.Length * 8, 12, 0.95, line);
        var page = new TextPage(1, "", [
            W("NO.", 10, 100, 0), W("53", 45, 101, 0), W("JALAN", 70, 102, 0), W("BESAR,", 120, 104, 0),
            W("45600", 10, 93, 1), W("BATANG", 60, 95, 1), W("BERJUNTAI", 120, 97, 1),
            W("TOTAL", 10, 60, 2), W("17.50", 300, 61, 3),
        ], 400, 200);

        var lines = LayoutText.Lines(page);

        Assert.Equal(["NO. 53 JALAN BESAR,", "45600 BATANG BERJUNTAI", "TOTAL   17.50"], lines);
    }

    [Fact]
    public void a_slanted_page_is_levelled_for_grouping_only()
    {
        // A 4° slant over 300 points lifts the right end by 21: without deskewing, "17.50" would be a line of its own.
        var lift = Math.Tan(4 * Math.PI / 180) * 290;
        var page = new TextPage(1, "", [new TextWord("TOTAL", 10, 100, 40, 10), new TextWord("17.50", 300, 100 + lift, 40, 10)], 400, 200, Skew: 4);

        Assert.Equal(["TOTAL   17.50"], LayoutText.Lines(page));
        Assert.Equal(2, LayoutText.Lines(page with { Skew = 0 }).Count);
        Assert.Equal(100 + lift, page.Words[1].Y); // the stored boxes stay as read
    }

    [Fact]
    public void a_value_read_with_low_ocr_confidence_says_so_in_its_evidence()
    {
        TextWord W(string text, double x, double y, double confidence, int line) => new(text, x, y, text.Length * 8, 12, confidence, line);
        DocumentText Receipt(double totalConfidence) => new([new TextPage(1, "", [
            W("CORNER", 10, 300, 0.99, 0), W("BAKERY", 70, 300, 0.99, 0), W("SDN", 130, 300, 0.99, 0), W("BHD", 160, 300, 0.99, 0),
            W("TOTAL", 10, 100, 0.99, 1), W("17.50", 300, 100, totalConfidence, 2),
        ], 400, 400)], "ocr:test");

        var sure = LocalExtractor.Extract(Receipt(0.99), DocumentType.Receipt).Fields.Single(f => f.Name == FieldNames.Total);
        var doubtful = LocalExtractor.Extract(Receipt(0.6), DocumentType.Receipt).Fields.Single(f => f.Name == FieldNames.Total);

        Assert.Contains("ocr", sure.Evidence!.Signals);
        Assert.DoesNotContain("ocr<0.95", sure.Evidence.Signals);
        Assert.Contains("ocr<0.8", doubtful.Evidence!.Signals);
        Assert.True(doubtful.Confidence < sure.Confidence, $"{doubtful.Confidence} < {sure.Confidence}");
    }
}
