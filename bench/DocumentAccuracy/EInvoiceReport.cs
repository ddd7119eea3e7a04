using Monolith.Documents.Extraction.EInvoice;
using Monolith.Documents.Intake;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

/// <summary>
/// Straight-through report for structured e-invoices: every <c>*.einvoice.pdf</c> and <c>*.embedded.xml</c> under
/// <c>corpusRoot/zugferd</c> goes through the pipeline's own pure steps (read the XML, EN 16931 validation, scoring at the
/// default settings); no database. Reads the shared corpus at run time, never copies it.
/// </summary>
public static class EInvoiceReport
{
    /// <returns>False when the corpus has no e-invoice folder (nothing measured).</returns>
    public static bool Print(string corpusRoot)
    {
        var folder = Path.Combine(corpusRoot, "zugferd");
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"No e-invoice corpus at {Path.GetFullPath(folder)}; nothing measured.");
            return false;
        }
        var settings = new AutomationSettings();
        var files = Directory.GetFiles(folder, "*.einvoice.pdf").Concat(Directory.GetFiles(folder, "*.embedded.xml"))
            .Order(StringComparer.Ordinal).ToList();
        int measured = 0, straight = 0, notRead = 0;
        var failedRules = new Dictionary<string, int>(StringComparer.Ordinal);
        Console.WriteLine($"E-invoices: {files.Count} files, {Path.GetFullPath(folder)}, default settings ({settings.Version})");
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var bytes = File.ReadAllBytes(path);
            var outcome = name.EndsWith(".pdf", StringComparison.Ordinal) ? EmbeddedInvoice.Read(bytes)
                : ContentSniffer.Detect(bytes).Kind == ContentKind.Xml ? EInvoiceXml.Parse(bytes)
                : EInvoiceOutcome.Failed("not-xml");
            if (outcome.Invoice is not { } invoice)
            {
                notRead++;
                Console.WriteLine($"  {name,-72} not read: {outcome.Failure}");
                continue;
            }
            measured++;
            // The pipeline's structured branch: the same validation and scoring functions, no duplicate lookup.
            var report = EInvoiceValidation.Validate(invoice, settings.AmountTolerance, duplicate: null);
            var scored = AutomationScoring.Score(invoice.Type, invoice.Result.Fields, report, settings);
            if (scored.Decision == Decision.Automated) straight++;
            var failed = report.Rules.Where(r => r.Applicable && !r.Passed).ToList();
            foreach (var rule in failed) failedRules[rule.Rule] = failedRules.GetValueOrDefault(rule.Rule) + 1;
            var applied = report.Rules.Count(r => r.Applicable);
            Console.WriteLine($"  {name,-72} {invoice.Format,-9} {invoice.TypeCode ?? "-",-4} {invoice.Type,-13} rules {applied - failed.Count}/{applied} "
                + $"validation {scored.Scores.Validation:0.00} → {scored.Decision}");
            foreach (var rule in failed)
                Console.WriteLine($"      {(rule.Fatal ? "FAIL" : "warn")} {rule.Rule}: {rule.Message}");
            if (scored.Decision != Decision.Automated)
                foreach (var reason in scored.Reasons.Where(r => !failed.Any(f => r.StartsWith(f.Rule + ":", StringComparison.Ordinal))))
                    Console.WriteLine($"      why: {reason}");
        }
        Console.WriteLine($"straight-through {straight}/{measured}" + (notRead > 0 ? $" ({notRead} file(s) not readable as e-invoices)" : ""));
        if (failedRules.Count > 0)
            Console.WriteLine("failed rules: " + string.Join(", ", failedRules.OrderByDescending(k => k.Value).Select(k => $"{k.Key} ×{k.Value}")));
        return true;
    }
}
