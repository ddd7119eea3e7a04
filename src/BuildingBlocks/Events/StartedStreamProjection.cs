using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Monolith.BuildingBlocks.Events;

/// <summary>
/// An inline snapshot that exists only for streams started by <typeparamref name="TStarted"/>, for stores where several
/// modules' streams carry some of the same event types (the Supplier and Prospect analyses both record the Companies
/// module's step events).
/// </summary>
/// <remarks>
/// <para>Why not <c>Snapshot&lt;TDoc&gt;(SnapshotLifecycle.Inline)</c>: Marten applies a single-stream snapshot to every
/// stream carrying an event it handles, whatever the stream's type. The dispatch Marten 9 source-generates for a
/// self-aggregating type default-constructs the document when an Apply-only event meets a stream without one, so every
/// prospect stream also grew a "phantom" supplier document (no url, Running forever) and vice versa.
/// <c>FilterIncomingEventsOnStreamType</c> does not help: Marten 9.58 applies it to asynchronous projections only, and
/// module-specific copies of the shared events would change the event type names already stored.</para>
/// <para>So this projection owns the dispatch (<see cref="Evolve"/>): the start event creates the document; any other event
/// only evolves a document that exists and <see cref="IsStarted"/> (a phantom stored before the fix was not), and otherwise
/// yields none — nothing is stored for another module's stream, and a stored phantom is deleted when its stream next gets
/// an event (a rebuild removes them all). Marten accepts an <c>Evolve</c> override only when neither the projection nor
/// the document declares conventional <c>Apply</c>/<c>Create</c>/<c>ShouldDelete</c> methods. The projection keeps the
/// name <c>Snapshot&lt;TDoc&gt;</c> gave it (the document type's name), which rebuilds and the projection progress use.</para>
/// </remarks>
public abstract class StartedStreamProjection<TDoc, TStarted> : SingleStreamProjection<TDoc, Guid>
    where TDoc : class
    where TStarted : notnull
{
    /// <param name="eventTypes">The event types <see cref="On"/> handles besides <typeparamref name="TStarted"/>: only
    /// streams with one of these events in a save are looked at.</param>
    protected StartedStreamProjection(IEnumerable<Type> eventTypes)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        Name = typeof(TDoc).Name;
        IncludeType<TStarted>();
        foreach (var type in eventTypes) IncludeType(type);
    }

    /// <summary>The document the start event creates.</summary>
    protected abstract TDoc Start(TStarted started);

    /// <summary>Whether a loaded document was created by the start event (false for a phantom stored before the fix).</summary>
    protected abstract bool IsStarted(TDoc document);

    /// <summary>Folds one of the stream's later events into the document (events it does not handle are ignored).</summary>
    protected abstract void On(TDoc document, object data);

    public sealed override TDoc? Evolve(TDoc? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is TStarted started) return snapshot ?? Start(started);
        if (snapshot is null || !IsStarted(snapshot)) return null; // another module's stream: no document (a stored phantom is deleted)
        On(snapshot, e.Data);
        return snapshot;
    }
}
