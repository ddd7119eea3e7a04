using System.Globalization;
using System.Text.Json;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.EInvoice;
using Monolith.Documents.Intake;
using Monolith.Testing;
using Xunit.Abstractions;

namespace Monolith.Documents.Tests.Extraction.EInvoice;

/// <summary>
/// Skips with the path it looked at when the shared corpus (<c>../shared/corpus/zugferd</c> next to the checkout) is not
/// on this machine — the skip is counted on its own line by <c>.ci/run</c>; the corpus never enters the repository, and
/// the generated-input tests cover the same code.
/// </summary>
public sealed class ZugferdCorpusFactAttribute : FactAttribute
{
    public static readonly string? Directory = RepositoryRoot.Shared("corpus", "zugferd");

    public ZugferdCorpusFactAttribute()
    {
        if (Directory is null) Skip = "the shared ZUGFeRD corpus is not next to this checkout (../shared/corpus/zugferd)";
    }
}

public class ZugferdCorpusTests(ITestOutputHelper output)
{
    /// <summary>Measured 100 % (all 24 documents, every compared field) when this floor was set; it leaves room for nothing but noise.</summary>
    private const double AccuracyFloor = 0.98;

    private static string Corpus => ZugferdCorpusFactAttribute.Directory!;

    private static readonly (string Truth, string Field)[] Compared =
    [
        ("invoice_number", FieldNames.InvoiceNumber), ("order_number", FieldNames.PurchaseOrder), ("date", FieldNames.InvoiceDate),
        ("due_date", FieldNames.DueDate), ("total", FieldNames.Total), ("subtotal", FieldNames.Subtotal), ("tax", FieldNames.Tax),
        ("amount_due", FieldNames.AmountDue), ("currency", FieldNames.Currency), ("vendor_name", FieldNames.VendorName),
        ("address", FieldNames.VendorAddress), ("vendor_tax_id", FieldNames.VendorTaxId), ("customer_name", FieldNames.CustomerName),
    ];

    [ZugferdCorpusFact]
    public void every_hybrid_pdf_yields_the_values_of_its_embedded_xml()
    {
        var files = Directory.GetFiles(Corpus, "*.einvoice.pdf").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        int compared = 0, matched = 0, documents = 0, read = 0;
        foreach (var pdfPath in files)
        {
            documents++;
            var id = Path.GetFileName(pdfPath)[..^".einvoice.pdf".Length];
            using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Corpus, id + ".truth.json")));
            var outcome = EmbeddedInvoice.Read(File.ReadAllBytes(pdfPath));
            if (!outcome.Succeeded)
            {
                output.WriteLine($"{id}: FAILED {outcome.Failure}");
                compared += Compared.Count(c => truth.RootElement.TryGetProperty(c.Truth, out _));
                continue;
            }
            read++;
            var invoice = outcome.Invoice!;
            var misses = new List<string>();
            foreach (var (truthKey, fieldName) in Compared)
            {
                if (!truth.RootElement.TryGetProperty(truthKey, out var expected))
                    continue;
                compared++;
                var actual = invoice.Result.Fields.SingleOrDefault(f => f.Name == fieldName);
                if (Matches(expected, actual))
                    matched++;
                else
                    misses.Add($"{truthKey}: expected {expected} got {actual?.Value ?? "nothing"}");
            }
            if (truth.RootElement.TryGetProperty("line_item_count", out var lineCount))
            {
                compared++;
                if (lineCount.GetInt32() == invoice.Result.LineItems.Count)
                    matched++;
                else
                    misses.Add($"line_item_count: expected {lineCount} got {invoice.Result.LineItems.Count}");
            }
            var expectedType = truth.RootElement.GetProperty("doc_class").GetString() switch
            {
                "invoice" => DocumentType.Invoice,
                "credit_note" => DocumentType.CreditNote,
                _ => DocumentType.PurchaseOrder, // purchase_order, order_change, order_response: all Order-X
            };
            compared++;
            if (invoice.Type == expectedType)
                matched++;
            else
                misses.Add($"type: expected {expectedType} got {invoice.Type}");
            output.WriteLine($"{id} [{invoice.Format} {invoice.TypeCode} via {outcome.Attachment}]: {(misses.Count == 0 ? "all fields match" : string.Join("; ", misses))}");
        }

        var accuracy = (double)matched / compared;
        output.WriteLine($"documents {documents}, e-invoice read {read}, fields {matched}/{compared} = {accuracy:P1}");
        Assert.Equal(documents, read);
        Assert.True(accuracy >= AccuracyFloor, $"field accuracy {accuracy:P1} below the floor {AccuracyFloor:P0}");
    }

    [ZugferdCorpusFact]
    public void the_bare_xml_gives_the_same_result_as_the_pdf()
    {
        var checkedFiles = 0;
        foreach (var xmlPath in Directory.GetFiles(Corpus, "*.embedded.xml").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(xmlPath);
            if (ContentSniffer.Detect(bytes).Kind != ContentKind.Xml)
            {
                // zf10_COMFORT_Rabatte.embedded.xml holds "0\n" in the shared corpus; the PDF's attachment is intact.
                output.WriteLine($"{Path.GetFileName(xmlPath)}: not XML ({bytes.Length} bytes), skipped");
                continue;
            }
            checkedFiles++;
            var fromXml = EInvoiceXml.Parse(bytes);
            var fromPdf = EmbeddedInvoice.Read(File.ReadAllBytes(xmlPath.Replace(".embedded.xml", ".einvoice.pdf", StringComparison.Ordinal)));
            Assert.True(fromXml.Succeeded, $"{xmlPath}: {fromXml.Failure}");
            Assert.Equal(fromPdf.Invoice!.Result.Fields, fromXml.Invoice!.Result.Fields);
            Assert.Equal(fromPdf.Invoice.Result.LineItems, fromXml.Invoice.Result.LineItems);
        }
        output.WriteLine($"{checkedFiles} bare XML files give the same fields and lines as their PDFs");
        Assert.True(checkedFiles > 0);
    }

    [ZugferdCorpusFact]
    public void the_text_only_copies_carry_no_e_invoice()
    {
        foreach (var pdfPath in Directory.GetFiles(Corpus, "*.pdf").Where(p => !p.EndsWith(".einvoice.pdf", StringComparison.Ordinal)))
            Assert.Equal(EInvoiceFailures.NoAttachment, EmbeddedInvoice.Read(File.ReadAllBytes(pdfPath)).Failure);
    }

    private static bool Matches(JsonElement expected, ExtractedField? actual) => actual is not null && expected.ValueKind switch
    {
        JsonValueKind.Number => actual.Number == expected.GetDecimal(),
        JsonValueKind.String when actual.Date is { } date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == expected.GetString(),
        JsonValueKind.String => string.Equals(actual.Text, expected.GetString(), StringComparison.Ordinal),
        _ => false,
    };
}
