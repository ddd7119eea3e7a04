using System.Security.Cryptography;
using System.Text;
using JasperFx;

namespace Monolith.Documents.Scoring;

/// <summary>Thresholds a customer overrides; null keeps the value from the level below (configuration, then customer).</summary>
public sealed record ThresholdOverrides(
    double? AutomationThreshold = null,
    double? ConfidenceThreshold = null,
    double? CompletenessThreshold = null,
    double? ValidationThreshold = null,
    double? ManualInterventionThreshold = null,
    double? Goal = null)
{
    public AutomationSettings ApplyTo(AutomationSettings basis) => new()
    {
        AutomationThreshold = AutomationThreshold ?? basis.AutomationThreshold,
        ConfidenceThreshold = ConfidenceThreshold ?? basis.ConfidenceThreshold,
        CompletenessThreshold = CompletenessThreshold ?? basis.CompletenessThreshold,
        ValidationThreshold = ValidationThreshold ?? basis.ValidationThreshold,
        ManualInterventionThreshold = ManualInterventionThreshold ?? basis.ManualInterventionThreshold,
        Goal = Goal ?? basis.Goal,
        AmountTolerance = basis.AmountTolerance,
        ConfidenceWeight = basis.ConfidenceWeight,
        CompletenessWeight = basis.CompletenessWeight,
        ValidationWeight = basis.ValidationWeight,
    };

    /// <summary>Problems keyed by field name; empty when every given value is within 0..1 and consistent.</summary>
    public Dictionary<string, string[]> Problems(AutomationSettings effective)
    {
        var problems = new Dictionary<string, string[]>();
        void Check(string name, double? value)
        {
            if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1)) problems[name] = [$"{name} must be between 0 and 1."];
        }
        Check("automationThreshold", AutomationThreshold);
        Check("confidenceThreshold", ConfidenceThreshold);
        Check("completenessThreshold", CompletenessThreshold);
        Check("validationThreshold", ValidationThreshold);
        Check("manualInterventionThreshold", ManualInterventionThreshold);
        Check("goal", Goal);
        if (problems.Count == 0 && effective.ManualInterventionThreshold > effective.AutomationThreshold)
            problems["manualInterventionThreshold"] = ["manualInterventionThreshold must not exceed automationThreshold."];
        return problems;
    }
}

/// <summary>A customer changed its thresholds (for all departments when <see cref="Department"/> is null).</summary>
public sealed record AutomationSettingsChanged(string? Department, ThresholdOverrides Overrides, string ChangedBy, DateTimeOffset At);

/// <summary>
/// A customer's threshold overrides, event-sourced (one stream per customer) so every change stays in the audit
/// trail; <see cref="Version"/> is recorded with every scoring decision.
/// </summary>
public sealed class AutomationSettingsProfile : IRevisioned
{
    public Guid Id { get; set; }
    public ThresholdOverrides Customer { get; set; } = new();
    public Dictionary<string, ThresholdOverrides> Departments { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public DateTimeOffset? UpdatedAt { get; set; }
    public int Version { get; set; }

    public static readonly Guid StreamId = new(SHA1.HashData(Encoding.UTF8.GetBytes("automation-settings"))[..16]);

    public static AutomationSettingsProfile Create(AutomationSettingsChanged e) => new AutomationSettingsProfile { Id = StreamId }.With(e);

    public void Apply(AutomationSettingsChanged e) => With(e);

    private AutomationSettingsProfile With(AutomationSettingsChanged e)
    {
        if (e.Department is null) Customer = e.Overrides;
        else Departments[e.Department] = e.Overrides;
        UpdatedAt = e.At;
        return this;
    }

    /// <summary>Configuration, then the customer's overrides, then the department's.</summary>
    public static AutomationSettings Effective(AutomationSettings configured, AutomationSettingsProfile? profile, string? department)
    {
        if (profile is null) return configured;
        var customer = profile.Customer.ApplyTo(configured);
        return department is not null && profile.Departments.TryGetValue(department, out var d) ? d.ApplyTo(customer) : customer;
    }
}
