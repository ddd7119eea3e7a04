using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.Scanning;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis;

public class StepPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.CreateVersion7();

    private static readonly IReadOnlyList<StepDefinition> Plan =
    [
        new("crawl", true),
        new("profile", true, "crawl"),
        new("a", false, "profile"),
        new("b", false, "profile"),
        new("c", false, "a", "b"),
    ];

    private static StepInfo Info(string step) => new(step, "hash", StepUsage.Heuristic("h-1", 3), Now);

    private static Dictionary<string, StepState> Run(params (string Step, bool Ok)[] results)
    {
        var steps = StepPlan.Initial(Plan);
        foreach (var (step, ok) in results)
        {
            if (ok) StepPlan.Succeeded(steps, Info(step), 3);
            else StepPlan.Failed(steps, new AnalysisStepFailed(Id, step, "broken", Now, 5, "heuristic"));
        }
        return steps;
    }

    [Fact]
    public void steps_run_in_order_once_their_dependencies_succeeded()
    {
        Assert.Equal(new NextAction.Run("crawl"), StepPlan.Next(Plan, Run()));
        Assert.Equal(new NextAction.Run("profile"), StepPlan.Next(Plan, Run(("crawl", true))));
        Assert.Equal(new NextAction.Run("a"), StepPlan.Next(Plan, Run(("crawl", true), ("profile", true))));
        Assert.Equal(new NextAction.Run("c"), StepPlan.Next(Plan, Run(("crawl", true), ("profile", true), ("a", true), ("b", true))));
    }

    [Fact]
    public void all_succeeded_is_completed()
    {
        var steps = Run(("crawl", true), ("profile", true), ("a", true), ("b", true), ("c", true));
        Assert.Equal(new NextAction.Finish(AnalysisStatus.Completed), StepPlan.Next(Plan, steps));
    }

    [Fact]
    public void a_failed_step_blocks_its_dependents_but_not_independent_steps_and_ends_partial()
    {
        var steps = Run(("crawl", true), ("profile", true), ("a", false));
        Assert.Equal(new NextAction.Run("b"), StepPlan.Next(Plan, steps));
        StepPlan.Succeeded(steps, Info("b"), 3);
        Assert.Equal(new NextAction.Finish(AnalysisStatus.Partial), StepPlan.Next(Plan, steps));

        StepPlan.SkipBlocked(Plan, steps);
        Assert.Equal(StepStatus.Skipped, steps["c"].Status);
        Assert.Equal("broken", steps["a"].Error);
    }

    [Fact]
    public void an_essential_step_failing_ends_failed()
    {
        Assert.Equal(new NextAction.Finish(AnalysisStatus.Failed), StepPlan.Next(Plan, Run(("crawl", false))));
        Assert.Equal(new NextAction.Finish(AnalysisStatus.Failed), StepPlan.Next(Plan, Run(("crawl", true), ("profile", false))));
    }

    [Fact]
    public void a_retry_reruns_only_failed_steps_and_their_skipped_dependents()
    {
        var steps = Run(("crawl", true), ("profile", true), ("a", false), ("b", true));
        StepPlan.SkipBlocked(Plan, steps);

        var (retried, problem) = RetryDecider.Decide(AnalysisStatus.Partial, Plan, steps, Id, Now);
        Assert.Null(problem);
        Assert.Equal(["a"], retried!.Steps);

        StepPlan.Retried(steps, retried);
        StepPlan.Unskip(steps);
        Assert.Equal(new NextAction.Run("a"), StepPlan.Next(Plan, steps));
        Assert.Equal(StepStatus.Succeeded, steps["b"].Status);
        Assert.Equal(StepStatus.Pending, steps["c"].Status);
    }

    [Theory]
    [InlineData(AnalysisStatus.Completed)]
    [InlineData(AnalysisStatus.Running)]
    [InlineData(AnalysisStatus.Requested)]
    public void only_failed_or_partial_analyses_can_be_retried(AnalysisStatus status)
    {
        var (retried, problem) = RetryDecider.Decide(status, Plan, Run(("crawl", false)), Id, Now);
        Assert.Null(retried);
        Assert.Contains(status.ToString(), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void totals_sum_usage_and_count_llm_calls_apart_from_fetches()
    {
        var steps = StepPlan.Initial(Plan);
        StepPlan.Succeeded(steps, new StepInfo("crawl", "h", new StepUsage("web", null, null, 0, 0, 0m, 100, false, 5), Now), 100);
        StepPlan.Succeeded(steps, new StepInfo("profile", "h", new StepUsage("openai", "gpt-4o-mini", "profile-v1", 1000, 200, 0.0012m, 900, false, 1), Now), 900);
        StepPlan.Succeeded(steps, new StepInfo("a", "h", new StepUsage("openai", "gpt-4o-mini", "a-v1", 0, 0, 0m, 2, true, 0), Now), 2);

        var totals = AnalysisTotals.From(steps.Values);
        Assert.Equal(6, totals.ProviderCalls);
        Assert.Equal(1, totals.LlmCalls);
        Assert.Equal(1000, totals.InputTokens);
        Assert.Equal(0.0012m, totals.EstimatedCostUsd);
        Assert.Equal(1, totals.CacheHits);
        Assert.Equal(1002, totals.StepTimeMs);
    }

    [Fact]
    public async Task the_step_runner_turns_every_failure_into_a_reason()
    {
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var fromAnalyzer = await StepRunner.RunAsync<int>("s", "h", _ => throw new AnalysisStepException("schema violated"), TimeSpan.FromSeconds(5), TimeProvider.System, logger, CancellationToken.None);
        Assert.Equal("schema violated", fromAnalyzer.Failure);

        var slow = await StepRunner.RunAsync<int>("s", "h", async ct => { await Task.Delay(TimeSpan.FromSeconds(30), ct); return null!; }, TimeSpan.FromMilliseconds(50), TimeProvider.System, logger, CancellationToken.None);
        Assert.StartsWith("timed out after", slow.Failure, StringComparison.Ordinal);

        var bug = await StepRunner.RunAsync<int>("s", "h", _ => throw new InvalidOperationException("boom"), TimeSpan.FromSeconds(5), TimeProvider.System, logger, CancellationToken.None);
        Assert.Equal("unexpected error: InvalidOperationException: boom", bug.Failure);

        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            StepRunner.RunAsync<int>("s", "h", ct => Task.FromCanceled<AnalyzerResult<int>>(ct), TimeSpan.FromSeconds(5), TimeProvider.System, logger, shutdown.Token));
    }
}
