using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Learning;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;
using UglyToad.PdfPig;

// Reads the shared corpus at run time (never copied into the repository) and prints how often the local classifier
// and extractor agree with the truth recorded by the corpus authors, how well the fields' confidences are calibrated,
// and how many documents the default thresholds would process without a person.
//
//   dotnet run --project bench/DocumentAccuracy -c Release -- [corpus] [--verbose] [--only=text] [--fit[=model.json]]
//       [--ocr-items=CACHE_DIR] [--photos [--ocr-cache=CACHE_DIR]]
//
// Items are split in two folds by a hash of their id (SHA-1, first byte even: "fit", odd: "held-out"). --fit fits the
// calibration on the fit fold only and writes the model (default: the embedded resource of Monolith.Documents); every
// calibration and straight-through figure below is measured on the held-out fold, which the model never saw.
// --explain=<file>: what the local classifier and extractor make of one document, with each field's evidence.
//
// Exit codes: 0 = measured and every target met; 1 = measured, a target missed (the closing "Targets" lines say which);
// 2 = no corpus (index.jsonl or its zugferd folder missing), nothing or only part measured.
if (args.FirstOrDefault(a => a.StartsWith("--explain=", StringComparison.Ordinal)) is { } explain)
{
    var doc = Load(explain[10..]);
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    var type = LocalTypeClassifier.Classify(doc);
    var firstMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    started = System.Diagnostics.Stopwatch.GetTimestamp();
    for (var i = 0; i < 100; i++) LocalTypeClassifier.Classify(doc);
    if (args.Contains("--timing"))
        Console.WriteLine($"  classify: first {firstMs:0} ms (loads the model), then {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / 100:0.00} ms");
    var extracted = LocalExtractor.Extract(doc, type.Type);
    if (args.Contains("--text")) Console.WriteLine(doc.FullText);
    Console.WriteLine($"type {type.Type} ({type.Confidence:0.00}, {type.Model}; rules say {LocalTypeClassifier.ClassifyByRules(doc).Type}), calibration {ConfidenceCalibration.Default.Version}");
    if (args.Contains("--features"))
        Console.WriteLine("  features: " + string.Join(", ", LocalTypeClassifier.Features(doc).Select((v, i) => (v, i)).Where(x => x.v != 0)
            .Select(x => $"{LocalTypeClassifier.FeatureNames[x.i]}={x.v:0.###}")));
    foreach (var item in extracted.LineItems) Console.WriteLine($"  line: {item}");
    foreach (var f in extracted.Fields)
        Console.WriteLine($"  {f.Name,-16} {f.Value,-30} {f.Confidence,6:0.000}  {f.Evidence?.Method} [{string.Join(", ", f.Evidence?.Signals ?? [])}] score {f.Evidence?.Score}");
    var explained = ValidationRules.Validate(type.Type, extracted.Fields, extracted.LineItems, 0.02m, null);
    var scored = AutomationScoring.Score(type.Type, extracted.Fields, explained, new AutomationSettings());
    Console.WriteLine($"  → {scored.Decision}: {scored.Scores}; {string.Join("; ", scored.Reasons)}");
    return 0;
}
var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("..", "shared", "corpus");
var index = Path.Combine(root, "index.jsonl");
if (!File.Exists(index))
{
    Console.Error.WriteLine($"No corpus at {Path.GetFullPath(root)} (expected index.jsonl); nothing measured. Pass the corpus folder as the first argument.");
    return 2;
}
var verbose = args.Contains("--verbose");
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?[7..];
var fitArg = args.FirstOrDefault(a => a.StartsWith("--fit", StringComparison.Ordinal));
var modelPath = fitArg is null ? null
    : fitArg.Length > 6 ? fitArg[6..]
    : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Modules", "Documents", "Monolith.Documents", "Scoring", "calibration.local.json");

string[] compared = ["invoice_number", "date", "due_date", "total", "subtotal", "tax", "amount_due", "currency", "vendor_name", "address", "vendor_tax_id", "customer_name"];

var items = LoadItems(root, index, only).ToList();
// --ocr-items=DIR: the receipt photos, read by local OCR (texts cached in DIR), join the corpus as items of their own
// (source "sroie-photo", in the same fold as the receipt's text), so the calibration learns what OCR evidence is worth.
if (args.FirstOrDefault(a => a.StartsWith("--ocr-items=", StringComparison.Ordinal)) is { } ocrItems)
{
    var photographed = items.Where(i => File.Exists(PhotoReport.PhotoOf(root, i.Input))).ToList();
    var read = await PhotoReport.ReadAllAsync(root, photographed.Select(i => i.Input).ToList(), ocrItems[12..]);
    items.AddRange(photographed.Where(i => read.Texts[i.Input] is not null)
        .Select(i => i with { Source = "sroie-photo", Input = PhotoReport.PhotoOf(root, i.Input), Text = read.Texts[i.Input]! }));
}
Console.WriteLine($"Shared corpus: {items.Count} items with text, {Path.GetFullPath(root)}");
Console.WriteLine($"Split: {items.Count(i => i.Fit)} fit / {items.Count(i => !i.Fit)} held-out (SHA-1 of the item id, first byte even = fit)");
Console.WriteLine();

