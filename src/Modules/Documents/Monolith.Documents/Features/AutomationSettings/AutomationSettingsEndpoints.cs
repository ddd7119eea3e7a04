using Monolith.BuildingBlocks.Access;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.Documents.Scoring;
using Wolverine.Http;

namespace Monolith.Documents.Features.AutomationSettings;

public sealed record ThresholdsView(double AutomationThreshold, double ConfidenceThreshold, double CompletenessThreshold,
    double ValidationThreshold, double ManualInterventionThreshold, double Goal, string SettingsVersion)
{
    public static ThresholdsView From(Scoring.AutomationSettings s) => new(s.AutomationThreshold, s.ConfidenceThreshold,
        s.CompletenessThreshold, s.ValidationThreshold, s.ManualInterventionThreshold, s.Goal, s.Version);
}

public sealed record AutomationSettingsView(ThresholdsView Effective, ThresholdOverrides CustomerOverrides,
    IReadOnlyDictionary<string, ThresholdOverrides> Departments, int ProfileVersion, DateTimeOffset? UpdatedAt);

/// <summary>
/// Thresholds at run time, per customer and per department: configuration gives the defaults, a customer's
/// overrides apply on top, a department's on top of those. Every change is an event.
/// </summary>
public static class AutomationSettingsEndpoints
{
    [WolverineGet("/api/automation/settings", OperationId = "GetAutomationSettings")]
    [Tags("Automation settings")]
    public static async Task<AutomationSettingsView> Get(IQuerySession session, IOptions<Scoring.AutomationSettings> configured, CancellationToken ct)
    {
        var profile = await session.LoadAsync<AutomationSettingsProfile>(AutomationSettingsProfile.StreamId, ct);
        return View(configured.Value, profile, null);
    }

    [WolverineGet("/api/automation/settings/departments/{department}", OperationId = "GetDepartmentAutomationSettings")]
    [Tags("Automation settings")]
    public static async Task<AutomationSettingsView> GetDepartment(string department, IQuerySession session,
        IOptions<Scoring.AutomationSettings> configured, CancellationToken ct)
    {
        var profile = await session.LoadAsync<AutomationSettingsProfile>(AutomationSettingsProfile.StreamId, ct);
        return View(configured.Value, profile, department);
    }

    [RequiresRole(AccessRole.Admin)]
    [WolverinePut("/api/automation/settings", OperationId = "UpdateAutomationSettings")]
    [Tags("Automation settings")]
    [ProducesResponseType<AutomationSettingsView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> Put(ThresholdOverrides overrides, IDocumentSession session, IOptions<Scoring.AutomationSettings> configured,
        TimeProvider clock, CancellationToken ct) => Change(null, overrides, session, configured.Value, clock, ct);

    [RequiresRole(AccessRole.Admin)]
    [WolverinePut("/api/automation/settings/departments/{department}", OperationId = "UpdateDepartmentAutomationSettings")]
    [Tags("Automation settings")]
    [ProducesResponseType<AutomationSettingsView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static Task<IResult> PutDepartment(string department, ThresholdOverrides overrides, IDocumentSession session,
        IOptions<Scoring.AutomationSettings> configured, TimeProvider clock, CancellationToken ct) =>
        Change(department, overrides, session, configured.Value, clock, ct);

    private static async Task<IResult> Change(string? department, ThresholdOverrides overrides, IDocumentSession session,
        Scoring.AutomationSettings configured, TimeProvider clock, CancellationToken ct)
    {
        if (department is not null && (department.Length > 100 || department.Any(char.IsControl)))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["department"] = ["department must be at most 100 printable characters."] });

        var stream = await session.Events.FetchForWriting<AutomationSettingsProfile>(AutomationSettingsProfile.StreamId, ct);
        var current = stream.Aggregate;
        var basis = department is null ? configured : AutomationSettingsProfile.Effective(configured, current, null);
        var problems = overrides.Problems(overrides.ApplyTo(basis));
        if (problems.Count > 0) return Results.ValidationProblem(problems, title: "Invalid automation settings");

        var changed = new AutomationSettingsChanged(department?.Trim(), overrides, session.TenantId, clock.GetUtcNow());
        stream.AppendOne(changed);

        // The response is computed from the events, without mutating the fetched aggregate.
        var after = new AutomationSettingsProfile
        {
            Id = AutomationSettingsProfile.StreamId,
            Customer = current?.Customer ?? new ThresholdOverrides(),
            Departments = new Dictionary<string, ThresholdOverrides>(current?.Departments ?? new(), StringComparer.OrdinalIgnoreCase),
            Version = (current?.Version ?? 0) + 1,
        };
        after.Apply(changed);
        return Results.Ok(View(configured, after, department));
    }

    private static AutomationSettingsView View(Scoring.AutomationSettings configured, AutomationSettingsProfile? profile, string? department) =>
        new(ThresholdsView.From(AutomationSettingsProfile.Effective(configured, profile, department)),
            profile?.Customer ?? new ThresholdOverrides(),
            profile?.Departments ?? new Dictionary<string, ThresholdOverrides>(),
            profile?.Version ?? 0, profile?.UpdatedAt);
}
