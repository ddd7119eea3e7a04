using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.WPFonts;

namespace DocumentThroughput;

/// <summary>
/// One-page text invoices generated in memory with PDFsharp: vendor, number, dates, lines and totals vary with the
/// index, so every upload is different bytes (and a different duplicate key) and goes through the whole pipeline.
/// </summary>
internal static class Invoices
{
    private static readonly Lock Gate = new();
    private static bool _ready;

    private static readonly (string Name, string Street, string City, string VatId)[] Vendors =
    [
        ("ACME Supplies GmbH", "Hauptstraße 1", "10115 Berlin", "DE123456789"),
        ("Nordwind Bürobedarf AG", "Hafenweg 12", "20457 Hamburg", "DE811234567"),
        ("Contoso Office Ltd", "12 High Street", "London EC1A 1BB", "GB123456789"),
        ("Fabrikam Logistics BV", "Keizersgracht 100", "1015 Amsterdam", "NL123456789B01"),
        ("Tailspin Tools SARL", "5 Rue de la Paix", "75002 Paris", "FR12345678901"),
        ("Litware Components GmbH", "Industriestraße 7", "80331 München", "DE276543210"),
    ];

    private static readonly (string Item, decimal Price)[] Items =
    [
        ("Office chairs", 150.00m), ("Desk lamp", 50.00m), ("Printer paper A4", 4.99m), ("Toner cartridge", 89.90m),
        ("Standing desk", 420.00m), ("Monitor 27 inch", 239.00m), ("Cable set", 12.50m), ("Whiteboard", 75.00m),
        ("Consulting hours", 95.00m), ("Shipping", 19.90m),
    ];

    /// <summary>The invoice for <paramref name="index"/>; <paramref name="run"/> keeps numbers unique across runs.</summary>
    public static byte[] Create(string run, int index)
    {
        EnsureReady();
        var random = new Random(HashCode.Combine(run, index));
        var vendor = Vendors[index % Vendors.Length];
        var date = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 320));
        var due = date.AddDays(30);
        var lines = new List<(string Item, int Qty, decimal Price)>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var item = Items[random.Next(Items.Length)];
            lines.Add((item.Item, random.Next(1, 10), item.Price + random.Next(0, 100) / 100m));
        }
        var subtotal = lines.Sum(l => l.Qty * l.Price);
        var vat = Math.Round(subtotal * 0.19m, 2);
        var total = subtotal + vat;
        var c = CultureInfo.InvariantCulture;

        var text = new List<string>
        {
            vendor.Name,
            $"{vendor.Street}, {vendor.City}",
            $"VAT ID: {vendor.VatId}",
            "",
            "INVOICE",
            $"Invoice No: INV-{run}-{index:D6}",
            $"Invoice Date: {date.ToString("dd.MM.yyyy", c)}",
            $"Due Date: {due.ToString("dd.MM.yyyy", c)}",
            "Bill to: Northwind Traders Ltd",
            "",
            "Description                    Qty    Unit price      Amount",
        };
        foreach (var (item, qty, price) in lines)
            text.Add(string.Create(c, $"{item,-28} {qty,5} {price,13:0.00} {qty * price,11:0.00}"));
        text.Add("");
        text.Add(string.Create(c, $"Subtotal {subtotal,50:0.00}"));
        text.Add(string.Create(c, $"VAT 19% {vat,51:0.00}"));
        text.Add(string.Create(c, $"Total {"EUR " + total.ToString("0.00", c),53}"));

        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var font = new XFont("Segoe WP", 10);
            var y = 60.0;
            foreach (var line in text)
            {
                graphics.DrawString(line, font, XBrushes.Black, new XPoint(50, y));
                y += 15;
            }
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static void EnsureReady()
    {
        lock (Gate)
        {
            if (_ready) return;
            // PDFsharp 6.5 needs a licence choice: AGPL, for generating bench inputs only (never shipped).
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
            _ready = true;
        }
    }

    /// <summary>PDFsharp's bundled Segoe WP for every family, so generation needs no installed fonts.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "SegoeWP-Bold" : "SegoeWP");
        public byte[] GetFont(string faceName) => faceName == "SegoeWP-Bold" ? FontDataHelper.SegoeWPBold : FontDataHelper.SegoeWP;
    }
}
