using System.Globalization;
using System.Text.Json;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using UglyToad.PdfPig;

// Reads the shared corpus at run time (never copied into the repository) and prints how often the local
// classifier and extractor agree with the truth recorded by the corpus authors.
var root = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpus");
var index = Path.Combine(root, "index.jsonl");
if (!File.Exists(index))
{
    Console.WriteLine($"No corpus at {Path.GetFullPath(root)} (expected index.jsonl); nothing to measure.");
    return 0;
}
var verbose = args.Contains("--verbose");
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?[7..];

string[] compared = ["invoice_number", "date", "due_date", "total", "subtotal", "tax", "amount_due", "currency", "vendor_name", "address", "vendor_tax_id", "customer_name"];
var perSource = new Dictionary<string, (int Correct, int Truth, int Predicted)>(StringComparer.Ordinal);
var perField = new Dictionary<string, (int Correct, int Truth, int Predicted)>(StringComparer.Ordinal);
var typeHits = new Dictionary<string, (int Correct, int All)>(StringComparer.Ordinal);
var items = 0;

foreach (var json in File.ReadLines(index))
{
    using var entry = JsonDocument.Parse(json);
    var e = entry.RootElement;
    if (!e.GetProperty("has_text").GetBoolean()) continue;
    var source = e.GetProperty("source").GetString()!;
    var input = e.GetProperty("input").GetString()!;
    if (only is not null && !input.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
    var path = Path.Combine(root, input);
    var truthPath = Path.Combine(Path.GetDirectoryName(path)!, e.GetProperty("item_id").GetString() + ".truth.json");
    if (!File.Exists(path) || !File.Exists(truthPath)) continue;
    var text = Load(path);
    using var truthDoc = JsonDocument.Parse(File.ReadAllText(truthPath));
    var truth = truthDoc.RootElement;
    items++;

    var classification = LocalTypeClassifier.Classify(text);
    var expectedType = truth.GetProperty("doc_type").GetString() switch
    {
        "invoice" => DocumentType.Invoice,
        "receipt" => DocumentType.Receipt,
        "credit_note" => DocumentType.CreditNote,
        _ => DocumentType.PurchaseOrder,
    };
    var th = typeHits.GetValueOrDefault(source);
    typeHits[source] = (th.Correct + (classification.Type == expectedType ? 1 : 0), th.All + 1);

    // Fields are measured with the true type so a classification miss does not count twice.
    var result = LocalExtractor.Extract(text, expectedType);
    var got = result.Fields.GroupBy(f => Key(f.Name)).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.First());
    if (verbose) Console.WriteLine($"--- {input}  type={classification.Type} ({classification.Confidence:0.00}) expected={expectedType}");
    var labelled = e.GetProperty("truth_fields").EnumerateArray().Select(x => x.GetString()).ToHashSet(StringComparer.Ordinal);
    // Only fields the source labels count; a prediction for a field the source never records is neither right nor wrong.
    foreach (var key in compared.Where(labelled.Contains))
    {
        var hasTruth = truth.TryGetProperty(key, out var t) && t.ValueKind is not JsonValueKind.Null;
        var predicted = got.TryGetValue(key, out var field);
        if (!hasTruth && !predicted) continue;
        var ok = hasTruth && predicted && Same(key, t, field!);
        Bump(perSource, source, ok, hasTruth, predicted);
        Bump(perField, key, ok, hasTruth, predicted);
        if (verbose && hasTruth && !ok) Console.WriteLine($"  {key,-14} truth={t} got={field?.Value}");
    }
}

Console.WriteLine($"Shared corpus: {items} items with text, {Path.GetFullPath(root)}");
Console.WriteLine();
Console.WriteLine("Type detection");
foreach (var (source, (correct, all)) in typeHits.OrderBy(k => k.Key, StringComparer.Ordinal))
    Console.WriteLine($"  {source,-14} {correct,4}/{all,-4} {Pct(correct, all)}");
