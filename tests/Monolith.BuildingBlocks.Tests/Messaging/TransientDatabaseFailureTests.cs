using System.Net.Sockets;
using Monolith.BuildingBlocks.Messaging;
using Npgsql;

namespace Monolith.BuildingBlocks.Tests.Messaging;

public class TransientDatabaseFailureTests
{
    [Fact]
    public void a_broken_or_refused_connection_is_transient_also_when_wrapped()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(TransientDatabaseFailure.Matches(refused));
        // What Marten throws after PostgreSQL went away mid-transaction (seen in the PostgreSQL restart test).
        Assert.True(TransientDatabaseFailure.Matches(new ObjectDisposedException("NpgsqlTransaction", refused)));
        Assert.True(TransientDatabaseFailure.Matches(new AggregateException(new InvalidOperationException("x"), refused)));
    }

    [Theory]
    [InlineData("57P01", true)]  // admin_shutdown (pg_ctl stop -m fast)
    [InlineData("57P03", true)]  // cannot_connect_now (starting up / shutting down)
    [InlineData("23505", false)] // unique_violation: the message's fault, retrying changes nothing
    [InlineData("42P01", false)] // undefined_table
    public void server_states_are_transient_data_errors_are_not(string sqlState, bool transient) =>
        Assert.Equal(transient, TransientDatabaseFailure.Matches(new PostgresException("m", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void other_failures_are_not_retried_as_database_failures()
    {
        Assert.False(TransientDatabaseFailure.Matches(new InvalidOperationException("bug")));
        Assert.False(TransientDatabaseFailure.Matches(new ObjectDisposedException("something")));
    }
}
