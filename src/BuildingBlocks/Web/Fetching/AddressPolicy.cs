using System.Net;
using System.Net.Sockets;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// Which IP addresses the fetcher may connect to (SSRF protection). Only globally routable unicast addresses are
/// public: loopback, private, CGNAT, link-local (incl. the cloud metadata address 169.254.169.254), multicast,
/// unspecified, broadcast, benchmarking, documentation and reserved ranges are not, in IPv4 and IPv6, and neither
/// is an IPv6 address that embeds one of them (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16).
/// Pure, so it is tested without a network.
/// </summary>
public static class AddressPolicy
{
    private static readonly IPNetwork[] BlockedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // TEST-NET-1
        IPNetwork.Parse("192.88.99.0/24"),   // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // TEST-NET-2
        IPNetwork.Parse("203.0.113.0/24"),   // TEST-NET-3
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, incl. broadcast 255.255.255.255
    ];

    /// <summary>Global unicast; everything outside it (::/8, fc00::/7, fe80::/10, fec0::/10, ff00::/8, …) is not public.</summary>
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] BlockedV6 =
    [
        IPNetwork.Parse("2001::/23"),        // IETF protocol assignments incl. Teredo 2001::/32 (hides an IPv4 address)
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("3fff::/20"),        // documentation (RFC 9637)
        IPNetwork.Parse("5f00::/16"),        // SRv6 SIDs
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Nat64Local = IPNetwork.Parse("64:ff9b:1::/48");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");

    /// <summary>True when <paramref name="address"/> is a globally routable unicast address we may connect to.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;

        if (address.IsIPv4MappedToIPv6) return IsPublicV4(address.MapToIPv4());
        var withoutScope = address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        if (IPv4Compatible.Contains(withoutScope)) return false; // ::, ::1 and deprecated ::a.b.c.d
        if (Nat64.Contains(withoutScope)) return IsPublicV4(new IPAddress(withoutScope.GetAddressBytes().AsSpan(12, 4)));
        if (Nat64Local.Contains(withoutScope)) return false;
        if (SixToFour.Contains(withoutScope)) return IsPublicV4(new IPAddress(withoutScope.GetAddressBytes().AsSpan(2, 4)));
        if (!GlobalUnicastV6.Contains(withoutScope)) return false;
        foreach (var network in BlockedV6)
            if (network.Contains(withoutScope)) return false;
        return true;
    }

    private static bool IsPublicV4(IPAddress address)
    {
        foreach (var network in BlockedV4)
            if (network.Contains(address)) return false;
        return true;
    }
}
