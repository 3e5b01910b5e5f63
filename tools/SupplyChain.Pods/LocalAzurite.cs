using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s.Models;

namespace SupplyChain.Pods;

/// <summary>
/// Azurite for the overlay's <c>azurite</c> Service: the npm package pinned in <c>tools/azurite</c>,
/// listening on the Service's own loopback address with the Service's ports (blob, queue, table),
/// with a fresh data directory (Azurite slows as its data grows), deleted on dispose.
/// </summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>The Service the local overlay gives Azurite; the silo's connection string names it.</summary>
    public const string ServiceName = "azurite";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _location;

    private LocalAzurite(Process process, string location, IPAddress address)
    {
        _process = process;
        _location = location;
        Address = address;
    }

    public IPAddress Address { get; }

    public static async Task<LocalAzurite> StartAsync(string repositoryRoot, V1Service service, IPAddress address)
    {
        var launcher = System.IO.Path.Combine(repositoryRoot, "tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(launcher))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in {System.IO.Path.Combine(repositoryRoot, "tools", "azurite")}.");
        }

        int PortOf(string name) => service.Spec.Ports.SingleOrDefault(p => p.Name == name)?.Port
            ?? throw new InvalidOperationException($"Service {ServiceName} has no port named {name}.");

        var ports = new[] { ("blob", PortOf("blob")), ("queue", PortOf("queue")), ("table", PortOf("table")) };
        var location = Directory.CreateTempSubdirectory("pods-azurite-").FullName;
        var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--location", location])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, port) in ports)
        {
            start.ArgumentList.Add($"--{name}Host");
            start.ArgumentList.Add(address.ToString());
            start.ArgumentList.Add($"--{name}Port");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new LocalAzurite(process, location, address);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AllListeningAsync(address, ports.Select(p => p.Item2)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not listen on {address} within {StartTimeout.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }

        return azurite;
    }

    /// <summary>Stops Azurite with SIGTERM (killing it if it lingers) and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signals.Terminate(_process);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static async Task<bool> AllListeningAsync(IPAddress address, IEnumerable<int> ports)
    {
        foreach (var port in ports)
        {
            if (!await Signals.IsListeningAsync(address, port))
            {
                return false;
            }
        }

        return true;
    }
}
