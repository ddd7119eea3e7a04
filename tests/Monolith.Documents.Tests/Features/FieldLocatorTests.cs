using Monolith.Documents.Extraction;
using Monolith.Documents.Features.GetDocumentLayout;

namespace Monolith.Documents.Tests.Features;

public class FieldLocatorTests
{
    private const double PageHeight = 800;

    /// <summary>A printed line at <paramref name="top"/> points from the page top: words 6 pt a character, one space apart.</summary>
    private static List<TextWord> Line(double top, double left, string text)
    {
        var words = new List<TextWord>();
        var x = left;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            words.Add(new TextWord(word, x, PageHeight - top - 10, word.Length * 6, 10));
            x += (word.Length + 1) * 6;
        }
        return words;
    }

    private static TextPage Page(int number, params List<TextWord>[] lines) =>
        new(number, "", lines.SelectMany(l => l).ToList(), 600, PageHeight);

    private static ExtractedField Text(string name, string value, int? page = 1) => new(name, value, null, null, 0.9, "local", page);

    private static ExtractedField Amount(string name, decimal value, int? page = 1) => new(name, null, value, null, 0.9, "local", page);

    private static string Printed(FieldLocation? where) =>
        string.Join(" | ", where!.Lines.Select(l => string.Join(' ', l.Select(w => w.Text))));

    [Fact]
    public void a_name_is_the_run_of_words_that_spells_it_whatever_the_case_and_punctuation()
    {
        var page = Page(1, Line(40, 50, "NORTHWIND TRADERS, LTD."), Line(60, 50, "Invoice No: INV-2024/07"));

        Assert.Equal("NORTHWIND TRADERS, LTD.", Printed(FieldLocator.Locate(Text(FieldNames.VendorName, "Northwind Traders Ltd"), [page])));
        Assert.Equal("INV-2024/07", Printed(FieldLocator.Locate(Text(FieldNames.InvoiceNumber, "inv 2024-07"), [page])));
    }

    [Fact]
    public void an_address_continues_on_the_next_lines_of_its_column_past_the_text_beside_it()
    {
        var page = Page(1,
            [.. Line(40, 50, "Hauptstraße 1,"), .. Line(40, 350, "Invoice No: 42")],
            [.. Line(56, 50, "10115 Berlin"), .. Line(56, 350, "Date: 2024-03-12")]);

        var where = FieldLocator.Locate(Text(FieldNames.VendorAddress, "Hauptstraße 1, 10115 Berlin"), [page]);

        Assert.Equal("Hauptstraße 1, | 10115 Berlin", Printed(where));
    }

    [Fact]
    public void a_number_glued_to_its_label_is_found_inside_the_word()
    {
        var page = Page(1, Line(40, 50, "Rechnung Nr.12345"));

        Assert.Equal("Nr.12345", Printed(FieldLocator.Locate(Text(FieldNames.InvoiceNumber, "12345"), [page])));
    }

    [Theory]
    [InlineData("Total 9.00", 9.00, "9.00")]
    [InlineData("Total RM9.00", 9.00, "RM9.00")]
    [InlineData("Total GBP 120.00", 120.00, "GBP 120.00")]
    [InlineData("Total 1,234.50", 1234.50, "1,234.50")]
    [InlineData("Summe 1.234,50 EUR", 1234.50, "1.234,50")]
    [InlineData("Gesamt 1 234,50", 1234.50, "1 234,50")]
    public void an_amount_is_found_by_its_value_in_any_printed_spelling(string line, decimal value, string expected)
    {
        var page = Page(1, Line(40, 50, "Office chairs 2 150.00 300.00"), Line(60, 50, line));

        Assert.Equal(expected, Printed(FieldLocator.Locate(Amount(FieldNames.Total, value), [page])));
    }

    [Theory]
    [InlineData("Date: 02.05.2024", "02.05.2024")]
    [InlineData("Date: 2024-05-02", "2024-05-02")]
    [InlineData("Dated May 2, 2024", "May 2, 2024")]
    [InlineData("Fecha: 2 de mayo de 2024", "2 de mayo de 2024")]
    [InlineData("Date 05/02/2024", "05/02/2024")]
    public void a_date_is_found_by_the_day_it_names(string line, string expected)
    {
        var page = Page(1, Line(40, 50, "Order 2024-04-30"), Line(60, 50, line));
        var field = new ExtractedField(FieldNames.InvoiceDate, null, null, new DateOnly(2024, 5, 2), 0.9, "local", 1);

        Assert.Equal(expected, Printed(FieldLocator.Locate(field, [page])));
    }

    [Fact]
    public void of_two_equal_amounts_each_field_gets_the_one_beside_its_own_label()
    {
        var page = Page(1,
            Line(40, 50, "Subtotal 100.00"),
            Line(56, 50, "Total 100.00"),
            Line(72, 50, "Amount due 100.00"));

        var total = FieldLocator.Locate(Amount(FieldNames.Total, 100m), [page])!;
        var due = FieldLocator.Locate(Amount(FieldNames.AmountDue, 100m), [page])!;
        var subtotal = FieldLocator.Locate(Amount(FieldNames.Subtotal, 100m), [page])!;

        Assert.Equal(PageHeight - 56 - 10, total.Lines[0][0].Y);
        Assert.Equal(PageHeight - 72 - 10, due.Lines[0][0].Y);
        Assert.Equal(PageHeight - 40 - 10, subtotal.Lines[0][0].Y);
    }

    [Fact]
    public void a_value_under_its_label_in_a_column_is_found_below_it()
    {
        var page = Page(1,
            [.. Line(40, 50, "Reference 7781"), .. Line(40, 300, "Invoice No.")],
            Line(56, 300, "7781"));

        var where = FieldLocator.Locate(Text(FieldNames.InvoiceNumber, "7781"), [page])!;

        Assert.Equal(300, where.Lines[0][0].X);
    }

    [Fact]
    public void the_fields_own_page_comes_first_and_other_pages_are_searched_when_it_is_not_there()
    {
        TextPage[] pages = [Page(1, Line(40, 50, "Total 50.00")), Page(2, Line(40, 50, "Total 50.00"))];

        Assert.Equal(2, FieldLocator.Locate(Amount(FieldNames.Total, 50m, page: 2), pages)!.Page);
        Assert.Equal(1, FieldLocator.Locate(Amount(FieldNames.Total, 50m, page: null), pages)!.Page);
        Assert.Equal(2, FieldLocator.Locate(Text(FieldNames.VendorName, "Fabrikam"), [pages[0], Page(2, Line(40, 50, "Fabrikam Inc"))])!.Page);
    }

    [Fact]
    public void a_value_not_printed_is_not_located()
    {
        var page = Page(1, Line(40, 50, "Total 50.00 Invoice 2024"));

        Assert.Null(FieldLocator.Locate(Amount(FieldNames.Total, 51m), [page]));
        Assert.Null(FieldLocator.Locate(Text(FieldNames.VendorName, "Contoso"), [page]));
        // Whole words only: "20" is not the "20" inside "2024" or "50.00".
        Assert.Null(FieldLocator.Locate(Text(FieldNames.InvoiceNumber, "20"), [page]));
        Assert.Null(FieldLocator.Locate(Amount(FieldNames.Total, 50m), [new TextPage(1, "Total 50.00", [])]));
    }

    [Fact]
    public void the_layout_turns_boxes_to_a_top_left_origin_with_one_box_per_line_of_a_field()
    {
        var page = Page(1, Line(40, 50, "Hauptstraße 1"), Line(56, 50, "10115 Berlin"), Line(100, 50, "Total 120.00"));
        var id = Guid.NewGuid();

        var layout = DocumentLayout.From(id, new DocumentText([page], "pdf"),
            [Text(FieldNames.VendorAddress, "Hauptstraße 1 10115 Berlin"), Amount(FieldNames.Total, 120m), Text(FieldNames.VendorName, "Nowhere")]);

        var word = Assert.Single(layout.Pages[0].Words, w => w.Text == "Hauptstraße");
        Assert.Equal((50, 40, 66, 10), (word.X, word.Y, word.Width, word.Height));
        Assert.Equal($"/api/documents/{id}/pages/1/image", layout.Pages[0].ImageUrl);
        var address = layout.Fields.Single(f => f.Name == FieldNames.VendorAddress);
        Assert.Equal([new LayoutBox(50, 40, 13 * 6, 10), new LayoutBox(50, 56, 12 * 6, 10)], address.Boxes);
        Assert.Equal(new LayoutBox(86, 100, 36, 10), Assert.Single(layout.Fields.Single(f => f.Name == FieldNames.Total).Boxes));
        Assert.Empty(layout.Fields.Single(f => f.Name == FieldNames.VendorName).Boxes);
    }
}
