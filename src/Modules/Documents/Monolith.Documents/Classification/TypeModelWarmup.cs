using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Classification;

/// <summary>
/// Loads the learned type model in the background once the host has started (≈0.3 s), so the first document does not
/// wait for it and readiness is not delayed. Logs which model classifies documents.
/// </summary>
internal sealed class TypeModelWarmup(ILogger<TypeModelWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var model = LocalTypeClassifier.Classify(new DocumentText([new TextPage(1, "INVOICE\nTotal 1.00", [])], "warm-up")).Model;
        logger.LogInformation("Documents are typed by {TypeModel}", model);
    }, stoppingToken);
}
