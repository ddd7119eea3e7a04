using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Pdf;

namespace Monolith.Documents.Tests.Extraction.Pdf;

public class ReadingOrderTests
{
    [Fact]
    public void words_are_read_top_to_bottom_then_left_to_right_whatever_their_stream_order()
    {
        // Written column by column, as many producers do: labels first, then values.
        TextWord[] words =
        [
            new("Invoice", 50, 700, 40, 10), new("Total", 50, 680, 30, 10),
            new("INV-1", 200, 701, 30, 10), new("12.00", 200, 679, 30, 10),
            new("no:", 93, 700, 15, 10),
        ];
        Assert.Equal("Invoice no:  INV-1\nTotal  12.00", ReadingOrder.Text(words));
        Assert.Equal(2, ReadingOrder.Lines(words).Count);
    }

    [Fact]
    public void no_words_is_no_text() => Assert.Equal("", ReadingOrder.Text([]));
}
