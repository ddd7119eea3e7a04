using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Alba;

namespace Monolith.Testing;

/// <summary>Generated documents and their upload through <c>POST /api/documents?wait=true</c>, for any test project.</summary>
public static class SampleDocuments
{
    /// <summary>A complete invoice the local rules classify and extract; it scores above <see cref="SparseInvoice"/> but, with calibrated confidence, is not automated at the default thresholds.</summary>
    public static string Invoice(string number) => $"""
        Northwind Traders Ltd
        VAT ID: GB123456789
        INVOICE
        Invoice No: {number}
        Invoice Date: 2024-05-02
        Bill to: Fabrikam Inc
        Subtotal   100.00
        VAT 20%     20.00
        Total  GBP 120.00
        """;

    /// <summary>An invoice with few fields (no seller, VAT ID, date or subtotal): a lower automation score than <see cref="Invoice"/>.</summary>
    public static string SparseInvoice(string number) => $"""
        INVOICE
        Invoice No: {number}
        Total  GBP 75.00
        """;

    /// <summary>A one-page Letter PDF with a text layer (Helvetica 16 pt, one line per string from the top left), written by hand.</summary>
    public static byte[] TextPdf(params string[] lines)
    {
        var stream = $"BT /F1 16 Tf 72 720 Td {string.Join(" 0 -22 Td ", lines.Select(l => $"({l}) Tj"))} ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
        ];
        return Pdf(objects);
    }

    /// <summary>A PDF of the given objects (numbered from 1, the first the catalog) with its cross-reference table.</summary>
    public static byte[] Pdf(IReadOnlyList<string> objects)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>Uploads <paramref name="text"/> as a text file for <paramref name="tenant"/> and returns the processed document.</summary>
    public static async Task<JsonElement> UploadTextAndWaitAsync(this IAlbaHost host, string text, string tenant, string? department = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "document.txt");
        if (department is not null) form.Add(new StringContent(department), "department");
        var result = await host.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl("/api/documents").QueryString("wait", "true");
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}