// --photos: the receipts that come as photos (sroie-images/) read by local OCR, against the same receipts' provided text.
if (args.Contains("--photos"))
{
    var photoItems = items.Where(i => File.Exists(PhotoReport.PhotoOf(root, i.Input))).ToList();
    var read = await PhotoReport.ReadAllAsync(root, photoItems.Select(i => i.Input).ToList(),
        args.FirstOrDefault(a => a.StartsWith("--ocr-cache=", StringComparison.Ordinal))?[12..]);
    var fromText = new Dictionary<string, Tally>(StringComparer.Ordinal);
    var fromPhoto = new Dictionary<string, Tally>(StringComparer.Ordinal);
    var photoTypes = 0;
    foreach (var item in photoItems)
    {
        foreach (var j in Judge(item, LocalExtractor.Extract(item.Text, item.ExpectedType).Fields)) Bump(fromText, j.Key, j);
        var ocr = read.Texts[item.Input];
        if (ocr is null) continue;
        if (LocalTypeClassifier.Classify(ocr).Type == item.ExpectedType) photoTypes++;
        var extracted = LocalExtractor.Extract(ocr, item.ExpectedType).Fields;
        foreach (var j in Judge(item, extracted))
        {
            Bump(fromPhoto, j.Key, j);
            if (verbose && !j.Correct) Console.WriteLine($"  {item.Input} {j.Key,-10} truth={j.Truth} got={j.Field?.Value} ({j.Field?.Confidence:0.000})");
        }
    }
    PhotoReport.Print(photoItems.Count, read, photoTypes, fromText, fromPhoto);
    return 0;
}

// Extraction with the true type, so a classification miss does not count twice in field accuracy.
var uncalibrated = items.Select(i => (Item: i, Result: LocalExtractor.Extract(i.Text, i.ExpectedType, ConfidenceCalibration.Uncalibrated))).ToList();

var calibration = ConfidenceCalibration.Default;
if (modelPath is not null)
{
    IEnumerable<CalibrationSample> SamplesOf(Item item, ExtractionResult result) => Judge(item, result.Fields)
        .Where(j => j.Field is not null)
        .Select(j => new CalibrationSample(j.Field!.Name, item.ExpectedType, j.Field.Evidence!, j.Correct));
    var fitItems = uncalibrated.Where(x => x.Item.Fit).ToList();
    var samples = fitItems.SelectMany(x => SamplesOf(x.Item, x.Result)).ToList();
    // Vendor memory's evidence: the fit fold streamed per source as one customer whose reviewers confirm every document.
    var remembered = fitItems.GroupBy(x => x.Item.Source)
        .SelectMany(g => Stream(g.Select(x => x.Item), ConfidenceCalibration.Uncalibrated, (_, _) => true))
        .SelectMany(x => Judge(x.Item, x.Fields)
            .Where(j => j.Field?.Evidence?.Method is "vendor-memory" or "vendor-anchor")
            .Select(j => new CalibrationSample(j.Field!.Name, x.Item.ExpectedType, j.Field.Evidence!, j.Correct)))
        .ToList();
    Console.WriteLine($"Vendor memory samples in the fit fold: {remembered.Count} ({remembered.Count(r => r.Correct)} right)");
    samples.AddRange(remembered);
    // The regularisation strength is chosen by 5-fold cross-validation inside the fit fold (log-loss), never on held-out items.
    var given = args.FirstOrDefault(a => a.StartsWith("--l2=", StringComparison.Ordinal))?[5..];
    var l2 = given is not null ? double.Parse(given, CultureInfo.InvariantCulture) : new[] { 0.25, 0.5, 1, 2, 4, 8, 16 }.MinBy(l =>
    {
        var loss = 0.0;
        for (var k = 0; k < 5; k++)
        {
            var train = samples.Where((_, i) => i % 5 != k).ToList();
            var model = CalibrationFit.Fit(train, "cv", l);
            loss += samples.Where((_, i) => i % 5 == k).Sum(x =>
            {
                var p = Math.Clamp(model.Probability(x.Field, x.Type, x.Evidence), 1e-3, 1 - 1e-3);
                return -Math.Log(x.Correct ? p : 1 - p);
            });
        }
        Console.WriteLine($"  cross-validated log-loss with L2 {l}: {loss / samples.Count:0.0000}");
        return loss;
    });
    // The version names what was fitted: the samples, the regularisation and the fitting rules (doubts held at or below zero).
    var fitted = string.Join("|", samples.Select(x => $"{x.Field}{x.Evidence.Method}{x.Evidence.Score}{string.Join(",", x.Evidence.Signals)}{x.Correct}"));
    var version = "local-" + Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(fitted + "|l2=" + l2.ToString(CultureInfo.InvariantCulture) + "|doubts-at-most-0")))[..8].ToLowerInvariant();
    calibration = CalibrationFit.Fit(samples, version, l2);
    Console.WriteLine($"L2 strength {l2}{(given is null ? " (5-fold cross-validation on the fit fold)" : " (given)")}");

    File.WriteAllText(modelPath, calibration.ToJson($"{samples.Count} fields of the fit fold of the shared corpus ({items.Count(i => i.Fit)} items)") + "\n");
    Console.WriteLine($"Fitted calibration {version} on {samples.Count} fields; written to {Path.GetFullPath(modelPath)} (rebuild to embed it).");
    Console.WriteLine();
}
Console.WriteLine($"Calibration model: {calibration.Version}{(calibration.IsFitted ? "" : " (no fitted model: rule-based scores)")}");
Console.WriteLine();

