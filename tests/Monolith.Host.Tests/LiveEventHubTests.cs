using Monolith.Host.Dashboard;

namespace Monolith.Host.Tests;

public class LiveEventHubTests
{
    private static LiveEvent Event(int n) => new("document-received", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "Received", null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void an_event_reaches_the_subscribers_of_its_tenant_only()
    {
        var hub = new LiveEventHub();
        using var mine = hub.Subscribe("a");
        using var theirs = hub.Subscribe("b");
        hub.Publish("a", Event(1));
        Assert.True(mine.Reader.TryRead(out var received));
        Assert.Equal("1", received.Subject);
        Assert.False(theirs.Reader.TryRead(out _));
    }

    [Fact]
    public void a_slow_subscriber_keeps_the_newest_events_and_never_blocks_publishing()
    {
        var hub = new LiveEventHub();
        using var slow = hub.Subscribe("a");
        for (var i = 1; i <= 250; i++) hub.Publish("a", Event(i));
        var subjects = new List<string>();
        while (slow.Reader.TryRead(out var e)) subjects.Add(e.Subject);
        Assert.Equal(100, subjects.Count);
        Assert.Equal("250", subjects[^1]);
    }

    [Fact]
    public void disposing_a_subscription_unsubscribes_and_completes_it()
    {
        var hub = new LiveEventHub();
        var subscription = hub.Subscribe("a");
        subscription.Dispose();
        Assert.Equal(0, hub.Subscribers);
        Assert.True(subscription.Reader.Completion.IsCompleted);
        hub.Publish("a", Event(1)); // nobody listening: nothing happens
    }
}
