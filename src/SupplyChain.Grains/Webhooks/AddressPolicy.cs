using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Grains.Webhooks;

/// <summary>
/// Which IP addresses a webhook may be delivered to outside Development: public unicast only.
/// Refused: unspecified, loopback, private (RFC 1918, IPv6 unique local), carrier-grade NAT,
/// link-local, multicast, benchmarking, reserved and documentation ranges; IPv4-mapped and NAT64
/// IPv6 addresses are judged by the IPv4 address they carry. Thread safe (stateless).
/// </summary>
public static class AddressPolicy
{
    /// <summary>Whether a webhook may connect to <paramref name="address"/>.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224                       // this network, private, loopback, multicast and reserved
        || (b[0] == 100 && (b[1] & 0xC0) == 64)               // 100.64.0.0/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                        // link-local
        || (b[0] == 172 && (b[1] & 0xF0) == 16)               // 172.16.0.0/12
        || (b[0] == 192 && b[1] == 168)                        // 192.168.0.0/16
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)        // IETF protocol assignments, TEST-NET-1
        || (b[0] == 198 && (b[1] & 0xFE) == 18)               // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)          // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));         // TEST-NET-3

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            // 64:ff9b::/96 (NAT64): judge the embedded IPv4 address.
            return IsPublicV4(b[12..]);
        }

        // Documentation (2001:db8::/32); everything else outside 2000::/3 is not global unicast.
        return (b[0] & 0xE0) == 0x20 && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);
    }
}