var perSource = new Dictionary<string, Tally>(StringComparer.Ordinal);
var perField = new Dictionary<string, Tally>(StringComparer.Ordinal);
var typeHits = new Dictionary<string, (int Correct, int All)>(StringComparer.Ordinal);
var ruleHits = new Dictionary<string, int>(StringComparer.Ordinal);
var heldOut = new List<(string Source, string Key, double Confidence, bool Correct)>();
var straight = new Dictionary<string, (int Docs, int Automated, int AllRight, int StrictRight)>(StringComparer.Ordinal);
var curve = new List<(double Confidence, bool AllRight)>();
var lineItems = new List<(int Truth, int Got)>();

foreach (var (item, raw) in uncalibrated)
{
    var classification = LocalTypeClassifier.Classify(item.Text);
    var th = typeHits.GetValueOrDefault(item.Source);
    typeHits[item.Source] = (th.Correct + (classification.Type == item.ExpectedType ? 1 : 0), th.All + 1);
    ruleHits[item.Source] = ruleHits.GetValueOrDefault(item.Source) + (LocalTypeClassifier.ClassifyByRules(item.Text).Type == item.ExpectedType ? 1 : 0);

    var fields = Recalibrate(raw.Fields, item.ExpectedType, calibration);
    if (verbose) Console.WriteLine($"--- {item.Input}  type={classification.Type} ({classification.Confidence:0.00}) expected={item.ExpectedType} {(item.Fit ? "fit" : "held-out")}");
    if (item.Truth.TryGetProperty("line_item_count", out var lineCount) && lineCount.ValueKind == JsonValueKind.Number)
    {
        lineItems.Add((lineCount.GetInt32(), raw.LineItems.Count));
        if (verbose && lineCount.GetInt32() != raw.LineItems.Count) Console.WriteLine($"  line items     truth={lineCount.GetInt32()} got={raw.LineItems.Count}");
    }

    foreach (var j in Judge(item, fields))
    {
        Bump(perSource, item.Source, j);
        Bump(perField, j.Key, j);
        if (!item.Fit && j.Field is not null) heldOut.Add((item.Source, j.Key, j.Field.Confidence, j.Correct));
        if (verbose && !j.Correct) Console.WriteLine($"  {j.Key,-14} truth={j.Truth} got={j.Field?.Value} ({j.Field?.Confidence:0.000} {j.Field?.Evidence?.Method} {string.Join(",", j.Field?.Evidence?.Signals ?? [])})");
    }

    // Straight-through as the pipeline decides it: the classified type, its extraction, validation and the default thresholds.
    if (item.Fit) continue;
    var result = classification.Type == item.ExpectedType
        ? new ExtractionResult(fields, raw.LineItems, raw.Provider, [])
        : LocalExtractor.Extract(item.Text, classification.Type, calibration);
    var settings = new AutomationSettings();
    var report = ValidationRules.Validate(classification.Type, result.Fields, result.LineItems, settings.AmountTolerance, null);
    var outcome = AutomationScoring.Score(classification.Type, result.Fields, report, settings);
    var judged = Judge(item, result.Fields).ToList();
    var required = ValidationRules.RequiredFields[classification.Type];
    var allRight = classification.Type == item.ExpectedType && judged.Where(j => j.Field is not null && required.Contains(j.Field.Name)).All(j => j.Correct);
    var strictRight = classification.Type == item.ExpectedType && judged.Where(j => j.Field is not null).All(j => j.Correct);
    var automated = outcome.Decision == Decision.Automated;
    curve.Add((outcome.Scores.Confidence, allRight));
    var s = straight.GetValueOrDefault(item.Source);
    straight[item.Source] = (s.Docs + 1, s.Automated + (automated ? 1 : 0), s.AllRight + (automated && allRight ? 1 : 0), s.StrictRight + (automated && strictRight ? 1 : 0));
    if (verbose) Console.WriteLine($"  decision={outcome.Decision} confidence={outcome.Scores.Confidence:0.000} allRight={allRight} {string.Join("; ", outcome.Reasons)}");
}

