namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// At most <c>WebFetch:PerHostConcurrency</c> requests in flight per host across the process, so a crawl never
/// hammers one site. A host's semaphore exists only while someone holds or waits for it, so the map stays as small as
/// the number of hosts currently being fetched.
/// </summary>
public sealed class HostConcurrencyLimiter(int perHost)
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <summary>Hosts with a request in flight or waiting (for diagnostics and tests).</summary>
    public int ActiveHosts
    {
        get { lock (_lock) return _gates.Count; }
    }

    /// <summary>Waits for a slot of <paramref name="host"/>; dispose the lease to free it.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        Gate? gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(host, out gate)) _gates[host] = gate = new Gate(perHost);
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(host, gate);
            throw;
        }
        return new Lease(this, host, gate);
    }

    private void Leave(string host, Gate gate)
    {
        lock (_lock)
        {
            if (--gate.Users > 0) return;
            _gates.Remove(host);
        }
        gate.Semaphore.Dispose();
    }

    private sealed class Gate(int slots)
    {
        public SemaphoreSlim Semaphore { get; } = new(slots, slots);
        public int Users { get; set; }
    }

    private sealed class Lease(HostConcurrencyLimiter owner, string host, Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            gate.Semaphore.Release();
            owner.Leave(host, gate);
        }
    }
}
