using System.Collections.Concurrent;

namespace Monolith.Documents.Tests.Extraction.Azure;

/// <summary>
/// Real clock, but every timer runs <see cref="Factor"/> times its requested length, and each requested due time is recorded.
/// Poll delays, Retry-After waits and Polly's timeouts all go through timers, so a 1 s Retry-After takes 10 ms in a test
/// while the test can still assert that exactly 1 s was asked for.
/// </summary>
public sealed class ScaledTimeProvider(double factor = 0.01) : TimeProvider
{
    public double Factor { get; } = factor;

    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new ScaledTimer(this, System.CreateTimer(callback, state, Scale(dueTime), Scale(period)));
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan) Requested.Enqueue(dueTime);
    }

    private TimeSpan Scale(TimeSpan value) =>
        value == Timeout.InfiniteTimeSpan || value <= TimeSpan.Zero ? value : TimeSpan.FromTicks(Math.Max(1, (long)(value.Ticks * Factor)));

    private sealed class ScaledTimer(ScaledTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return inner.Change(owner.Scale(dueTime), owner.Scale(period));
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
