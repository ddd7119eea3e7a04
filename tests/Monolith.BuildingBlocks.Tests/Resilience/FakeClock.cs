using Microsoft.Extensions.Time.Testing;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>
/// Moves a <see cref="FakeTimeProvider"/> forward in small steps until a task completes, yielding briefly
/// between steps so continuations can schedule their next timer. Fake time never jumps past a due timer,
/// so measured fake-time gaps are exact to one step.
/// </summary>
internal static class FakeClock
{
    public static async Task<T> AdvanceUntilDone<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted && advanced < limit)
        {
            await Task.Delay(5);
            if (task.IsCompleted) break;
            time.Advance(step);
            advanced += step;
        }
        return await task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
