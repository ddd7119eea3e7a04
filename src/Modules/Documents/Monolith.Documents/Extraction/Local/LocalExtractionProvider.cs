namespace Monolith.Documents.Extraction.Local;

/// <summary>The free, instant provider: rules and layout over the text layer; cannot read scans.</summary>
public sealed class LocalExtractionProvider : IExtractionProvider
{
    public string Name => LocalExtractor.ProviderName;

    public bool NeedsText => true;

    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Text is null || request.Text.IsEmpty)
            return Task.FromResult(new ExtractionResult([], [], Name, []));
        return Task.FromResult(LocalExtractor.Extract(request.Text, request.Type, Scoring.ConfidenceCalibration.Default, request.Ranker ?? CandidateRanker.Default));
    }
}