// The type model is trained on generated documents only (documents train), so every corpus item is unseen by it.
Console.WriteLine($"Type detection, all items (none used for training): model {TypeModel.Default?.Version ?? "none shipped"} vs the hand-weighted rules");
foreach (var (source, (correct, all)) in typeHits.OrderBy(k => k.Key, StringComparer.Ordinal))
    Console.WriteLine($"  {source,-14} {correct,4}/{all,-4} {Pct(correct, all)}   rules {ruleHits[source],4}/{all,-4} {Pct(ruleHits[source], all)}");
Console.WriteLine($"  {"all",-14} {typeHits.Values.Sum(v => v.Correct),4}/{typeHits.Values.Sum(v => v.All),-4} {Pct(typeHits.Values.Sum(v => v.Correct), typeHits.Values.Sum(v => v.All))}" +
    $"   rules {ruleHits.Values.Sum(),4}/{typeHits.Values.Sum(v => v.All),-4} {Pct(ruleHits.Values.Sum(), typeHits.Values.Sum(v => v.All))}");
Console.WriteLine();

// The candidate ranker against the hand-set order, on the fields it orders (extraction with the true type).
if (CandidateRanker.Default is { } shippedRanker)
{
    string[] rankedKeys = ["invoice_number", "date", "due_date"];
    var withRanker = new Dictionary<string, Tally>(StringComparer.Ordinal);
    var byHand = new Dictionary<string, Tally>(StringComparer.Ordinal);
    foreach (var item in items)
    {
        foreach (var j in Judge(item, LocalExtractor.Extract(item.Text, item.ExpectedType, ConfidenceCalibration.Uncalibrated, shippedRanker).Fields).Where(j => rankedKeys.Contains(j.Key)))
            Bump(withRanker, j.Key, j);
        foreach (var j in Judge(item, LocalExtractor.Extract(item.Text, item.ExpectedType, ConfidenceCalibration.Uncalibrated, null).Fields).Where(j => rankedKeys.Contains(j.Key)))
            Bump(byHand, j.Key, j);
    }
    Console.WriteLine($"Ranked fields, all items (none used for training): ranker {shippedRanker.Version} vs the hand-set order");
    foreach (var key in rankedKeys.Where(withRanker.ContainsKey))
        Console.WriteLine($"  {key,-16} {withRanker[key].Correct,4}/{withRanker[key].Truth,-4} {Pct(withRanker[key].Correct, withRanker[key].Truth)}   hand {byHand[key].Correct,4}/{byHand[key].Truth,-4} {Pct(byHand[key].Correct, byHand[key].Truth)}");
    Console.WriteLine();
}
Print("Fields by source (all items)", perSource, heldOut.GroupBy(h => h.Source));
Console.WriteLine($"Line items: the right number of items on {lineItems.Count(l => l.Truth == l.Got)}/{lineItems.Count} documents that record it " +
    $"({lineItems.Sum(l => Math.Min(l.Truth, l.Got))}/{lineItems.Sum(l => l.Truth)} items found, {lineItems.Sum(l => Math.Max(0, l.Got - l.Truth))} extra)");
Console.WriteLine();
Print("Fields by field (all items)", perField, heldOut.GroupBy(h => h.Key));

var reliability = Reliability.Of(heldOut.Select(h => (h.Confidence, h.Correct)));
Console.WriteLine($"Reliability of field confidence (held-out fold, {reliability.Count} predicted fields): ECE {reliability.ExpectedCalibrationError:0.000}");
Console.WriteLine($"  {"confidence",-12} {"fields",7} {"mean conf",10} {"accuracy",9}");
foreach (var b in reliability.Bins.Where(b => b.Count > 0))
    Console.WriteLine($"  {b.From:0.0}-{b.To:0.0}     {b.Count,7} {b.MeanConfidence,10:0.000} {b.Accuracy,9:0.000}");
Console.WriteLine();

