using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>The address a caller without a key is counted by.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The connection's address as text; for IPv6 only its /64 prefix, since one host usually owns a
    /// whole /64 and could otherwise take a fresh limit for every request. IPv4 mapped into IPv6 counts
    /// as IPv4.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
