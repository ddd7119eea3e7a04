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
