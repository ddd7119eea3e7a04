using System.ComponentModel.DataAnnotations;

namespace Monolith.Documents.Ocr;

/// <summary>
/// How images and scanned PDFs are read (section <c>Documents:Ocr</c>), validated at start-up. OCR is CPU-heavy:
/// <see cref="MaxConcurrency"/> bounds how many pages are read at once so it cannot starve uploads and API calls.
/// </summary>
public sealed class OcrOptions : IValidatableObject
{
    public const string Section = "Documents:Ocr";

    /// <summary>
    /// <c>local</c> (default: RapidOcr with the PP-OCRv5 models shipped in the package, nothing leaves the machine),
    /// <c>azure</c> (Document Intelligence <c>prebuilt-read</c>, needs <c>Documents:Azure</c>) or <c>none</c> (images
    /// and scans go to review with <c>no-text-layer</c>, or to the remote extraction provider when one is configured).
    /// </summary>
    [Required]
    public string Provider { get; set; } = "local";

    /// <summary>Pages read at the same time on one node; further pages wait their turn.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Threads one page's inference may use (ONNX Runtime intra-op threads).</summary>
    [Range(1, 64)]
    public int ThreadsPerPage { get; set; } = Math.Max(1, Environment.ProcessorCount / Math.Max(1, Environment.ProcessorCount / 2));

    /// <summary>Longest time reading one document may take; beyond it the document goes to review with <c>ocr-timeout</c>.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Images or scanned PDFs with more pages fail with <c>too-many-pages</c> (OCR costs seconds a page).</summary>
    [Range(1, 1000)]
    public int MaxPages { get; set; } = 20;

    /// <summary>Largest page in pixels (width × height, after decoding); beyond it the document fails with <c>image-too-large</c>.</summary>
    [Range(10_000, 500_000_000)]
    public long MaxPixelsPerPage { get; set; } = 50_000_000;

    /// <summary>Longest side of a page in pixels; a 1 × 1,000,000 strip is refused like a huge page.</summary>
    [Range(100, 100_000)]
    public int MaxSidePixels { get; set; } = 20_000;

    /// <summary>Resolution scanned PDF pages are rendered at before reading.</summary>
    [Range(72, 600)]
    public int PdfDpi { get; set; } = 200;

    /// <summary>Pages whose longer side is shorter than this are enlarged (small text reads better larger), at most 3×.</summary>
    [Range(0, 10_000)]
    public int UpscaleBelowPixels { get; set; } = 1000;

    /// <summary>Pages whose longer side exceeds this are reduced before reading (a 48-megapixel photo reads no better and costs far more).</summary>
    [Range(500, 20_000)]
    public int DownscaleAbovePixels { get; set; } = 2400;

    /// <summary>Folder with the OCR models (<c>models/v5</c> under the application's folder by default).</summary>
    public string? ModelsDirectory { get; set; }

    public string ResolvedModelsDirectory => string.IsNullOrWhiteSpace(ModelsDirectory)
        ? Path.Combine(AppContext.BaseDirectory, "models", "v5")
        : Path.GetFullPath(ModelsDirectory);

    public static readonly string[] Providers = ["local", "azure", "none"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Providers.Contains(Provider, StringComparer.OrdinalIgnoreCase))
            yield return new ValidationResult($"Documents:Ocr:Provider must be one of {string.Join(", ", Providers)} (was '{Provider}').", [nameof(Provider)]);
        if (string.Equals(Provider, "local", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(ResolvedModelsDirectory))
            yield return new ValidationResult($"Documents:Ocr:ModelsDirectory '{ResolvedModelsDirectory}' does not exist (the OCR models are copied there at build).", [nameof(ModelsDirectory)]);
    }
}
