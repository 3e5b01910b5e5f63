using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Takes the client's address from <c>X-Forwarded-For</c>, but only on connections from the
/// configured proxies: from anyone else the header would let a caller pick its own address, and
/// with it a fresh per-address limit.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>Reads an address (one host) or a CIDR network.</summary>
    public static bool TryParse(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }

    /// <summary>Adds the forwarded-headers step when proxies are configured; without any, nothing changes.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app, IReadOnlyList<string> proxies)
    {
        if (proxies.Count == 0)
        {
            return app;
        }

        // Only the client's address: the scheme and host stay what the silo itself saw.
        // No hop limit: the header is read from its right end for as long as each hop is a trusted proxy,
        // so a chain of them (a CDN before the ingress) works, and the first untrusted hop is the client.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        // The defaults trust loopback; only what the operator listed is trusted here.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            // The options validator has refused the silo's start on any entry that does not parse.
            if (TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
