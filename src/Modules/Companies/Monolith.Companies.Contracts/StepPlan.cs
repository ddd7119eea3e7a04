using System.Text.Json.Serialization;

namespace Monolith.Companies.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus { Pending, Succeeded, Failed, Skipped }

/// <summary>Where an analysis stands: <c>Requested</c> until its first step, <c>Running</c>, then Completed, Partial (some steps failed, what succeeded is kept) or Failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnalysisStatus>))]
public enum AnalysisStatus { Requested, Running, Completed, Partial, Failed }

/// <summary>One step's state in an analysis read model: status, failure reason, latency and usage of its last run.</summary>
public sealed class StepState
{
    public string Name { get; set; } = "";
    public StepStatus Status { get; set; }
    public string? Error { get; set; }
    public long LatencyMs { get; set; }
    public string? InputHash { get; set; }
    public StepUsage? Usage { get; set; }
    public string? Provider { get; set; }
    public DateTimeOffset? At { get; set; }
    public int Attempts { get; set; }
}

/// <summary>A step of a plan and the steps whose output it needs. An <see cref="Essential"/> step failing makes the analysis Failed rather than Partial.</summary>
public sealed record StepDefinition(string Name, bool Essential, params string[] DependsOn);

/// <summary>What to do next: run a step, or finish with a status.</summary>
public abstract record NextAction
{
    public sealed record Run(string Step) : NextAction;
    public sealed record Finish(AnalysisStatus Status) : NextAction;
}

/// <summary>
/// The pure decisions of a step plan: which step runs next (the first pending one whose dependencies all succeeded),
/// when the analysis is finished and with which status, and which steps a retry runs again.
/// </summary>
public static class StepPlan
{
    public static NextAction Next(IReadOnlyList<StepDefinition> plan, IReadOnlyDictionary<string, StepState> steps)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in plan)
        {
            if (StatusOf(steps, step.Name) != StepStatus.Pending) continue;
            if (step.DependsOn.All(d => StatusOf(steps, d) == StepStatus.Succeeded)) return new NextAction.Run(step.Name);
        }
        if (plan.All(s => StatusOf(steps, s.Name) == StepStatus.Succeeded)) return new NextAction.Finish(AnalysisStatus.Completed);
        var essentialFailed = plan.Any(s => s.Essential && StatusOf(steps, s.Name) != StepStatus.Succeeded);
        return new NextAction.Finish(essentialFailed ? AnalysisStatus.Failed : AnalysisStatus.Partial);
    }

    /// <summary>The steps a retry runs again: the failed ones (their dependents were never run and are still pending).</summary>
    public static IReadOnlyList<string> StepsToRetry(IReadOnlyList<StepDefinition> plan, IReadOnlyDictionary<string, StepState> steps)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Where(s => StatusOf(steps, s.Name) == StepStatus.Failed).Select(s => s.Name).ToList();
    }

    /// <summary>Fresh pending states for every step of <paramref name="plan"/>.</summary>
    public static Dictionary<string, StepState> Initial(IReadOnlyList<StepDefinition> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ToDictionary(s => s.Name, s => new StepState { Name = s.Name }, StringComparer.Ordinal);
    }

    /// <summary>Records a successful run of a step in <paramref name="steps"/> (for read-model Apply methods).</summary>
    public static void Succeeded(IDictionary<string, StepState> steps, StepInfo info, long latencyMs)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(info);
        var state = Get(steps, info.Step);
        state.Status = StepStatus.Succeeded;
        state.Error = null;
        state.LatencyMs = latencyMs;
        state.InputHash = info.InputHash;
        state.Usage = info.Usage;
        state.Provider = info.Usage.Provider;
        state.At = info.At;
        state.Attempts++;
    }

    public static void Failed(IDictionary<string, StepState> steps, AnalysisStepFailed e)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(e);
        var state = Get(steps, e.Step);
        state.Status = StepStatus.Failed;
        state.Error = e.Reason;
        state.Usage = null;
        state.Provider = e.Provider;
        state.LatencyMs = e.LatencyMs;
        state.At = e.At;
        state.Attempts++;
    }

    public static void Retried(IDictionary<string, StepState> steps, AnalysisRetried e)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(e);
        foreach (var name in e.Steps)
        {
            var state = Get(steps, name);
            state.Status = StepStatus.Pending;
            state.Error = null;
        }
    }

    /// <summary>Marks the pending steps that can no longer run (a dependency failed) as skipped, when the analysis finishes.</summary>
    public static void SkipBlocked(IReadOnlyList<StepDefinition> plan, IDictionary<string, StepState> steps)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in plan)
        {
            var state = Get(steps, step.Name);
            if (state.Status == StepStatus.Pending) state.Status = StepStatus.Skipped;
        }
    }

    /// <summary>Skipped steps become pending again on retry (their dependency is being retried).</summary>
    public static void Unskip(IDictionary<string, StepState> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var state in steps.Values.Where(s => s.Status == StepStatus.Skipped)) state.Status = StepStatus.Pending;
    }

    private static StepStatus StatusOf(IReadOnlyDictionary<string, StepState> steps, string name) =>
        steps.TryGetValue(name, out var s) ? s.Status : StepStatus.Pending;

    private static StepState Get(IDictionary<string, StepState> steps, string name)
    {
        if (!steps.TryGetValue(name, out var state)) steps[name] = state = new StepState { Name = name };
        return state;
    }
}

