using Monolith.BuildingBlocks.Resilience;
using Monolith.BuildingBlocks.Web.Fetching;
using Polly;

namespace Monolith.BuildingBlocks.Tests.Web;

public sealed class HostConcurrencyLimiterTests
{
    [Fact]
    public async Task limits_per_host_independently_and_forgets_idle_hosts()
    {
        var limiter = new HostConcurrencyLimiter(1);
        var a = await limiter.AcquireAsync("a.example", CancellationToken.None);
        var b = await limiter.AcquireAsync("B.example", CancellationToken.None);
        var waiting = limiter.AcquireAsync("A.EXAMPLE", CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, limiter.ActiveHosts);

        a.Dispose();
        a.Dispose(); // idempotent
        using (await waiting) Assert.Equal(2, limiter.ActiveHosts);
        b.Dispose();

        Assert.Equal(0, limiter.ActiveHosts);
    }

    [Fact]
    public async Task a_cancelled_waiter_leaves_no_trace()
    {
        var limiter = new HostConcurrencyLimiter(1);
        var held = await limiter.AcquireAsync("a.example", CancellationToken.None);
        using var cts = new CancellationTokenSource(20);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync("a.example", cts.Token));
        held.Dispose();
        Assert.Equal(0, limiter.ActiveHosts);
    }

    [Fact]
    public void a_blocked_address_is_not_a_transient_failure()
    {
        var blocked = new HttpRequestException("refused", new BlockedAddressException("h", [System.Net.IPAddress.Loopback]));
        Assert.False(TransientFailure.Is(Outcome.FromException<HttpResponseMessage>(blocked)));
        Assert.True(TransientFailure.Is(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
    }
}
