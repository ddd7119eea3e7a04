using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monolith.Documents.Extraction;
using RapidOcrNet;
using SkiaSharp;

namespace Monolith.Documents.Ocr;

/// <summary>
/// Local OCR: RapidOcr running the PP-OCRv5 detection, orientation and (Latin) recognition models shipped in its
/// package, on ONNX Runtime, nothing sent anywhere. Pages are read one at a time per document; at most
/// <see cref="OcrOptions.MaxConcurrency"/> pages on the node at once (the rest wait without holding a thread), each with
/// <see cref="OcrOptions.ThreadsPerPage"/> inference threads. Small pages are enlarged, huge ones reduced; a page
/// whose lines stand upright or upside down is turned and read again; the slant of its lines is measured for the layout.
/// </summary>
public sealed class LocalOcrEngine(IOptions<OcrOptions> options, ILogger<LocalOcrEngine> logger) : IOcrEngine, IDisposable
{
    public const string EngineName = "local";

    /// <summary>Recorded as the text's source, with the model set, so a re-read with other models is told apart.</summary>
    public const string Source = "ocr:local:pp-ocrv5";

    private readonly OcrOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly ConcurrentBag<RapidOcr> _idle = [];
    private readonly ConcurrentBag<RapidOcr> _all = [];

    public string Name => EngineName;

    public async Task<OcrResult> ReadAsync(OcrRequest request, CancellationToken ct)
    {
        var opened = PageImageSource.Open(request.Content, request.Kind, PageImageLimits.From(_options));
        if (opened.Images is null)
            return OcrResult.Failed(opened.Failure ?? OcrFailures.ImageUnreadable, opened.Detail ?? "The image could not be read.");

        using var images = opened.Images;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        var pages = new List<TextPage>(images.PageCount);
        try
        {
            for (var index = 0; index < images.PageCount; index++)
            {
                await _slots.WaitAsync(budget.Token);
                var engine = _idle.TryTake(out var idle) ? idle : null;
                try
                {
                    var number = index + 1;
                    var page = index;
                    engine ??= Create();
                    var read = await Task.Run(() =>
                    {
                        using var bitmap = images.Decode(page);
                        return ReadPage(engine, bitmap, number, budget.Token);
                    }, budget.Token);
                    pages.Add(read);
                }
                finally
                {
                    if (engine is not null) _idle.Add(engine);
                    _slots.Release();
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return OcrResult.Failed(OcrFailures.Timeout,
                $"Reading took longer than {_options.TimeoutSeconds} s (Documents:Ocr:TimeoutSeconds) after {pages.Count} of {images.PageCount} pages.");
        }
        catch (PageImageException e)
        {
            return OcrResult.Failed(e.Failure, e.Message);
        }
#pragma warning disable CA1031 // a native or model failure must end this document with a reason, never the process or the queue.
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Local OCR failed for document {DocumentId}", request.DocumentId);
            return OcrResult.Failed(OcrFailures.EngineFailed, $"The local OCR engine failed ({e.GetType().Name}).");
        }

        var text = new DocumentText(pages, Source);
        logger.LogInformation("Local OCR read {Pages} pages of document {DocumentId} in {Elapsed} ms", pages.Count, request.DocumentId,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return text.IsEmpty
            ? OcrResult.Failed(OcrFailures.NoText, $"No text was found on {pages.Count} page(s).")
            : new OcrResult(text, null, null, []);
    }

    /// <summary>Reads one upright page: resized to a size the models read well, turned when its lines say so.</summary>
    private TextPage ReadPage(RapidOcr engine, SKBitmap bitmap, int number, CancellationToken ct)
    {
        var longest = Math.Max(bitmap.Width, bitmap.Height);
        var scale = longest < _options.UpscaleBelowPixels ? Math.Min(3.0, (double)_options.UpscaleBelowPixels / longest)
            : longest > _options.DownscaleAbovePixels ? (double)_options.DownscaleAbovePixels / longest
            : 1.0;
        using var scaled = scale == 1.0 ? null : Resize(bitmap, scale);
        var source = scaled ?? bitmap;

        // The engine reads a sideways or upside-down line too (it turns each crop), so how well a reading went cannot
        // tell the orientation; the lines' shapes can: most long lines standing means the page lies on its side, most
        // lines turned over means it is upside down. A page on its side is read both ways; the way that leaves fewer
        // lines upside down wins.
        var best = (Turn: 0, Lines: Detect(engine, source, ct));
        switch (OcrLayout.SuggestedTurn(best.Lines))
        {
            case 180:
                best = (180, DetectTurned(engine, source, 180, ct));
                break;
            case 90:
                var clockwise = DetectTurned(engine, source, 90, ct);
                var counter = DetectTurned(engine, source, 270, ct);
                best = OcrLayout.UpsideDownShare(clockwise) <= OcrLayout.UpsideDownShare(counter) ? (90, clockwise) : (270, counter);
                break;
        }
        var (width, height) = best.Turn is 90 or 270 ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        return OcrLayout.ToPage(number, best.Lines, width, height, scale, best.Turn);
    }

    private static IReadOnlyList<OcrLine> DetectTurned(RapidOcr engine, SKBitmap bitmap, int degrees, CancellationToken ct)
    {
        using var turned = Turn(bitmap, degrees);
        return Detect(engine, turned, ct);
    }

    private static IReadOnlyList<OcrLine> Detect(RapidOcr engine, SKBitmap bitmap, CancellationToken ct)
    {
        var result = engine.Detect(bitmap, RapidOcrOptions.Default with { ReturnWordBox = true }, ct);
        return result.TextBlocks.Select(ToLine).ToList();
    }

    private static OcrLine ToLine(TextBlock block)
    {
        var corners = (block.BoxPoints ?? []).Select(p => ((double)p.X, (double)p.Y)).ToList();
        var words = block.WordResults is { Length: > 0 } results
            ? results.Where(w => !string.IsNullOrWhiteSpace(w.Text)).Select(w => Box(w.Text, w.BoxPoints, w.Score)).ToList()
            : [Box(block.Text, block.BoxPoints, block.CharScores is { Length: > 0 } s ? s.Average() : block.BoxScore)];
        return new OcrLine(block.Text ?? "", corners, words, block.AngleIndex == 1);
    }

    private static OcrWordBox Box(string text, SKPointI[]? points, float score)
    {
        if (points is not { Length: > 0 }) return new OcrWordBox(text, 0, 0, 0, 0, score);
        var (left, top) = (points.Min(p => p.X), points.Min(p => p.Y));
        return new OcrWordBox(text, left, top, Math.Max(1, points.Max(p => p.X) - left), Math.Max(1, points.Max(p => p.Y) - top),
            Math.Clamp(score, 0, 1));
    }

    private static SKBitmap Resize(SKBitmap bitmap, double scale)
    {
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(bitmap.Width * scale)), Math.Max(1, (int)Math.Round(bitmap.Height * scale)),
            bitmap.ColorType, bitmap.AlphaType);
        return bitmap.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("The page could not be resized.");
    }