Console.WriteLine("Straight-through at the default thresholds (held-out fold; all-right = type and every required field right,");
Console.WriteLine("strict = type and every extracted field the source labels right)");
Console.WriteLine($"  {"",-14} {"automated",14} {"all-right",10} {"strict",8}");
foreach (var (source, v) in straight.OrderBy(k => k.Key, StringComparer.Ordinal))
    Console.WriteLine($"  {source,-14} {v.Automated,5}/{v.Docs,-4} {Pct(v.Automated, v.Docs),6} {Pct(v.AllRight, v.Automated),10} {Pct(v.StrictRight, v.Automated),8}");
var sum = (Docs: straight.Values.Sum(v => v.Docs), Automated: straight.Values.Sum(v => v.Automated), AllRight: straight.Values.Sum(v => v.AllRight), Strict: straight.Values.Sum(v => v.StrictRight));
Console.WriteLine($"  {"all",-14} {sum.Automated,5}/{sum.Docs,-4} {Pct(sum.Automated, sum.Docs),6} {Pct(sum.AllRight, sum.Automated),10} {Pct(sum.Strict, sum.Automated),8}");
Console.WriteLine();
Console.WriteLine("Document confidence (P(all required fields right)) vs observed all-right, held-out fold, any validation:");
Console.WriteLine($"  {"confidence ≥",12} {"documents",10} {"all-right",10}");
foreach (var t in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95 })
{
    var above = curve.Where(c => c.Confidence >= t).ToList();
    Console.WriteLine($"  {t,12:0.00} {above.Count,4} {Pct(above.Count, curve.Count),6} {Pct(above.Count(c => c.AllRight), above.Count),10}");
}
var docReliability = Reliability.Of(curve.Select(c => (c.Confidence, c.AllRight)));
Console.WriteLine($"  document-level ECE {docReliability.ExpectedCalibrationError:0.000} over {docReliability.Count} documents");
Console.WriteLine();
if (args.Contains("--learning")) PrintLearningCurve();
if (!EInvoiceReport.Print(root)) return 2;
Console.WriteLine();

// The targets docs/benchmarks.md measures against; a missed one is a non-zero exit, so a script sees what a reader would.
Console.WriteLine("Targets");
var targets = new[]
{
    (Name: "field confidence ECE, held-out fold ≤ 0.050", Met: reliability.ExpectedCalibrationError <= 0.05,
        Measured: reliability.ExpectedCalibrationError.ToString("0.000", CultureInfo.InvariantCulture)),
    (Name: "straight-through ≥ 50 %, held-out, ≥ 98 % of it all-right",
        Met: sum.Docs > 0 && 2 * sum.Automated >= sum.Docs && sum.AllRight >= 0.98 * sum.Automated,
        Measured: $"{Pct(sum.Automated, sum.Docs)}, {Pct(sum.AllRight, sum.Automated)} all-right"),
};
foreach (var t in targets) Console.WriteLine($"  {(t.Met ? "met   " : "MISSED")} {t.Name,-56} measured {t.Measured}");
return targets.All(t => t.Met) ? 0 : 1;

