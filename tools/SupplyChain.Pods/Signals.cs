using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Pods;

/// <summary>What the kubelet does to a container's process, and a TCP check of a port.</summary>
internal static class Signals
{
    /// <summary>SIGTERM, as the kubelet stops a container after its <c>preStop</c> hook.</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !process.HasExited)
        {
            throw new InvalidOperationException($"kill -TERM {process.Id} failed ({kill.ExitCode}).");
        }
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