/// <summary>What an analysis cost so far, summed over its steps' last runs: provider requests, tokens, estimated USD, cache hits, step time.</summary>
public sealed record AnalysisTotals(int ProviderCalls, int LlmCalls, int InputTokens, int OutputTokens, decimal EstimatedCostUsd, int CacheHits, long StepTimeMs)
{
    public static AnalysisTotals From(IEnumerable<StepState> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToList();
        var usages = list.Where(s => s.Usage is not null).Select(s => s.Usage!).ToList();
        return new AnalysisTotals(
            usages.Sum(u => u.Calls),
            usages.Where(u => u.Provider is not ("web" or "heuristic")).Sum(u => u.Calls),
            usages.Sum(u => u.InputTokens),
            usages.Sum(u => u.OutputTokens),
            usages.Sum(u => u.EstimatedCostUsd),
            usages.Count(u => u.CacheHit),
            list.Sum(s => s.LatencyMs));
    }
}

/// <summary>Pure decision: only a Failed or Partial analysis can be retried, and only its failed steps run again.</summary>
public static class RetryDecider
{
    public static (AnalysisRetried? Event, string? Problem) Decide(AnalysisStatus status, IReadOnlyList<StepDefinition> plan,
        IReadOnlyDictionary<string, StepState> steps, Guid id, DateTimeOffset now)
    {
        if (status is not (AnalysisStatus.Failed or AnalysisStatus.Partial))
            return (null, $"Only a Failed or Partial analysis can be retried; this one is {status}.");
        var failed = StepPlan.StepsToRetry(plan, steps);
        return failed.Count == 0 ? (null, "No step failed.") : (new AnalysisRetried(id, failed, now), null);
    }

    /// <summary>The title of the 409 when <see cref="Decide"/> refuses.</summary>
    public const string RefusedTitle = "The analysis cannot be retried";

    /// <summary>The <c>/retry</c> endpoints' decision: the event to append and the 202's body, or the reason it is refused.</summary>
    public static (object? Event, object? Accepted, string? Problem) ForEndpoint(CompanyAnalysisDocument analysis, IReadOnlyList<StepDefinition> plan,
        DateTimeOffset now, string location)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var (retried, problem) = Decide(analysis.Status, plan, analysis.Steps, analysis.Id, now);
        return retried is null ? (null, null, problem) : (retried, new AnalysisRetryAccepted(analysis.Id, retried.Steps, location), null);
    }
}

/// <summary>The answer of the <c>/retry</c> endpoints.</summary>
public sealed record AnalysisRetryAccepted(Guid Id, IReadOnlyList<string> Steps, string Location);

/// <summary>The <c>status</c> filter of analysis lists: empty = any; a name of <see cref="AnalysisStatus"/> (any case); anything else is a 400 naming <c>status</c>.</summary>
public static class AnalysisStatusFilter
{
    public static bool TryParse(string? status, out AnalysisStatus? wanted, out Dictionary<string, string[]> errors)
    {
        wanted = null;
        errors = [];
        if (string.IsNullOrWhiteSpace(status)) return true;
        if (Enum.TryParse<AnalysisStatus>(status, true, out var parsed) && !int.TryParse(status, out _))
        {
            wanted = parsed;
            return true;
        }
        errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<AnalysisStatus>())}."];
        return false;
    }
}
