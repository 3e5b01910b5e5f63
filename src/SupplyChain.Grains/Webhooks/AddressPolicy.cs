using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Which IP addresses a webhook may be delivered to outside Development: public unicast only.
/// Refused: every range of the IANA IPv4 and IPv6 special-purpose address registries that is not
/// plain public unicast (unspecified, loopback, private, carrier-grade NAT, link-local with the
/// cloud metadata endpoint, protocol assignments, documentation, benchmarking, anycast relays and
/// sinks, Teredo, unique local, site-local, discard-only), multicast, reserved space and all IPv6
/// outside global unicast (2000::/3). IPv6 addresses that carry an IPv4 address the traffic ends up
/// at (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address. Thread
/// safe (stateless).
/// </summary>
internal static class AddressPolicy
{
    private static readonly Range V4Mapped = Range.Parse("::ffff:0:0/96");
    private static readonly Range Nat64 = Range.Parse("64:ff9b::/96");
    private static readonly Range SixToFour = Range.Parse("2002::/16");
    private static readonly Range GlobalUnicast = Range.Parse("2000::/3");

    // First match wins: narrower ranges come before the ranges that hold them, for a precise reason.
    private static readonly (Range Range, string What)[] V4 =
    [
        (Range.Parse("0.0.0.0/8"), "a \"this network\" address"),
        (Range.Parse("10.0.0.0/8"), "a private address"),
        (Range.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (Range.Parse("127.0.0.0/8"), "a loopback address"),
        (Range.Parse("169.254.169.254/32"), "the cloud metadata endpoint"),
        (Range.Parse("169.254.0.0/16"), "a link-local address"),
        (Range.Parse("172.16.0.0/12"), "a private address"),
        (Range.Parse("192.0.0.0/24"), "an IETF protocol assignment"),
        (Range.Parse("192.0.2.0/24"), "a documentation address (TEST-NET-1)"),
        (Range.Parse("192.31.196.0/24"), "an AS112 DNS sink address"),
        (Range.Parse("192.52.193.0/24"), "an AMT relay anycast address"),
        (Range.Parse("192.88.99.0/24"), "a 6to4 relay anycast address"),
        (Range.Parse("192.168.0.0/16"), "a private address"),
        (Range.Parse("192.175.48.0/24"), "an AS112 DNS sink address"),
        (Range.Parse("198.18.0.0/15"), "a benchmarking address"),
        (Range.Parse("198.51.100.0/24"), "a documentation address (TEST-NET-2)"),
        (Range.Parse("203.0.113.0/24"), "a documentation address (TEST-NET-3)"),
        (Range.Parse("224.0.0.0/4"), "a multicast address"),
        (Range.Parse("255.255.255.255/32"), "the limited broadcast address"),
        (Range.Parse("240.0.0.0/4"), "a reserved address"),
    ];

    private static readonly (Range Range, string What)[] V6 =
    [
        (Range.Parse("::/128"), "the unspecified address"),
        (Range.Parse("::1/128"), "a loopback address"),
        (Range.Parse("::/96"), "a deprecated IPv4-compatible address"),
        (Range.Parse("64:ff9b:1::/48"), "a local-use NAT64 address"),
        (Range.Parse("100::/64"), "a discard-only address"),
        (Range.Parse("2001::/32"), "a Teredo tunnel address"),
        (Range.Parse("2001::/23"), "an IETF protocol assignment"),
        (Range.Parse("2001:db8::/32"), "a documentation address"),
        (Range.Parse("2620:4f:8000::/48"), "an AS112 DNS sink address"),
        (Range.Parse("3fff::/20"), "a documentation address"),
        (Range.Parse("fc00::/7"), "a unique local (private) address"),
        (Range.Parse("fe80::/10"), "a link-local address"),
        (Range.Parse("fec0::/10"), "a deprecated site-local address"),
        (Range.Parse("ff00::/8"), "a multicast address"),
    ];

    /// <summary>
    /// Why a webhook may not connect to <paramref name="address"/>, as a phrase naming the range
    /// ("a private address (10.0.0.0/8)"), or null when it is public unicast.
    /// </summary>
    public static string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => Match(V4, address),
            AddressFamily.InterNetworkV6 => RefusalV6(address),
            _ => $"not an IP address ({address.AddressFamily})",
        };
    }

    private static string? RefusalV6(IPAddress address)
    {
        // Each of these reaches the IPv4 address it carries (the socket, a NAT64 gateway, a 6to4
        // relay), so that address decides; a private one behind an IPv6 prefix is still private.
        var bytes = address.GetAddressBytes();
        if (V4Mapped.Contains(address))
        {
            return Carried("an IPv4-mapped address", V4Mapped, new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (Nat64.Contains(address))
        {
            return Carried("a NAT64 address", Nat64, new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return Carried("a 6to4 address", SixToFour, new IPAddress(bytes.AsSpan(2, 4)));
        }

        return Match(V6, address)
            ?? (GlobalUnicast.Contains(address) ? null : $"not a global unicast address (outside {GlobalUnicast})");
    }

    private static string? Carried(string kind, Range range, IPAddress v4) =>
        Match(V4, v4) is { } reason ? $"{kind} ({range}) carrying {v4}, {reason}" : null;

    private static string? Match((Range Range, string What)[] ranges, IPAddress address)
    {
        foreach (var (range, what) in ranges)
        {
            if (range.Contains(address))
            {
                return $"{what} ({range})";
            }
        }

        return null;
    }

    /// <summary>
    /// An address prefix, matched on the address's own bytes. Not <see cref="IPNetwork.Contains"/>:
    /// it converts an IPv4-mapped IPv6 address to IPv4 first, so 10.0.0.0/8 contains ::ffff:10.0.0.1
    /// and 2000::/3 does too, while ::ffff:0:0/96 does not.
    /// </summary>
    private sealed class Range
    {
        private readonly byte[] _prefix;
        private readonly int _length;
        private readonly string _text;

        private Range(IPNetwork network)
        {
            _prefix = network.BaseAddress.GetAddressBytes();
            _length = network.PrefixLength;
            _text = network.ToString();
        }

        public static Range Parse(string cidr) => new(IPNetwork.Parse(cidr));

        public bool Contains(IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.Length != _prefix.Length)
            {
                return false;
            }

            var whole = _length / 8;
            var rest = _length % 8;
            var mask = (byte)(0xFF << (8 - rest));
            return bytes.AsSpan(0, whole).SequenceEqual(_prefix.AsSpan(0, whole))
                && (rest == 0 || (bytes[whole] & mask) == _prefix[whole]);
        }

        public override string ToString() => _text;
    }
}