// The held-out fold streamed per source as one customer whose reviewers correct every document not automated: accuracy,
// confidence and automation of a vendor's documents by how many of its documents were reviewed before.
void PrintLearningCurve()
{
    var settings = new AutomationSettings();
    var rows = new SortedDictionary<int, (int Docs, int Right, int Truth, double Confidence, int Fields, int Automated, int AutomatedRight, int Recognised, int TypeRight, int LocalTypeRight)>();
    foreach (var group in items.Where(i => !i.Fit).GroupBy(i => i.Source))
    {
        foreach (var (item, fields, taught, match, type) in Stream(group, calibration, (i, f) => Decide(i, f).Decision != Decision.Automated))
        {
            var k = Math.Min(taught, 5);
            var judged = Judge(item, fields).ToList();
            var (decision, allRight) = Decide(item, fields);
            if (verbose && decision == Decision.Automated && !allRight)
                Console.WriteLine($"  automated wrong: {item.Input} taught={taught} match={match?.MatchedBy} {match?.Similarity:0.00} profile={match?.Profile.Value(FieldNames.VendorName)} "
                    + string.Join("; ", Judge(item, fields).Where(j => !j.Correct).Select(j => $"{j.Key} truth={j.Truth} got={j.Field?.Value} ({j.Field?.Confidence:0.000} {j.Field?.Evidence?.Method})")));
            var r = rows.GetValueOrDefault(k);
            rows[k] = (r.Docs + 1, r.Right + judged.Count(j => j.Correct), r.Truth + judged.Count(j => j.HasTruth),
                r.Confidence + judged.Where(j => j.Field is not null).Sum(j => j.Field!.Confidence), r.Fields + judged.Count(j => j.Field is not null),
                r.Automated + (decision == Decision.Automated ? 1 : 0), r.AutomatedRight + (decision == Decision.Automated && allRight ? 1 : 0),
                r.Recognised + (match is not null ? 1 : 0), r.TypeRight + (type == item.ExpectedType ? 1 : 0),
                r.LocalTypeRight + (LocalTypeClassifier.Classify(item.Text).Type == item.ExpectedType ? 1 : 0));
        }
    }
    // The controlled curve: per source, vendors with at least 6 held-out documents; k of each vendor's first documents
    // are reviewed (taught, into one shared set of profiles), and the same later documents (6th on) are measured for
    // every k, so the rows differ only in what was learned.
    Console.WriteLine("Learning curve by corrected documents (held-out fold, vendors with ≥ 6 documents, measured on each vendor's 6th document on):");
    Console.WriteLine($"  {"corrected",9} {"documents",9} {"recognised",10} {"accuracy",9} {"mean conf",9} {"automated",9} {"all-right",9}");
    foreach (var k in new[] { 0, 1, 3, 5 })
    {
        int docs = 0, recognised = 0, right = 0, truth = 0, predicted = 0, automated = 0, automatedRight = 0;
        double confidence = 0;
        foreach (var group in items.Where(i => !i.Fit).GroupBy(i => i.Source))
        {
            var vendors = group.GroupBy(i => i.Truth.TryGetProperty("vendor_name", out var v) ? Compact(v.ToString()) : i.Input)
                .Where(v => v.Count() >= 6).Select(v => v.OrderBy(i => i.Input, StringComparer.Ordinal).ToList()).ToList();
            var profiles = new List<VendorProfile>();
            foreach (var taughtDoc in vendors.SelectMany(v => v.Take(k)))
            {
                var (print, learned) = VendorMemory.Learn(taughtDoc.Text, Confirmed(taughtDoc));
                var known = VendorMemory.Recognise(print, profiles);
                var e = new VendorProfileLearned(known?.Profile.Id ?? Guid.NewGuid(), Guid.NewGuid(), print.TaxIds, print.Ibans, print.Header, learned, 1, DateTimeOffset.UnixEpoch, taughtDoc.ExpectedType);
                if (known is not null) known.Profile.Apply(e); else profiles.Add(VendorProfile.Create(e));
            }
            foreach (var item in vendors.SelectMany(v => v.Skip(5)))
            {
                var extracted = LocalExtractor.Extract(item.Text, item.ExpectedType, calibration).Fields;
                var match = VendorMemory.Recognise(VendorMemory.Fingerprint(item.Text), profiles);
                var fields = match is null ? extracted : VendorMemory.Apply(item.Text, item.ExpectedType, extracted, match, calibration);
                var judged = Judge(item, fields).ToList();
                var (decision, allRight) = Decide(item, fields);
                docs++; recognised += match is null ? 0 : 1;
                right += judged.Count(j => j.Correct); truth += judged.Count(j => j.HasTruth);
                predicted += judged.Count(j => j.Field is not null); confidence += judged.Where(j => j.Field is not null).Sum(j => j.Field!.Confidence);
                if (decision == Decision.Automated) { automated++; if (allRight) automatedRight++; }
            }
        }
        Console.WriteLine($"  {k,9} {docs,9} {Pct(recognised, docs),10} {Pct(right, truth),9} {(predicted == 0 ? 0 : confidence / predicted),9:0.000} {Pct(automated, docs),9} {Pct(automatedRight, automated),9}");
    }
    Console.WriteLine();

    Console.WriteLine("Learning curve (held-out fold, one customer per source, every document not automated is corrected):");
    Console.WriteLine($"  {"reviewed before",15} {"documents",9} {"recognised",10} {"accuracy",9} {"mean conf",9} {"automated",9} {"all-right",9} {"type (local)",12}");
    foreach (var (k, r) in rows)
        Console.WriteLine($"  {(k == 5 ? "5+" : k.ToString(CultureInfo.InvariantCulture)),15} {r.Docs,9} {Pct(r.Recognised, r.Docs),10} {Pct(r.Right, r.Truth),9} {(r.Fields == 0 ? 0 : r.Confidence / r.Fields),9:0.000} {Pct(r.Automated, r.Docs),9} {Pct(r.AutomatedRight, r.Automated),9} {Pct(r.TypeRight, r.Docs),6} ({Pct(r.LocalTypeRight, r.Docs)})");
    Console.WriteLine($"  type right over the stream: {Pct(rows.Values.Sum(r => r.TypeRight), rows.Values.Sum(r => r.Docs))} with vendor memory, {Pct(rows.Values.Sum(r => r.LocalTypeRight), rows.Values.Sum(r => r.Docs))} by the local type model alone");
    Console.WriteLine();

    (Decision Decision, bool AllRight) Decide(Item item, IReadOnlyList<ExtractedField> fields)
    {
        var report = ValidationRules.Validate(item.ExpectedType, fields, [], settings.AmountTolerance, null);
        var outcome = AutomationScoring.Score(item.ExpectedType, fields, report, settings);
        var required = ValidationRules.RequiredFields[item.ExpectedType];
        var allRight = Judge(item, fields).Where(j => j.Field is not null && required.Contains(j.Field.Name)).All(j => j.Correct);
        return (outcome.Decision, allRight);
    }
}

