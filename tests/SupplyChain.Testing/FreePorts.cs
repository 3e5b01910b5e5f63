using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Testing;

/// <summary>Ports nobody listens on, so Azurite and the silos of parallel or successive tests do not collide.</summary>
public static class FreePorts
{
    /// <summary>
    /// Where ports are picked: below Linux's ephemeral range (32768 and up), which the kernel also
    /// hands to outgoing connections. A port taken from that range could be the local end of some
    /// connection by the time Azurite binds it (Azurite then failed to listen while another process
    /// answered the readiness probe, and a silo met "connection refused"), and below Orleans' default
    /// gateway port 30000.
    /// </summary>
    private const int Lowest = 20_000;

    private const int Highest = 29_999;

    /// <summary>The ports this process handed out: a port given once is not given again, whoever binds it when.</summary>
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest + 1);
            if (CanListen(port) && Given.TryAdd(port, true))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in [{Lowest}, {Highest}] after 1,000 tries.");
    }

    /// <summary>True when something accepts connections on <paramref name="port"/> of loopback.</summary>
    public static async Task<bool> IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
