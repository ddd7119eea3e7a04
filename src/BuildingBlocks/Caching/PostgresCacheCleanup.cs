using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Creates the PostgreSQL L2's table at start-up, then deletes expired rows every <c>Caching:Postgres:CleanupIntervalMinutes</c>.
/// Every node runs it; the deletes are idempotent, so no leader is needed. A failed round is logged and retried at the next tick.
/// </summary>
public sealed partial class PostgresCacheCleanup(
    PostgresDistributedCache cache,
    IOptions<CachingOptions> options,
    CacheMetrics metrics,
    TimeProvider clock,
    ILogger<PostgresCacheCleanup> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await cache.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.Postgres.CleanupIntervalMinutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    metrics.RecordExpiredRemoved(await cache.RemoveExpiredAsync(stoppingToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    LogCleanupFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing expired cache rows from PostgreSQL failed; retried at the next interval")]
    private partial void LogCleanupFailed(Exception exception);
}
