using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Azure;
using Monolith.Documents.Extraction.EInvoice;
using Monolith.Documents.Extraction.Pdf;
using Monolith.Documents.Intake;
using Monolith.Documents.Ocr;
using Monolith.Documents.Scoring;
using Monolith.Documents.Validation;

namespace Monolith.Documents.Processing;

/// <summary>What processing one document produced: its events (in order) and the text read, if any.</summary>
public sealed record PipelineOutcome(IReadOnlyList<object> Events, DocumentText? Text);

/// <summary>
/// The document pipeline for one accepted document: text and layout → type → fields → validation → score and
/// decision, each step an event. Structured e-invoices are read from their XML; otherwise the configured providers
/// are tried in order. Bad content never throws: it ends the document with a reason.
/// </summary>
public sealed class DocumentPipeline(
    IEnumerable<IExtractionProvider> providers,
    AzureExtractionProvider remote,
    IEnumerable<IOcrEngine> ocrEngines,
    IOptions<DocumentsOptions> options,
    IOptions<OcrOptions> ocrOptions,
    TimeProvider clock,
    ILogger<DocumentPipeline> logger)
{
    private readonly Dictionary<string, IExtractionProvider> _providers =
        providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured OCR engine (<c>Documents:Ocr:Provider</c>), or null for <c>none</c>.</summary>
    private readonly IOcrEngine? _ocr = ocrEngines.FirstOrDefault(e => string.Equals(e.Name, ocrOptions.Value.Provider, StringComparison.OrdinalIgnoreCase));

    /// <param name="settings">The thresholds in force for this document's customer and department.</param>
    /// <param name="vendors">This customer's vendor profiles (vendor memory), read only when a document has text.</param>
    /// <param name="learned">This customer's retrained models in force (confidence, type, ranker); null or missing parts: the shipped ones.</param>
    public async Task<PipelineOutcome> RunAsync(ProcessedDocument document, byte[] content, AutomationSettings settings,
        Func<string, Task<DuplicateCandidate?>> findDuplicate, CancellationToken ct,
        Func<Task<IReadOnlyList<Learning.VendorProfile>>>? vendors = null, Learning.CustomerLearnedModels? learned = null)
    {
        var calibration = learned?.Calibration;
        var events = new List<object>();
        var id = document.Id;
        DateTimeOffset Now() => clock.GetUtcNow();
        PipelineOutcome Stop(string stage, string reason, string detail, bool review, DocumentText? text = null)
        {
            events.Add(new DocumentProcessingStopped(id, stage, reason, detail, review, Now()));
            return new PipelineOutcome(events, text);
        }

        // 1. Structured e-invoices: exact values from their XML, no provider call.
        var kind = ContentSniffer.Detect(content).Kind;
        var structured = kind switch
        {
            ContentKind.Pdf => EmbeddedInvoice.Read(content).Invoice,
            ContentKind.Xml => EInvoiceXml.Parse(content).Invoice,
            _ => null,
        };
        if (structured is not null)
        {
            events.Add(new DocumentTextRead(id, "einvoice-xml:" + structured.Format, 0, 0, Now()));
            events.Add(new DocumentClassified(id, structured.Type, 1.0, "einvoice", [], Now()));
            events.Add(new DocumentFieldsExtracted(id, structured.Result.Provider, structured.Result.Fields, structured.Result.LineItems, [], Now()));
            await ValidateAndScoreAsync(structured.Type, structured.Result, structured);
            return new PipelineOutcome(events, null);
        }
        if (kind == ContentKind.Xml) return Stop("text", "unsupported-xml", "The XML is not a UBL, CII, ZUGFeRD or Order-X document.", review: false);

        // 2. Text and layout.
        DocumentText? text = null;
        string? noTextReason = null;
        if (kind == ContentKind.Pdf)
        {
            var read = PdfTextLayer.Read(content, new PdfLimits(MaxPages: options.Value.MaxPages));
            if (read.Text is null && read.Failure != PdfFailures.NoTextLayer)
            {
                var reason = read.Failure ?? PdfFailures.Corrupt;
                return Stop("text", reason, $"The PDF could not be read ({reason}, {read.PageCount} pages).", review: false);
            }
            text = read.Text;
            noTextReason = read.Text is null ? "The PDF has no text layer (a scan?)" : null;
        }
        else if (kind == ContentKind.Text)
        {
            text = PlainText.Read(content);
        }
        else
        {
            noTextReason = "The document is an image";
        }
        if (text is { IsEmpty: true }) { text = null; noTextReason ??= "The document has no text"; }

        // Images and scans: OCR reads them into the same layout model, so everything after works unchanged. A file OCR
        // cannot open, or one beyond the limits, fails with its reason; when OCR runs but reads nothing (or times out),
        // a configured remote provider still gets its turn.
        var ocrCalls = new List<ProviderCall>();
        if (text is null && _ocr is not null && kind is ContentKind.Png or ContentKind.Jpeg or ContentKind.Tiff or ContentKind.Pdf)
        {
            var started = Stopwatch.GetTimestamp();
            var read = await _ocr.ReadAsync(new OcrRequest(id, content, kind), ct);
            ocrCalls.AddRange(read.Calls);
            if (read.Text is not null)
            {
                text = read.Text;
                var words = text.Pages.SelectMany(p => p.Words).Where(w => w.Confidence is not null).ToList();
                events.Add(new DocumentTextRead(id, text.Source, text.Pages.Count, text.FullText.Length, Now(),
                    OcrConfidence: words.Count == 0 ? null : Math.Round(words.Average(w => w.Confidence!.Value), 4),
                    OcrMilliseconds: (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
            else if (read.Failure is OcrFailures.ImageUnreadable or OcrFailures.ImageTooLarge or OcrFailures.TooManyPages)
            {
                return Stop("ocr", read.Failure, read.Detail ?? read.Failure, review: false);
            }
            else if (!remote.IsConfigured)
            {
                return Stop("ocr", read.Failure ?? OcrFailures.EngineFailed, read.Detail ?? "OCR read no text.", review: true);
            }
            else
            {
                logger.LogWarning("OCR ({Engine}) read nothing from document {DocumentId} ({Failure}); asking the remote provider", _ocr.Name, id, read.Failure);
            }
        }

        if (text is null)
        {
            // Scans and images: only an OCR-capable remote provider can read them; it classifies and extracts at once.
            if (!remote.IsConfigured)
                return Stop("text", PdfFailures.NoTextLayer, noTextReason + " and no OCR-capable provider is configured.", review: true);
            var scanned = await ClassifyRemotelyAsync(new Classification.Classification(DocumentType.Other, 0, new Dictionary<DocumentType, double>()), null);
            if (scanned is null) return Stop("classify", "remote-classification-failed", "The OCR-capable provider could not read the document.", review: true);
            events.Add(new DocumentTextRead(id, "remote-ocr", 0, 0, Now()));
            events.Add(new DocumentClassified(id, scanned.Value.Type, scanned.Value.Confidence, "remote", scanned.Value.Calls, Now()));
            events.Add(new DocumentFieldsExtracted(id, remote.Name, scanned.Value.Result.Fields, scanned.Value.Result.LineItems, [], Now()));
            await ValidateAndScoreAsync(scanned.Value.Type, scanned.Value.Result);
            return new PipelineOutcome(events, null);
        }
        if (!text.Source.StartsWith("ocr:", StringComparison.Ordinal))
            events.Add(new DocumentTextRead(id, text.Source, text.Pages.Count, text.FullText.Length, Now()));

        // 3. Type: local first (free, instant); a configured remote provider only when the local classifier is unsure.
        //    A vendor this customer's reviewers taught (vendor memory) is recognised first: its confirmed type wins.
        var match = vendors is not null && await vendors() is { Count: > 0 } profiles
            ? Learning.VendorMemory.Recognise(Learning.VendorMemory.Fingerprint(text), profiles) : null;
        var classification = LocalTypeClassifier.Classify(text, learned?.TypeModel);
        var method = "local";
        if (match?.Profile.LearnedType() is { } learnedType && learnedType.Type != classification.Type)
        {
            classification = classification with { Type = learnedType.Type, Confidence = Math.Round(1 - (1.0 / (learnedType.Count + 1)), 3) };
            method = "vendor-memory";
        }
        var type = classification.Type;
        if (method == "local" && classification.Confidence < options.Value.RemoteClassificationThreshold && remote.IsConfigured)
        {
            var remoteResult = await ClassifyRemotelyAsync(classification, text);
            if (remoteResult is { } r)
            {
                events.Add(new DocumentClassified(id, r.Type, r.Confidence, "remote", r.Calls, Now()));
                // The remote call that classified the document also extracted it: no second call.
                events.Add(new DocumentFieldsExtracted(id, remote.Name, r.Result.Fields, r.Result.LineItems, ocrCalls, Now()));
                await ValidateAndScoreAsync(r.Type, r.Result, read: text);
                return new PipelineOutcome(events, text);
            }
        }
        events.Add(new DocumentClassified(id, type, Math.Round(classification.Confidence, 4), method, [], Now(), classification.Model));

        // 4. Fields: the configured providers for this type, in order, until one succeeds.
        ExtractionResult? result = null;
        var calls = new List<ProviderCall>(ocrCalls);
        foreach (var name in options.Value.ProvidersFor(type))
        {
            if (!_providers.TryGetValue(name, out var provider)) continue;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var extracted = await provider.ExtractAsync(new ExtractionRequest(id, type, content, document.MediaType, text, learned?.Ranker), ct);
                calls.AddRange(extracted.Calls);
                result = extracted;
                break;
            }
            catch (ExtractionProviderException e)
            {
                // The provider's own record of the call: model, attempts, tokens and its error code.
                logger.LogWarning("Extraction provider {Provider} failed for document {DocumentId}: {ErrorCode}", name, id, e.ErrorCode);
                calls.Add(e.Call ?? new ProviderCall(name, "extract", null, e.Attempts, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, e.ErrorCode));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning("Extraction provider {Provider} failed for document {DocumentId}: {Error}", name, id, e.GetType().Name);
                calls.Add(new ProviderCall(name, "extract", null, 1, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, e.GetType().Name));
            }
        }
        if (result is null)
            return Stop("extract", "extraction-failed", $"No extraction provider succeeded ({string.Join(", ", options.Value.ProvidersFor(type))}).", review: true, text);
        // The customer's own confidence model, when retraining activated one, scores the evidence.
        if (calibration is not null && calibration.Version != Scoring.ConfidenceCalibration.Default.Version)
            result = result with { Fields = result.Fields.Select(f => f.Evidence is null ? f : f with
            {
                Evidence = f.Evidence with { Calibration = calibration.Version },
                Confidence = calibration.Probability(f.Name, type, f.Evidence),
            }).ToList() };
        // Vendor memory: a vendor this customer's reviewers taught gets what they confirmed (recorded, then applied).
        if (match is not null)
        {
            var remembered = Learning.VendorMemory.Apply(text, type, result.Fields, match, calibration ?? Scoring.ConfidenceCalibration.Default);
            var applied = remembered.Where(f => f.Evidence?.Method is "vendor-memory" or "vendor-anchor").Select(f => f.Name).ToList();
            events.Add(new DocumentVendorRecognized(id, match.Profile.Id, match.MatchedBy, Math.Round(match.Similarity, 3), match.Profile.Documents, applied, Now()));
            result = result with { Fields = remembered };
        }
        events.Add(new DocumentFieldsExtracted(id, result.Provider, result.Fields, result.LineItems, calls, Now()));

        await ValidateAndScoreAsync(type, result, read: text);
        return new PipelineOutcome(events, text);

        // Asks the models of the likeliest types in parallel; the answer with the most confident document type wins.
        async Task<(DocumentType Type, double Confidence, ExtractionResult Result, IReadOnlyList<ProviderCall> Calls)?> ClassifyRemotelyAsync(
            Classification.Classification local, DocumentText? localText)
        {
            var candidates = RemoteClassification.Candidates(local, options.Value.RemoteClassificationMaxModels, remote.ModelFor);
            var attempts = await Task.WhenAll(candidates.Select(async candidate =>
            {
                try
                {
                    var analysed = await remote.AnalyzeAsync(new ExtractionRequest(id, candidate, content, document.MediaType, localText), ct);
                    return (Candidate: candidate, Analysis: analysed, Call: analysed.Call);
                }
                catch (ExtractionProviderException e)
                {
                    return (Candidate: candidate, Analysis: (AzureExtraction?)null, Call: e.Call ?? new ProviderCall(remote.Name, "analyze", remote.ModelFor(candidate), e.Attempts, 0, false, e.ErrorCode));
                }
            }));
            var calls = attempts.Select(a => a.Call).ToList();
            var best = attempts.Where(a => a.Analysis is not null)
                .OrderByDescending(a => a.Analysis!.Document.DocTypeConfidence ?? 0)
                .FirstOrDefault();
            if (best.Analysis is null) return null;
            var chosen = RemoteClassification.FromRemote(best.Analysis.Document.DocType) ?? best.Candidate;
            var result = new ExtractionResult(best.Analysis.Document.Fields.Where(f => f.Name != AzureDocumentMapper.DocTypeField).ToList(),
                best.Analysis.Document.LineItems, remote.Name, calls);
            return (chosen, Math.Round(best.Analysis.Document.DocTypeConfidence ?? 0, 4), result, calls);
        }

        // A structured e-invoice is validated by EN 16931's own calculation rules instead of the generic arithmetic.
        // The text read, when there is one, lets the cross-checks find the printed tax rate.
        async Task ValidateAndScoreAsync(DocumentType documentType, ExtractionResult extraction, EInvoiceResult? einvoice = null, DocumentText? read = null)
        {
            var key = ProcessedDocument.DuplicateKeyOf(extraction.Fields);
            var duplicate = key is null ? null : await findDuplicate(key);
            var report = einvoice is not null
                ? EInvoiceValidation.Validate(einvoice, settings.AmountTolerance, duplicate)
                : ValidationRules.Validate(documentType, extraction.Fields, extraction.LineItems, settings.AmountTolerance, duplicate,
                    read is null ? null : new CrossCheckInputs(Ibans: Iban.FindInText(read.FullText), Text: read.FullText));
            events.Add(new DocumentValidated(id, report.Rules, Math.Round(report.Score, 4), Now()));
            var outcome = AutomationScoring.Score(documentType, extraction.Fields, report, settings);
            events.Add(new DocumentScored(id, outcome.Scores, outcome.Decision, outcome.Reasons, outcome.SettingsVersion, Now()));
        }
    }
}
