using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Testing;

/// <summary>Ports nobody listens on, so Azurite and the silos of parallel or successive tests do not collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}
