using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Silo.Tests.RateLimiting;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (all of 127.0.0.0/8 is loopback), so
/// each test is a client address of its own and no test drains another's per-address limit.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(string localAddress, Uri baseAddress, string? apiKey = null)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
