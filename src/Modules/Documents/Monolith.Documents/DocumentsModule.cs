using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Options;
using Monolith.Documents.Extraction;
using Monolith.Documents.Extraction.Azure;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Extraction.OpenAI;
using Monolith.Documents.Features.ReceiveDocument;
using Monolith.Documents.Processing;
using Monolith.Documents.Scoring;
using Monolith.Documents.Storage;
using Wolverine;

namespace Monolith.Documents;

/// <summary>The Documents module's public surface: its registration. Contracts live in Monolith.Documents.Contracts.</summary>
public static class DocumentsModule
{
    public static IServiceCollection AddDocumentsModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<DocumentsOptions>(DocumentsOptions.Section);
        services.AddValidatedOptions<AutomationSettings>(AutomationSettings.Section);
        services.AddValidatedOptions<Ocr.OcrOptions>(Ocr.OcrOptions.Section);
        services.AddSingleton<DocumentFiles>();
        services.AddSingleton<IExtractionProvider, LocalExtractionProvider>();
        services.AddSingleton<Ocr.LocalOcrEngine>();
        services.AddSingleton<Ocr.IOcrEngine>(sp => sp.GetRequiredService<Ocr.LocalOcrEngine>());
        services.AddAzureDocumentIntelligence();
        services.AddOpenAIExtraction();
        services.AddSingleton<DocumentPipeline>();
        services.AddHostedService<Classification.TypeModelWarmup>();

        services.ConfigureMarten(o =>
        {
            o.Projections.Snapshot<ProcessedDocument>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<AutomationSettingsProfile>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<Learning.VendorProfile>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<Learning.CustomerModel>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<Features.Rescore.RescoreRun>(SnapshotLifecycle.Inline);
            o.Schema.For<ProcessedDocument>().Index(d => d.CompletedAt!);
            o.Schema.For<ProcessedDocument>().Index(d => d.DuplicateKey!);
            o.Schema.For<DocumentTextRecord>();
            o.Schema.For<Learning.LearnedModelFile>();
            o.Storage.ExtendedSchemaObjects.Add(DocumentFiles.Table(o.DatabaseSchemaName));
        });
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(DocumentsModule).Assembly));
        services.AddSingleton<IWolverineExtension, DocumentQueues>();
        return services;
    }

    /// <summary>The pipeline's durable queue, with the configured parallelism.</summary>
    private sealed class DocumentQueues(IOptions<DocumentsOptions> options) : IWolverineExtension
    {
        public void Configure(WolverineOptions o)
        {
            o.LocalQueueFor<ProcessDocument>()
                .MaximumParallelMessages(options.Value.ProcessingConcurrency)
                .UseDurableInbox();
            // One batch at a time: a run's progress is one stream, appended by each batch.
            o.LocalQueueFor<Features.Rescore.RescoreBatch>().Sequential().UseDurableInbox();
        }
    }
}