Console.WriteLine($"  {"all",-14} {typeHits.Values.Sum(v => v.Correct),4}/{typeHits.Values.Sum(v => v.All),-4} {Pct(typeHits.Values.Sum(v => v.Correct), typeHits.Values.Sum(v => v.All))}");
Console.WriteLine();
Print("Fields by source", perSource);
Print("Fields by field (all sources)", perField);
return 0;

static void Print(string title, Dictionary<string, (int Correct, int Truth, int Predicted)> rows)
{
    Console.WriteLine(title);
    Console.WriteLine($"  {"",-14} {"correct/truth",14} {"accuracy",9} {"precision",10}");
    foreach (var (name, (c, t, p)) in rows.OrderBy(k => k.Key, StringComparer.Ordinal))
        Console.WriteLine($"  {name,-14} {c,6}/{t,-7} {Pct(c, t),9} {Pct(c, p),10}");
    var sc = rows.Values.Sum(v => v.Correct); var st = rows.Values.Sum(v => v.Truth); var sp = rows.Values.Sum(v => v.Predicted);
    Console.WriteLine($"  {"all",-14} {sc,6}/{st,-7} {Pct(sc, st),9} {Pct(sc, sp),10}");
    Console.WriteLine();
}

static string Pct(int a, int b) => b == 0 ? "-" : (100.0 * a / b).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static void Bump(Dictionary<string, (int Correct, int Truth, int Predicted)> d, string key, bool ok, bool truth, bool predicted)
{
    var v = d.GetValueOrDefault(key);
    d[key] = (v.Correct + (ok ? 1 : 0), v.Truth + (truth ? 1 : 0), v.Predicted + (predicted ? 1 : 0));
}

static string? Key(string field) => field switch
{
    FieldNames.InvoiceNumber => "invoice_number",
    FieldNames.InvoiceDate or FieldNames.TransactionDate => "date",
    FieldNames.DueDate => "due_date",
    FieldNames.Total => "total",
    FieldNames.Subtotal => "subtotal",
    FieldNames.Tax => "tax",
    FieldNames.AmountDue => "amount_due",
    FieldNames.Currency => "currency",
    FieldNames.VendorName or FieldNames.MerchantName => "vendor_name",
    FieldNames.VendorAddress or FieldNames.MerchantAddress => "address",
    FieldNames.VendorTaxId => "vendor_tax_id",
    FieldNames.CustomerName => "customer_name",
    _ => null,
};

static bool Same(string key, JsonElement truth, ExtractedField got)
{
    switch (key)
    {
        case "total" or "subtotal" or "tax" or "amount_due":
            return got.Number is { } n && truth.ValueKind == JsonValueKind.Number && Math.Round(n, 2) == Math.Round(truth.GetDecimal(), 2);
        case "date" or "due_date":
            return got.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == truth.GetString();
        case "vendor_tax_id":
            return Compact(got.Text) == Compact(truth.ToString());
        default:
            return NormalizeText(got.Text) == NormalizeText(truth.ToString());
    }
}

static string Compact(string? s) => new((s ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

// Case- and whitespace-insensitive.
static string NormalizeText(string? s) => new((s ?? "").Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray());

static DocumentText Load(string path)
{
    if (!path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        return new DocumentText([new TextPage(1, File.ReadAllText(path), [])], path);
    using var pdf = PdfDocument.Open(File.ReadAllBytes(path));
    var pages = new List<TextPage>();
    foreach (var page in pdf.GetPages())
    {
        var words = page.GetWords()
            .Select(w => new TextWord(w.Text, w.BoundingBox.Left, w.BoundingBox.Bottom, w.BoundingBox.Width, w.BoundingBox.Height))
            .ToList();
        pages.Add(new TextPage(page.Number, LayoutText.Text(words), words, page.Width, page.Height));
    }
    return new DocumentText(pages, path);
}
