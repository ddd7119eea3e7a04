using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monolith.Documents.Extraction;
using Monolith.Documents.Intake;
using Monolith.Documents.Ocr;

/// <summary>
/// Reads the corpus's receipt photos with the product's local OCR engine, one at a time as a node with the default
/// settings would, timing each and watching the process's memory. With --ocr-cache=DIR the texts read are kept there
/// (and reused on the next run, without timings) so extraction changes can be measured quickly.
/// </summary>
static class PhotoReport
{
    public sealed record Reading(Dictionary<string, DocumentText?> Texts, List<double> Milliseconds, long PeakWorkingSetBytes, int Failed, bool FromCache);

    public static string PhotoOf(string root, string input) =>
        Path.Combine(root, "sroie-images", Path.GetFileNameWithoutExtension(input) + ".jpg");

    public static async Task<Reading> ReadAllAsync(string root, IReadOnlyList<string> inputs, string? cache)
    {
        var texts = new Dictionary<string, DocumentText?>(StringComparer.Ordinal);
        var cacheFile = cache is null ? null : Path.Combine(cache, "sroie-ocr.json");
        if (cacheFile is not null && File.Exists(cacheFile))
        {
            var cached = JsonSerializer.Deserialize<Dictionary<string, DocumentText?>>(File.ReadAllText(cacheFile))!;
            if (inputs.All(cached.ContainsKey))
                return new Reading(cached, [], 0, cached.Values.Count(v => v is null), true);
        }

        using var engine = new LocalOcrEngine(Options.Create(new OcrOptions()), NullLogger<LocalOcrEngine>.Instance);
        var times = new List<double>();
        var failed = 0;
        var peak = 0L;
        using var process = Process.GetCurrentProcess();
        foreach (var input in inputs)
        {
            var bytes = await File.ReadAllBytesAsync(PhotoOf(root, input));
            var started = Stopwatch.GetTimestamp();
            var result = await engine.ReadAsync(new OcrRequest(Guid.NewGuid(), bytes, ContentSniffer.Detect(bytes).Kind), CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (result.Text is null) { failed++; Console.WriteLine($"  {input}: {result.Failure} {result.Detail}"); }
            texts[input] = result.Text;
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
        }
        if (cacheFile is not null)
        {
            Directory.CreateDirectory(cache!);
            await File.WriteAllTextAsync(cacheFile, JsonSerializer.Serialize(texts));
        }
        return new Reading(texts, times, peak, failed, false);
    }

    public static void Print(int count, Reading read, int typesRight, Dictionary<string, Tally> fromText, Dictionary<string, Tally> fromPhoto)
    {
        Console.WriteLine($"Receipt photos: {count} (sroie-images), read by local OCR ({LocalOcrEngine.Source}){(read.FromCache ? " — texts from the OCR cache, no timings" : "")}");
        if (read.Milliseconds.Count > 0)
        {
            var sorted = read.Milliseconds.Order().ToList();
            double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  OCR time per receipt (one page, first includes model load): p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, max {sorted[^1]:0} ms"));
            Console.WriteLine($"  peak working set {read.PeakWorkingSetBytes / (1024 * 1024)} MiB; {read.Failed} unreadable");
        }
        Console.WriteLine($"  type detected as receipt from the photo: {typesRight}/{count}");
        Console.WriteLine($"  {"field",-10} {"provided text",14} {"photo (OCR)",14} {"difference",11}");
        foreach (var key in fromText.Keys.Union(fromPhoto.Keys).Order(StringComparer.Ordinal))
        {
            var t = fromText.GetValueOrDefault(key) ?? new Tally();
            var p = fromPhoto.GetValueOrDefault(key) ?? new Tally();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {key,-10} {Rate(t),14:0.000} {Rate(p),14:0.000} {Rate(p) - Rate(t),11:+0.000;-0.000}"));
        }
        var (tc, tt) = (fromText.Values.Sum(v => v.Correct), fromText.Values.Sum(v => v.Truth));
        var (pc, pt) = (fromPhoto.Values.Sum(v => v.Correct), fromPhoto.Values.Sum(v => v.Truth));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"all",-10} {(double)tc / Math.Max(1, tt),14:0.000} {(double)pc / Math.Max(1, pt),14:0.000} {(double)pc / Math.Max(1, pt) - (double)tc / Math.Max(1, tt),11:+0.000;-0.000}"));
    }

    private static double Rate(Tally t) => t.Truth == 0 ? 0 : (double)t.Correct / t.Truth;
}
