using Monolith.BuildingBlocks.Text;
using System.Globalization;
using System.Text.Json;
using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Heuristic;

// Reads ../shared/corpus-web at run time (never copied into the repository): 207 real pages with the company name,
// description, logo and language that other projects' test suites assert. Each page is handed to the real
// HeuristicCompanyAnalyzer.ProfileAsync as a one-page site whose URL is where the page was published, and the profile
// is compared with the asserted values by the corpus' rules (see Comparison.cs).
//
//   dotnet run --project bench/CompanyProfiles -c Release -- [corpus-folder] [--verbose] [--only=source]
//
// --verbose lists every value not strictly right; --explain=<item_id> prints the name candidates and the profile of one page. Confidence lines: how often a fact given with that confidence was right (relaxed), the
// measure the rules' confidences are set from.
var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("..", "shared", "corpus-web");
var index = Path.Combine(root, "index.jsonl");
if (!File.Exists(index))
{
    Console.Error.WriteLine($"No corpus at {Path.GetFullPath(root)} (expected index.jsonl): nothing measured. Pass the corpus-web folder as the first argument.");
    return 2;
}
var verbose = args.Contains("--verbose");
var explain = args.FirstOrDefault(a => a.StartsWith("--explain=", StringComparison.Ordinal))?[10..];
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?[7..];
string[] fields = ["company_name", "description", "logo_url", "lang"];
string[] reported = [.. fields, "lang (text)"];

var analyzer = new HeuristicCompanyAnalyzer(TimeProvider.System);
var results = new List<Result>();
var misses = new List<string>();
var skipped = new List<string>();
foreach (var line in File.ReadLines(index).Where(l => l.Trim().Length > 0))
{
    using var entry = JsonDocument.Parse(line);
    var item = entry.RootElement;
    var source = item.GetProperty("source").GetString()!;
    if (only is not null && source != only) continue;
    var id = item.GetProperty("item_id").GetString()!;
    if (item.GetProperty("url").GetString() is not { } published || !Uri.TryCreate(published, UriKind.Absolute, out var url))
    {
        skipped.Add($"{source}/{id}");
        continue; // relative links cannot be resolved without where the page was published
    }
    var html = File.ReadAllText(Path.Combine(root, item.GetProperty("html").GetString()!));
    using var truthFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, item.GetProperty("truth").GetString()!)));
    var truth = truthFile.RootElement;

    var site = new SiteContent(url, "", [new SitePage(url, "Home", "text/html", html, Hashing.Sha256Hex(html))]);
    var profile = (await analyzer.ProfileAsync(site, CancellationToken.None)).Output;
    if (explain == id) Explain(site, profile);

    foreach (var field in fields.Where(f => Asserted(truth, f)))
    {
        var want = truth.GetProperty(field).GetString()!;
        var (got, confidence) = field switch
        {
            "company_name" => (profile.CompanyName?.Value, profile.CompanyName?.Confidence),
            "description" => (profile.Description?.Value, profile.Description?.Confidence),
            "logo_url" => (profile.LogoUrl?.Value, profile.LogoUrl?.Confidence),
            _ => (profile.Languages?.Value.FirstOrDefault(), profile.Languages?.Confidence),
        };
        var (strict, relaxed) = field switch
        {
            "lang" => Comparison.Language(got, want),
            "logo_url" => Comparison.Logo(got, want),
            _ => Comparison.Text(got, want),
        };
        results.Add(new Result(source, field, strict, relaxed, got is not null, confidence));
        if (field == "lang")
        {
            // The text detector alone, as if the page declared no language (the fallback the declared figures hide).
            var detected = LanguageDetector.Detect(HeuristicCompanyAnalyzer.Parse(site)[0].Text);
            var (same, _) = Comparison.Language(detected, want);
            results.Add(new Result(source, "lang (text)", same, same, detected is not null, null));
        }
        if (!strict) misses.Add($"  {(relaxed ? "~" : "x")} {source}/{id} {field}: got {Show(got)}; expected {Show(want)}");
    }
}