IEnumerable<Judgement> Judge(Item item, IReadOnlyList<ExtractedField> fields)
{
    var got = fields.GroupBy(f => Key(f.Name)).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.First());
    // Only fields the source labels count; a prediction for a field the source never records is neither right nor wrong.
    foreach (var key in compared.Where(item.Labelled.Contains))
    {
        var hasTruth = item.Truth.TryGetProperty(key, out var t) && t.ValueKind is not JsonValueKind.Null;
        var predicted = got.TryGetValue(key, out var field);
        if (!hasTruth && !predicted) continue;
        yield return new Judgement(key, hasTruth ? t.ToString() : null, predicted ? field : null, hasTruth && predicted && Same(key, t, field!), hasTruth);
    }
}

// What a person confirms when reviewing an item: its labelled truth, as fields of the item's type.
static IReadOnlyList<ExtractedField> Confirmed(Item item)
{
    var receipt = item.ExpectedType == DocumentType.Receipt;
    var fields = new List<ExtractedField>();
    foreach (var key in item.Labelled)
    {
        if (!item.Truth.TryGetProperty(key, out var t) || t.ValueKind is JsonValueKind.Null) continue;
        var name = key switch
        {
            "invoice_number" => FieldNames.InvoiceNumber,
            "date" => receipt ? FieldNames.TransactionDate : FieldNames.InvoiceDate,
            "due_date" => FieldNames.DueDate,
            "total" => FieldNames.Total,
            "subtotal" => FieldNames.Subtotal,
            "tax" => FieldNames.Tax,
            "amount_due" => FieldNames.AmountDue,
            "currency" => FieldNames.Currency,
            "vendor_name" => receipt ? FieldNames.MerchantName : FieldNames.VendorName,
            "address" => receipt ? FieldNames.MerchantAddress : FieldNames.VendorAddress,
            "vendor_tax_id" => FieldNames.VendorTaxId,
            "customer_name" => FieldNames.CustomerName,
            _ => null,
        };
        if (name is null) continue;
        var value = t.ValueKind == JsonValueKind.Number ? t.GetDecimal().ToString(CultureInfo.InvariantCulture) : t.GetString();
        if (FieldValues.Problem(name, value) is null && FieldValues.Corrected(name, value, 1) is { } field) fields.Add(field);
    }
    return fields;
}

// One customer's stream of documents in id order, with vendor memory: each document is extracted, recognised against
// the profiles learned so far, given what was learned, and then (when learnFrom says so) reviewed: its confirmed fields
// teach its profile. Yields each document's fields and how many reviewed documents of its true vendor came before.
static IEnumerable<(Item Item, IReadOnlyList<ExtractedField> Fields, int Taught, VendorMatch? Match, DocumentType Type)> Stream(
    IEnumerable<Item> items, ConfidenceCalibration calibration, Func<Item, IReadOnlyList<ExtractedField>, bool> learnFrom)
{
    var profiles = new List<VendorProfile>();
    var taught = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var item in items)
    {
        var vendor = item.Truth.TryGetProperty("vendor_name", out var v) ? Compact(v.ToString()) : item.Input;
        var extracted = LocalExtractor.Extract(item.Text, item.ExpectedType, calibration).Fields;
        var fingerprint = VendorMemory.Fingerprint(item.Text);
        var match = VendorMemory.Recognise(fingerprint, profiles);
        var fields = match is null ? extracted : VendorMemory.Apply(item.Text, item.ExpectedType, extracted, match, calibration);
        var type = match?.Profile.LearnedType() is { } learnedType ? learnedType.Type : LocalTypeClassifier.Classify(item.Text).Type;
        yield return (item, fields, taught.GetValueOrDefault(vendor), match, type);
        if (!learnFrom(item, fields)) continue;
        var (print, learned) = VendorMemory.Learn(item.Text, Confirmed(item));
        var id = match?.Profile.Id ?? Guid.NewGuid();
        var e = new VendorProfileLearned(id, Guid.NewGuid(), print.TaxIds, print.Ibans, print.Header, learned, 1, DateTimeOffset.UnixEpoch, item.ExpectedType);
        if (match is not null) match.Profile.Apply(e); else profiles.Add(VendorProfile.Create(e));
        taught[vendor] = taught.GetValueOrDefault(vendor) + 1;
    }
}

