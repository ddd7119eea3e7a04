using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monolith.BuildingBlocks.Health;

/// <summary>Readiness: PostgreSQL answers a trivial query within the configured time.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PostgresTimeoutSeconds));
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // Only the exception type: messages can carry host names, never credentials, but keep probes terse.
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable ({e.GetType().Name})");
        }
    }
}
