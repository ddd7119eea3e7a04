using System.Net;
using System.Net.Sockets;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// The parsed <see cref="WebFetchOptions.AllowedHosts"/>: host names, addresses and CIDR ranges the fetcher may reach
/// although <see cref="AddressPolicy"/> calls them non-public. An exempt host name may resolve to anything; an exempt
/// address or range only lets that address through.
/// </summary>
public sealed class HostExemptions
{
    private readonly HashSet<string> _hosts;
    private readonly IPNetwork[] _networks;

    private HostExemptions(HashSet<string> hosts, IPNetwork[] networks)
    {
        _hosts = hosts;
        _networks = networks;
    }

    public static HostExemptions None { get; } = new([], []);

    /// <summary>Exempts every host name (not addresses): for parsing a filter, where a dotless host is a domain like any other.</summary>
    internal static HostExemptions Anything { get; } = new([], []) { _anyHost = true };

    private bool _anyHost;

    /// <summary>Parses every entry; throws <see cref="FormatException"/> naming the first bad one (options validation reports them all).</summary>
    public static HostExemptions Parse(IEnumerable<string>? entries)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var networks = new List<IPNetwork>();
        foreach (var entry in entries ?? [])
        {
            if (!TryParseEntry(entry, out var parsed, out var error)) throw new FormatException($"WebFetch:AllowedHosts entry '{entry}' {error}");
            if (parsed.Network is { } network) networks.Add(network);
            else hosts.Add(parsed.Host!);
        }
        return new HostExemptions(hosts, [.. networks]);
    }

    /// <summary>One entry: a CIDR range ("10.0.0.0/8"), an address ("127.0.0.1", "::1") or a host name ("localhost").</summary>
    public static bool TryParseEntry(string? entry, out (string? Host, IPNetwork? Network) parsed, out string error)
    {
        parsed = default;
        error = "";
        var text = entry?.Trim() ?? "";
        if (text.Length == 0) { error = "is empty"; return false; }
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // Also refuse host bits beyond the prefix ("10.0.0.1/8"): the entry is probably a typo for something narrower.
            if (!IPNetwork.TryParse(text, out var network)
                || !IPAddress.TryParse(text[..text.IndexOf('/', StringComparison.Ordinal)], out var written)
                || !network.BaseAddress.Equals(written))
            {
                error = "is not a valid CIDR range (address/prefix with no bits set beyond the prefix, e.g. 10.0.0.0/8)";
                return false;
            }
            parsed = (null, network);
            return true;
        }
        if (IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            parsed = (null, new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            return true;
        }
        var host = NormalizeHost(text);
        if (Uri.CheckHostName(host) != UriHostNameType.Dns) { error = "is neither a host name, an IP address nor a CIDR range"; return false; }
        parsed = (host, null);
        return true;
    }

    public bool IsEmpty => !_anyHost && _hosts.Count == 0 && _networks.Length == 0;

    /// <summary>The host name (as in the URL) is exempt, so any address it resolves to is allowed.</summary>
    public bool IsExempt(string host) =>
        _anyHost || (_hosts.Count > 0 && _hosts.Contains(NormalizeHost(host)));

    /// <summary>The address lies in an exempt address or range.</summary>
    public bool IsExempt(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_networks.Length == 0) return false;
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (candidate.AddressFamily == AddressFamily.InterNetworkV6 && candidate.ScopeId != 0) candidate = new IPAddress(candidate.GetAddressBytes());
        foreach (var network in _networks)
            if (network.Contains(candidate)) return true;
        return false;
    }

    /// <summary>May we connect to <paramref name="address"/>: public, or exempt.</summary>
    public bool Allows(IPAddress address) => AddressPolicy.IsPublic(address) || IsExempt(address);

    internal static string NormalizeHost(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