static IReadOnlyList<ExtractedField> Recalibrate(IReadOnlyList<ExtractedField> fields, DocumentType type, ConfidenceCalibration calibration) =>
    fields.Select(f => f.Evidence is null ? f : f with
    {
        Confidence = calibration.Probability(f.Name, type, f.Evidence),
        Evidence = f.Evidence with { Calibration = calibration.Version },
    }).ToList();

static void Print(string title, Dictionary<string, Tally> rows, IEnumerable<IGrouping<string, (string Source, string Key, double Confidence, bool Correct)>> heldOut)
{
    var ece = heldOut.ToDictionary(g => g.Key, g => Reliability.Of(g.Select(h => (h.Confidence, h.Correct))).ExpectedCalibrationError, StringComparer.Ordinal);
    Console.WriteLine(title);
    Console.WriteLine($"  {"",-14} {"correct/truth",14} {"accuracy",9} {"precision",10} {"ECE held-out",13}");
    foreach (var (name, v) in rows.OrderBy(k => k.Key, StringComparer.Ordinal))
        Console.WriteLine($"  {name,-14} {v.Correct,6}/{v.Truth,-7} {Pct(v.Correct, v.Truth),9} {Pct(v.Correct, v.Predicted),10} {(ece.TryGetValue(name, out var e) ? e.ToString("0.000", CultureInfo.InvariantCulture) : "-"),13}");
    var sc = rows.Values.Sum(v => v.Correct); var st = rows.Values.Sum(v => v.Truth); var sp = rows.Values.Sum(v => v.Predicted);
    Console.WriteLine($"  {"all",-14} {sc,6}/{st,-7} {Pct(sc, st),9} {Pct(sc, sp),10}");
    Console.WriteLine();
}

static string Pct(int a, int b) => b == 0 ? "-" : (100.0 * a / b).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static void Bump(Dictionary<string, Tally> d, string key, Judgement j)
{
    var v = d.GetValueOrDefault(key) ?? new Tally();
    d[key] = new Tally(v.Correct + (j.Correct ? 1 : 0), v.Truth + (j.HasTruth ? 1 : 0), v.Predicted + (j.Field is not null ? 1 : 0));
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
        // An address is printed over several lines; the labellers joined them with commas, full stops or nothing, as
        // each chose ("TAMPOI,81200" labelled "TAMPOI 81200"). The same letters and digits in the same order are the
        // same address; the extractor keeps the punctuation as printed.
        case "address":
            return Compact(got.Text) == Compact(truth.ToString());
        default:
            return NormalizeText(got.Text) == NormalizeText(truth.ToString());
    }
}

static string Compact(string? s) => new((s ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

// Case- and whitespace-insensitive.
static string NormalizeText(string? s) => new((s ?? "").Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray());

static IEnumerable<Item> LoadItems(string root, string index, string? only)
{
    foreach (var json in File.ReadLines(index))
    {
        var e = JsonDocument.Parse(json).RootElement;
        if (!e.GetProperty("has_text").GetBoolean()) continue;
        var input = e.GetProperty("input").GetString()!;
        if (only is not null && !input.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
        var path = Path.Combine(root, input);
        var id = e.GetProperty("item_id").GetString()!;
        var truthPath = Path.Combine(Path.GetDirectoryName(path)!, id + ".truth.json");
        if (!File.Exists(path) || !File.Exists(truthPath)) continue;
        var truth = JsonDocument.Parse(File.ReadAllText(truthPath)).RootElement;
        var expected = truth.GetProperty("doc_type").GetString() switch
        {
            "invoice" => DocumentType.Invoice,
            "receipt" => DocumentType.Receipt,
            "credit_note" => DocumentType.CreditNote,
            _ => DocumentType.PurchaseOrder,
        };
        var fit = SHA1.HashData(Encoding.UTF8.GetBytes(e.GetProperty("source").GetString() + "/" + id))[0] % 2 == 0;
        yield return new Item(e.GetProperty("source").GetString()!, input, Load(path), truth, expected,
            e.GetProperty("truth_fields").EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal), fit);
    }
}

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

sealed record Item(string Source, string Input, DocumentText Text, JsonElement Truth, DocumentType ExpectedType, HashSet<string> Labelled, bool Fit);

sealed record Judgement(string Key, string? Truth, ExtractedField? Field, bool Correct, bool HasTruth);

sealed record Tally(int Correct = 0, int Truth = 0, int Predicted = 0);