Console.WriteLine($"Corpus: {Path.GetFullPath(root)}, {results.Select(r => r.Source).Distinct().Count()} sources, analyzer {HeuristicCompanyAnalyzer.Version}");
if (skipped.Count > 0) Console.WriteLine($"Skipped (no published URL): {string.Join(", ", skipped)}");
Console.WriteLine();
Console.WriteLine($"{"field",-13} {"source",-12} {"n",4} {"answered",9} {"strict",16} {"relaxed",16}");
foreach (var field in reported)
{
    var ofField = results.Where(r => r.Field == field).ToList();
    foreach (var group in ofField.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        Console.WriteLine(Row(field, group.Key, group.ToList()));
    Console.WriteLine(Row(field, "ALL", ofField));
    Console.WriteLine();
}

Console.WriteLine("Confidence given vs. share right (relaxed):");
foreach (var field in fields)
    foreach (var group in results.Where(r => r.Field == field && r.Confidence is not null).GroupBy(r => Math.Round(r.Confidence!.Value, 2)).OrderByDescending(g => g.Key))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {field,-13} {group.Key,5:0.00}: {group.Count(r => r.Relaxed),3} / {group.Count(),3} = {Rate(group.Count(r => r.Relaxed), group.Count())}"));

if (verbose)
{
    Console.WriteLine();
    Console.WriteLine($"Misses ({misses.Count}; x = wrong, ~ = right only relaxed):");
    foreach (var miss in misses) Console.WriteLine(miss);
}
return 0;

static void Explain(SiteContent site, CompanyProfile profile)
{
    var pages = HeuristicCompanyAnalyzer.Parse(site);
    foreach (var candidate in CompanyNameRules.Candidates(pages))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  candidate {candidate.Weight,4:0.00} {candidate.Source,-22} \"{candidate.Name}\" → {CompanyNameRules.Compact(candidate.Name)}"));
    Console.WriteLine($"  host labels: {string.Join(", ", CompanyNameRules.HostLabels(site.Homepage.Host))}");
    foreach (var icon in pages[0].IconLinks) Console.WriteLine($"  icon {icon.Rel} {icon.Size} {icon.Url}");
    Console.WriteLine($"  name {profile.CompanyName?.Value} ({profile.CompanyName?.Confidence}); logo {profile.LogoUrl?.Value} ({profile.LogoUrl?.Confidence}); languages {string.Join(",", profile.Languages?.Value ?? [])}");
    Console.WriteLine($"  description {profile.Description?.Value} ({profile.Description?.Confidence})");
}

static bool Asserted(JsonElement truth, string field)
{
    if (!truth.GetProperty("keys_asserted").EnumerateArray().Any(k => k.GetString() == field)) return false;
    if (!truth.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String) return false;
    // A reviewer's flag other than a note ("weak: …", "suspect: …", "ambiguous: …") means the asserted value is not trusted.
    return !(truth.TryGetProperty("quality", out var quality) && quality.TryGetProperty(field, out var flag)
             && !(flag.GetString() ?? "").StartsWith("note:", StringComparison.Ordinal));
}

static string Row(string field, string source, IReadOnlyList<Result> rows) =>
    string.Create(CultureInfo.InvariantCulture,
        $"{field,-13} {source,-12} {rows.Count,4} {rows.Count(r => r.Answered),9} {rows.Count(r => r.Strict),4} {Rate(rows.Count(r => r.Strict), rows.Count),11} {rows.Count(r => r.Relaxed),4} {Rate(rows.Count(r => r.Relaxed), rows.Count),11}");

static string Rate(int hits, int total) => total == 0 ? "-" : ((double)hits / total).ToString("0.000", CultureInfo.InvariantCulture);

static string Show(string? value) => value is null ? "(none)" : value.Length > 140 ? $"\"{value[..140]}…\"" : $"\"{value}\"";

internal sealed record Result(string Source, string Field, bool Strict, bool Relaxed, bool Answered, double? Confidence);
