using System.Net;
using System.Net.Sockets;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// Enforces <see cref="AddressPolicy"/> where it cannot be bypassed: when a connection is opened. The
/// <see cref="SocketsHttpHandler.ConnectCallback"/> resolves the host itself, drops every address that is neither public
/// nor exempt and connects only to what is left, so a redirect to an internal host, a DNS name pointing at one, or DNS
/// rebinding between a check and the connect cannot reach it. The handler also stops following redirects itself and
/// ignores system proxies (a proxy would make the checked address the proxy's).
/// </summary>
public static class GuardedConnector
{
    /// <summary>Makes <paramref name="handler"/> a guarded handler.</summary>
    public static void Configure(SocketsHttpHandler handler, HostExemptions exemptions) => Configure(handler, exemptions, null);

    /// <summary>Makes <paramref name="handler"/> a guarded handler that resolves the hosts of <paramref name="hostAddresses"/> to the given address instead of asking DNS.</summary>
    public static void Configure(SocketsHttpHandler handler, HostExemptions exemptions, IReadOnlyDictionary<string, IPAddress>? hostAddresses)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(exemptions);
        handler.ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, exemptions, hostAddresses, ct);
        handler.AllowAutoRedirect = false;
        handler.UseProxy = false;
        handler.UseCookies = false;
        handler.AutomaticDecompression = DecompressionMethods.All;
    }

    /// <summary>Resolves <paramref name="endpoint"/>, keeps the allowed addresses, connects to the first that answers.</summary>
    public static ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, HostExemptions exemptions, CancellationToken cancellationToken) =>
        ConnectAsync(endpoint, exemptions, null, cancellationToken);

    /// <summary>As above, with fixed addresses for some host names (<c>WebFetch:HostAddresses</c>).</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, HostExemptions exemptions, IReadOnlyDictionary<string, IPAddress>? hostAddresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(exemptions);
        var host = endpoint.Host.Trim('[', ']');
        var resolved = IPAddress.TryParse(host, out var literal) ? [literal]
            : hostAddresses is not null && hostAddresses.TryGetValue(host, out var fixedAddress) ? [fixedAddress]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = exemptions.IsExempt(host) ? resolved : Array.FindAll(resolved, exemptions.Allows);
        if (allowed.Length == 0) throw new BlockedAddressException(host, resolved);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>
/// A host resolved only to addresses the fetcher must not reach. Not transient: retrying cannot help and it does not
/// count against the WebFetch circuit (see <c>TransientFailure</c>).
/// </summary>
public sealed class BlockedAddressException : IOException
{
    public BlockedAddressException() : base("The destination is not a public address.") { }

    public BlockedAddressException(string message) : base(message) { }

    public BlockedAddressException(string message, Exception innerException) : base(message, innerException) { }

    public BlockedAddressException(string host, IReadOnlyCollection<IPAddress> addresses)
        : base(addresses.Count == 0
            ? $"'{host}' resolved to no address."
            : $"'{host}' resolves only to non-public addresses ({string.Join(", ", addresses)}); add it to WebFetch:AllowedHosts to allow it.")
    {
        Host = host;
    }

    public string? Host { get; }
}
