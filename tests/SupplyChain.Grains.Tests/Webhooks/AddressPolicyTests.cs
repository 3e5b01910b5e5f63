using System.Net;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

/// <summary>
/// Every rule of the address guard, one row per range of the IANA special-purpose registries (and
/// multicast, reserved space, everything outside IPv6 global unicast), with the reason a refusal gives.
/// </summary>
public sealed class AddressPolicyTests
{
    public static TheoryData<string, string> Refused => new()
    {
        { "0.0.0.0", "a \"this network\" address (0.0.0.0/8)" },
        { "0.1.2.3", "a \"this network\" address (0.0.0.0/8)" },
        { "10.1.2.3", "a private address (10.0.0.0/8)" },
        { "100.64.0.1", "a carrier-grade NAT address (100.64.0.0/10)" },
        { "100.127.255.255", "a carrier-grade NAT address (100.64.0.0/10)" },
        { "127.0.0.1", "a loopback address (127.0.0.0/8)" },
        { "127.9.9.9", "a loopback address (127.0.0.0/8)" },
        { "169.254.169.254", "the cloud metadata endpoint (169.254.169.254/32)" },
        { "169.254.0.1", "a link-local address (169.254.0.0/16)" },
        { "172.16.0.1", "a private address (172.16.0.0/12)" },
        { "172.31.255.255", "a private address (172.16.0.0/12)" },
        { "192.0.0.8", "an IETF protocol assignment (192.0.0.0/24)" },
        { "192.0.0.170", "an IETF protocol assignment (192.0.0.0/24)" },
        { "192.0.2.1", "a documentation address (TEST-NET-1) (192.0.2.0/24)" },
        { "192.31.196.1", "an AS112 DNS sink address (192.31.196.0/24)" },
        { "192.52.193.1", "an AMT relay anycast address (192.52.193.0/24)" },
        { "192.88.99.1", "a 6to4 relay anycast address (192.88.99.0/24)" },
        { "192.168.0.1", "a private address (192.168.0.0/16)" },
        { "192.175.48.1", "an AS112 DNS sink address (192.175.48.0/24)" },
        { "198.18.0.1", "a benchmarking address (198.18.0.0/15)" },
        { "198.19.255.255", "a benchmarking address (198.18.0.0/15)" },
        { "198.51.100.1", "a documentation address (TEST-NET-2) (198.51.100.0/24)" },
        { "203.0.113.1", "a documentation address (TEST-NET-3) (203.0.113.0/24)" },
        { "224.0.0.1", "a multicast address (224.0.0.0/4)" },
        { "239.255.255.250", "a multicast address (224.0.0.0/4)" },
        { "240.0.0.1", "a reserved address (240.0.0.0/4)" },
        { "255.255.255.255", "the limited broadcast address (255.255.255.255/32)" },
        { "::", "the unspecified address (::/128)" },
        { "::1", "a loopback address (::1/128)" },
        { "::10.0.0.1", "a deprecated IPv4-compatible address (::/96)" },
        { "::8.8.8.8", "a deprecated IPv4-compatible address (::/96)" },
        { "::ffff:127.0.0.1", "an IPv4-mapped address (::ffff:0:0/96) carrying 127.0.0.1, a loopback address (127.0.0.0/8)" },
        { "::ffff:10.0.0.1", "an IPv4-mapped address (::ffff:0:0/96) carrying 10.0.0.1, a private address (10.0.0.0/8)" },
        { "::ffff:169.254.169.254", "an IPv4-mapped address (::ffff:0:0/96) carrying 169.254.169.254, the cloud metadata endpoint (169.254.169.254/32)" },
        { "64:ff9b::a00:1", "a NAT64 address (64:ff9b::/96) carrying 10.0.0.1, a private address (10.0.0.0/8)" },
        { "64:ff9b::a9fe:a9fe", "a NAT64 address (64:ff9b::/96) carrying 169.254.169.254, the cloud metadata endpoint (169.254.169.254/32)" },
        { "64:ff9b:1::808:808", "a local-use NAT64 address (64:ff9b:1::/48)" },
        { "100::1", "a discard-only address (100::/64)" },
        { "2001::1", "a Teredo tunnel address (2001::/32)" },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo tunnel address (2001::/32)" },
        { "2001:2::1", "an IETF protocol assignment (2001::/23)" },
        { "2001:1ff::1", "an IETF protocol assignment (2001::/23)" },
        { "2001:db8::1", "a documentation address (2001:db8::/32)" },
        { "2002:a00:1::1", "a 6to4 address (2002::/16) carrying 10.0.0.1, a private address (10.0.0.0/8)" },
        { "2002:7f00:1::", "a 6to4 address (2002::/16) carrying 127.0.0.1, a loopback address (127.0.0.0/8)" },
        { "2002:a9fe:a9fe::1", "a 6to4 address (2002::/16) carrying 169.254.169.254, the cloud metadata endpoint (169.254.169.254/32)" },
        { "2002:c058:6301::", "a 6to4 address (2002::/16) carrying 192.88.99.1, a 6to4 relay anycast address (192.88.99.0/24)" },
        { "2620:4f:8000::1", "an AS112 DNS sink address (2620:4f:8000::/48)" },
        { "3fff::1", "a documentation address (3fff::/20)" },
        { "3fff:fff::1", "a documentation address (3fff::/20)" },
        { "fc00::1", "a unique local (private) address (fc00::/7)" },
        { "fd12:3456::1", "a unique local (private) address (fc00::/7)" },
        { "fe80::1", "a link-local address (fe80::/10)" },
        { "fe80::1%2", "a link-local address (fe80::/10)" },
        { "fec0::1", "a deprecated site-local address (fec0::/10)" },
        { "ff02::1", "a multicast address (ff00::/8)" },
        { "4000::1", "not a global unicast address (outside 2000::/3)" },
        { "5f00::1", "not a global unicast address (outside 2000::/3)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refusal_SpecialPurposeAddress_NamesItsRange(string address, string reason) =>
        Assert.Equal(reason, AddressPolicy.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("192.0.3.1")]
    [InlineData("192.88.98.1")]
    [InlineData("192.88.100.1")]
    [InlineData("192.169.0.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2001:200::1")]
    [InlineData("2001:db9::1")]
    [InlineData("3fff:1000::1")]
    [InlineData("2a01:111:f100::1")]
    public void Refusal_PublicUnicastAddress_Null(string address) =>
        Assert.Null(AddressPolicy.Refusal(IPAddress.Parse(address)));
}
