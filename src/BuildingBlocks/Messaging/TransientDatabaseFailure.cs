using Npgsql;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// A handler failed because PostgreSQL was briefly unreachable (restart, fail-over, broken connection), not because
/// of the message: worth retrying in place. Npgsql reconnects per pooled connection by itself, so the next attempt
/// after the server is back succeeds. The failure is found anywhere in the exception chain, because Marten and
/// Npgsql wrap it (<c>MartenCommandException</c>, <c>ObjectDisposedException: NpgsqlTransaction</c> after a broken pipe).
/// </summary>
public static class TransientDatabaseFailure
{
    /// <summary>How long an in-flight message keeps retrying before it is dead-lettered: 0.5 + 1 + 2 + 4 + 8 + 15 + 30 s ≈ 1 min.</summary>
    public static IReadOnlyList<TimeSpan> Cooldowns { get; } =
        [.. new[] { 500, 1000, 2000, 4000, 8000, 15000, 30000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    public static bool Matches(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        for (var seen = 0; pending.Count > 0 && seen < 32; seen++)
        {
            var e = pending.Pop();
            switch (e)
            {
                // admin_shutdown / crash_shutdown / cannot_connect_now: the server is stopping or starting.
                // Npgsql's IsTransient: broken or refused connections, timeouts, serialization failures, too many connections.
                case PostgresException p when p.SqlState is "57P01" or "57P02" or "57P03": return true;
                case NpgsqlException { IsTransient: true }: return true;
            }
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
        return false;
    }
}
