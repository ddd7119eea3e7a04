using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Scanning;

/// <summary>The result of one step run: its output and <see cref="StepInfo"/>, or the reason it failed.</summary>
public sealed record StepOutcome<T>(T? Output, StepInfo? Info, string? Failure, long LatencyMs, DateTimeOffset At)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Runs one analysis step with its time limit and turns every way it can go wrong into a recorded reason
/// (<see cref="AnalysisStepException"/>, the step timeout, an unexpected exception) — so an analysis never hangs and
/// never ends without saying why. Cancellation of the caller (shutdown) is not a step failure: it propagates and the
/// durable message is delivered again.
/// </summary>
public static class StepRunner
{
    public static async Task<StepOutcome<T>> RunAsync<T>(string step, string inputHash, Func<CancellationToken, Task<AnalyzerResult<T>>> run,
        TimeSpan timeout, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        var started = clock.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        string failure;
        try
        {
            var result = await run(limit.Token).ConfigureAwait(false);
            var at = clock.GetUtcNow();
            return new StepOutcome<T>(result.Output, new StepInfo(step, inputHash, result.Usage, at), null, Elapsed(), at);
        }
        catch (AnalysisStepException e)
        {
            failure = e.Reason;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            failure = $"timed out after {timeout.TotalSeconds:0} s (CompanyAnalysis:StepTimeoutSeconds)";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Analysis step {Step} failed unexpectedly", step);
            failure = $"unexpected error: {e.GetType().Name}: {e.Message}";
        }
        return new StepOutcome<T>(default, null, failure, Elapsed(), clock.GetUtcNow());

        long Elapsed() => (long)clock.GetElapsedTime(started).TotalMilliseconds;
    }
}
