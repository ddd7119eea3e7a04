using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Monolith.Host.Dashboard;

/// <summary>One small fact pushed to the dashboard: what happened, to what, when.</summary>
public sealed record LiveEvent(string Type, string Subject, string? Status, string? Department, DateTimeOffset At);

/// <summary>
/// Fans live events out to the dashboard connections of one tenant. Each connection has a small bounded queue that
/// drops its oldest entries when a client is slow, so a stuck browser never holds up the handlers feeding the hub.
/// Per node: a client sees what its own node processed (the dashboard refetches from the API, so a missed push only
/// delays a refresh).
/// </summary>
public sealed class LiveEventHub
{
    private readonly ConcurrentDictionary<Guid, (string Tenant, Channel<LiveEvent> Channel)> _subscribers = new();

    public int Subscribers => _subscribers.Count;

    public Subscription Subscribe(string tenant)
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(100)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var id = Guid.NewGuid();
        _subscribers[id] = (tenant, channel);
        return new Subscription(channel.Reader, () =>
        {
            if (_subscribers.TryRemove(id, out var removed)) removed.Channel.Writer.TryComplete();
        });
    }

    public void Publish(string tenant, LiveEvent live)
    {
        foreach (var (_, subscriber) in _subscribers)
        {
            if (string.Equals(subscriber.Tenant, tenant, StringComparison.Ordinal)) subscriber.Channel.Writer.TryWrite(live);
        }
    }

    public sealed class Subscription(ChannelReader<LiveEvent> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<LiveEvent> Reader { get; } = reader;
        public void Dispose() => unsubscribe();
    }
}
