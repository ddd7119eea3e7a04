using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Monolith.BuildingBlocks.CompanyAnalysis.Scanning;

/// <summary>
/// The inline snapshot of one module's company-analysis streams (Supplier, Prospect): a document exists only for a stream
/// whose events include the module's start event <typeparamref name="TStarted"/>.
/// </summary>
/// <remarks>
/// <para>Why not <c>Snapshot&lt;TDoc&gt;(SnapshotLifecycle.Inline)</c>: both modules append the event types of this folder
/// (<see cref="SiteCrawled"/>, <see cref="ProfileExtracted"/>, <see cref="AnalysisStepFailed"/>, <see cref="AnalysisRetried"/>),
/// and Marten applies a single-stream snapshot to every stream carrying an event it handles, whatever the stream's type.
/// The dispatch Marten 9 source-generates for a self-aggregating type default-constructs the document when an Apply-only
/// event meets a stream without one, so every prospect stream also grew a "phantom" <c>SupplierAnalysis</c> (no url, no
/// domain, Running forever) and vice versa — listed by the other module and answering its <c>GET /{id}</c> with 200.
/// <c>FilterIncomingEventsOnStreamType</c> does not help: Marten 9.58 applies it to asynchronous projections only, and
/// module-specific copies of the shared events would change the event type names already stored.</para>
/// <para>So this projection owns the dispatch (<see cref="Evolve"/>): the start event creates the document; any other event
/// only evolves a document that exists and was started (a phantom stored before this fix has no <c>RequestedAt</c>), and otherwise yields none — nothing is stored for another
/// module's stream, and a phantom stored before this fix is deleted when its stream next gets an event (a rebuild of the
/// projection removes them all). Marten accepts an <c>Evolve</c> override only when neither the projection nor the
/// document declares conventional <c>Apply</c>/<c>Create</c>/<c>ShouldDelete</c> methods, hence the documents'
/// <c>Start</c>/<c>On</c> methods. The projection keeps the name <c>Snapshot&lt;TDoc&gt;</c> gave it (the document type's
/// name), which rebuilds and the projection progress use.</para>
/// </remarks>
public abstract class CompanyAnalysisProjection<TDoc, TStarted> : SingleStreamProjection<TDoc, Guid>
    where TDoc : CompanyAnalysisDocument
    where TStarted : notnull
{
    /// <param name="eventTypes">The module's own event types <see cref="On"/> handles besides <typeparamref name="TStarted"/>
    /// (the shared scanning events are added here): only streams with one of these events in a save are looked at.</param>
    protected CompanyAnalysisProjection(IEnumerable<Type> eventTypes)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        Name = typeof(TDoc).Name;
        IncludeType<TStarted>();
        foreach (var type in SharedEventTypes.Concat(eventTypes)) IncludeType(type);
    }

    private static readonly Type[] SharedEventTypes = [typeof(SiteCrawled), typeof(ProfileExtracted), typeof(AnalysisStepFailed), typeof(AnalysisRetried)];

    /// <summary>The document the start event creates.</summary>
    protected abstract TDoc Start(TStarted started);

    /// <summary>Folds one of the stream's later events into the document (events it does not handle are ignored).</summary>
    protected abstract void On(TDoc analysis, object data);

    public sealed override TDoc? Evolve(TDoc? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is TStarted started) return snapshot ?? Start(started);
        if (snapshot is null || snapshot.RequestedAt == default) return null; // another module's stream: no document (a stored phantom is deleted)
        On(snapshot, e.Data);
        return snapshot;
    }
}
