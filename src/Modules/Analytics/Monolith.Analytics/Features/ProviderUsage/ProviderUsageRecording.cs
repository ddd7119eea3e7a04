using Monolith.BuildingBlocks.Messaging;
using JasperFx;
using Marten;

namespace Monolith.Analytics.Features.ProviderUsage;

/// <summary>
/// Analytics observed one call to an outside provider made for a source item (a document, an analysis);
/// <see cref="Ungrounded"/>: evidence of the answer whose quote was not on the cited page (removed).
/// </summary>
public sealed record ProviderUsageObserved(
    string Source,
    string SourceId,
    string Provider,
    string? Model,
    string Step,
    int InputTokens,
    int OutputTokens,
    decimal CostUsd,
    long LatencyMs,
    bool CacheHit,
    bool Succeeded,
    DateTimeOffset At,
    int Ungrounded = 0);

/// <summary>One provider call in Analytics' vocabulary, as an inbound handler hands it over.</summary>
public sealed record UsageItem(string Provider, string? Model, string Step, int InputTokens, int OutputTokens, decimal CostUsd,
    long LatencyMs, bool CacheHit, bool Succeeded, int Ungrounded = 0);

/// <summary>
/// Analytics-internal command: record the provider usage of one source item. Inbound handlers of other modules'
/// completion messages either cascade it (own transaction, durable local queue) or call
/// <see cref="ProviderUsageRecording.RecordAsync"/> in their own transaction.
/// </summary>
/// <param name="Source">What kind of item: <c>document</c>, <c>supplier-analysis</c>, <c>prospect-analysis</c>.</param>
/// <param name="At">When the calls completed; the day they are counted on.</param>
public sealed record RecordProviderUsage(string Source, string SourceId, DateTimeOffset At, IReadOnlyList<UsageItem> Items);

/// <summary>Whether a source item's usage was recorded: an inline snapshot of Analytics' stream for that item.</summary>
public sealed class ProviderUsageLog : IRevisioned
{
    public Guid Id { get; set; }
    public string Source { get; set; } = "";
    public string SourceId { get; set; } = "";
    public int Calls { get; set; }
    public int Version { get; set; }

    public void Apply(ProviderUsageObserved e)
    {
        Source = e.Source;
        SourceId = e.SourceId;
        Calls++;
    }

    /// <summary>One stream per source item: a name-based (v5-style) Guid from source and id.</summary>
    public static Guid StreamIdFor(string source, string sourceId) =>
        NameBasedGuid.From($"provider-usage:{source.ToLowerInvariant()}:{sourceId}");
}

/// <summary>The public entry point for recording provider usage, once per source item.</summary>
public static class ProviderUsageRecording
{
    public const string UnknownStep = "unknown";

    /// <summary>Pure: the events for a source item's calls, or nothing when they were already recorded (a redelivered
    /// or replayed message).</summary>
    public static IReadOnlyList<ProviderUsageObserved> Decide(ProviderUsageLog? recorded, RecordProviderUsage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (recorded is { Calls: > 0 }) return [];
        return command.Items.Select(i => new ProviderUsageObserved(command.Source, command.SourceId, Clean(i.Provider, "unknown"),
            string.IsNullOrWhiteSpace(i.Model) ? null : i.Model.Trim(), Clean(i.Step, UnknownStep), Math.Max(0, i.InputTokens),
            Math.Max(0, i.OutputTokens), Math.Max(0m, i.CostUsd), Math.Max(0, i.LatencyMs), i.CacheHit, i.Succeeded, command.At, Math.Max(0, i.Ungrounded))).ToList();
    }

    /// <summary>Appends the usage to the item's stream in <paramref name="session"/>'s transaction (the caller commits).</summary>
    public static async Task RecordAsync(IDocumentSession session, RecordProviderUsage command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Items.Count == 0) return;
        var stream = await session.Events.FetchForWriting<ProviderUsageLog>(ProviderUsageLog.StreamIdFor(command.Source, command.SourceId), ct);
        stream.AppendMany(Decide(stream.Aggregate, command).Cast<object>().ToArray());
    }

    private static string Clean(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}

public static class RecordProviderUsageHandler
{
    public static Task Handle(RecordProviderUsage command, IDocumentSession session, CancellationToken ct) =>
        ProviderUsageRecording.RecordAsync(session, command, ct);
}