    /// <summary>The bitmap turned clockwise by <paramref name="degrees"/> (90, 180 or 270).</summary>
    internal static SKBitmap Turn(SKBitmap bitmap, int degrees)
    {
        var swap = degrees is 90 or 270;
        var turned = new SKBitmap(new SKImageInfo(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, bitmap.ColorType, bitmap.AlphaType));
        using var canvas = new SKCanvas(turned);
        canvas.Clear(SKColors.White);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return turned;
    }

    private RapidOcr Create()
    {
        var dir = _options.ResolvedModelsDirectory;
        var engine = new RapidOcr();
        engine.InitModels(RapidOcrModelSet.PPOCRv5Latin with
        {
            DetModelPath = Path.Combine(dir, Path.GetFileName(RapidOcrModelSet.PPOCRv5Latin.DetModelPath)),
            ClsModelPath = Path.Combine(dir, Path.GetFileName(RapidOcrModelSet.PPOCRv5Latin.ClsModelPath)),
            RecModelPath = Path.Combine(dir, Path.GetFileName(RapidOcrModelSet.PPOCRv5Latin.RecModelPath)),
            KeysPath = Path.Combine(dir, Path.GetFileName(RapidOcrModelSet.PPOCRv5Latin.KeysPath)),
        }, _options.ThreadsPerPage);
        _all.Add(engine);
        return engine;
    }

    public void Dispose()
    {
        foreach (var engine in _all) engine.Dispose();
        _slots.Dispose();
    }
}
