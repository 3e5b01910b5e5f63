using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>Ports nobody listens on, so silos of parallel tests do not collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
