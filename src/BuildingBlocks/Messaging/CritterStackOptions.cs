using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Messaging;

public sealed class CritterStackOptions : IValidatableObject
{
    public const string Section = "CritterStack";

    /// <summary>PostgreSQL schema of Marten's event store and documents.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "must be a lower-case PostgreSQL identifier")]
    public string EventStoreSchema { get; set; } = "monolith";

    /// <summary>PostgreSQL schema of Wolverine's inbox, outbox, dead letters and node tables.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "must be a lower-case PostgreSQL identifier")]
    public string MessagingSchema { get; set; } = "wolverine";

    /// <summary><c>Balanced</c> (default; nodes sharing one PostgreSQL elect a leader that spreads agents and
    /// projections) or <c>Solo</c> (exactly one node; starts faster).</summary>
    [RegularExpression("^(Balanced|Solo)$", ErrorMessage = "must be 'Balanced' or 'Solo'")]
    public string DurabilityMode { get; set; } = "Balanced";

    /// <summary><c>Dynamic</c> (default: handler code compiled at first use, never stale), <c>Static</c> (pre-generated
    /// with <c>codegen write</c>) or <c>Auto</c>. See docs/benchmarks.md for the measured difference.</summary>
    [RegularExpression("^(Dynamic|Static|Auto)$", ErrorMessage = "must be 'Dynamic', 'Static' or 'Auto'")]
    public string CodeGeneration { get; set; } = "Dynamic";

    /// <summary>On shutdown, how long in-flight HTTP requests and message handlers may take to finish.</summary>
    [Range(1, 600)]
    public int DrainTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a handler that lost an optimistic-concurrency race before the message is dead-lettered.</summary>
    [Range(0, 20)]
    public int ConcurrencyRetries { get; set; } = 3;

    /// <summary>Balanced mode: seconds between a node's health checks (its heartbeat in <c>wolverine_nodes</c>;
    /// the leader also re-checks the other nodes and re-elects itself on this tick). Wolverine's default: 10.</summary>
    [Range(1, 300)]
    public int HealthCheckSeconds { get; set; } = 10;

    /// <summary>Balanced mode: how old a node's last heartbeat may be before the others treat it as dead, eject it
    /// (after two such observations) and take over its inbox, outbox and agents. Wolverine's default: 60. Too short
    /// ejects a live node that was only slow (a long GC pause, a starved CPU); too long delays a dead node's work.</summary>
    [Range(2, 3600)]
    public int StaleNodeSeconds { get; set; } = 60;

    /// <summary>Balanced mode: seconds between the sweeps that hand messages owned by a departed node back to
    /// the others. Wolverine's default: 5.</summary>
    [Range(1, 300)]
    public int NodeReassignmentSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A node heartbeats every HealthCheckSeconds: a stale timeout not above two of them ejects live nodes.
        if (StaleNodeSeconds < 2 * HealthCheckSeconds)
            yield return new ValidationResult(
                $"must be at least twice HealthCheckSeconds ({HealthCheckSeconds}), else a live node looks dead between two heartbeats",
                [nameof(StaleNodeSeconds)]);
    }
}
