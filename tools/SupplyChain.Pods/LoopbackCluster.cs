using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace SupplyChain.Pods;

/// <summary>
/// The local overlay's silo Deployment as processes on this machine: Azurite for the
/// <c>azurite</c> Service on <c>{network}.10</c>, and the Deployment's replicas on
/// <c>{network}.2</c>, <c>.3</c>, <c>.4</c>, ... (127.0.0.2-4 by default), each with the rendered
/// container environment (<see cref="PodEnvironment"/>) and the manifest's ports. Loopback is all
/// of 127.0.0.0/8, so every pod has its own address and the same ports, as in a cluster.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    /// <summary>The first pod's last address byte; pods take consecutive addresses from here.</summary>
    public const int FirstPodHost = 2;

    /// <summary>The last address byte of the Services run locally (Azurite).</summary>
    public const int ServiceHost = 10;

    private readonly LocalOverlay _overlay;
    private readonly string _siloAssembly;
    private readonly LocalAzurite _azurite;
    private readonly IReadOnlyDictionary<string, IPAddress> _services;
    private readonly string _templateHash;

    private LoopbackCluster(LocalOverlay overlay, string siloAssembly, LocalAzurite azurite, IReadOnlyList<PodProcess> pods)
    {
        _overlay = overlay;
        _siloAssembly = siloAssembly;
        _azurite = azurite;
        _services = new Dictionary<string, IPAddress> { [LocalAzurite.ServiceName] = azurite.Address };
        Pods = pods;
        // A Deployment names its pods after the pod template's hash, as pod-template-hash does.
        _templateHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(overlay.SiloDeployment.Spec.Template))))[..10];
    }

    public IReadOnlyList<PodProcess> Pods { get; }

    /// <summary>The Deployment's <c>terminationGracePeriodSeconds</c>: after it, a pod is killed.</summary>
    public TimeSpan GracePeriod => TimeSpan.FromSeconds(_overlay.SiloDeployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);

    /// <summary>How long a pod may take to become ready: the startup probe's budget.</summary>
    public TimeSpan StartupBudget =>
        _overlay.Silo.StartupProbe is { } probe ? TimeSpan.FromSeconds((probe.PeriodSeconds ?? 10) * (probe.FailureThreshold ?? 3)) : TimeSpan.FromMinutes(2);

    /// <summary>The connection string's Azurite address, as the pods see it.</summary>
    public IPAddress AzuriteAddress => _azurite.Address;

    /// <summary>
    /// Renders the overlay, starts Azurite and the Deployment's replicas (or <paramref name="replicas"/>)
    /// and waits until every pod is ready.
    /// </summary>
    /// <param name="network">The first three bytes of the addresses, e.g. <c>127.0.0</c>.</param>
    public static async Task<LoopbackCluster> StartAsync(string repositoryRoot, string siloAssembly, string network = "127.0.0", int? replicas = null, Action<string>? echo = null)
    {
        if (!File.Exists(siloAssembly))
        {
            throw new InvalidOperationException($"{siloAssembly} is missing: build src/SupplyChain.Silo first.");
        }

        var overlay = await LocalOverlay.RenderAsync(repositoryRoot);
        var count = replicas ?? overlay.SiloDeployment.Spec.Replicas ?? 1;
        var http = PodEnvironment.Port(overlay, "http");
        var addresses = Enumerable.Range(FirstPodHost, count).Select(h => Address(network, h)).ToList();
        foreach (var address in addresses)
        {
            foreach (var port in overlay.Silo.Ports.Select(p => p.ContainerPort))
            {
                if (await Signals.IsListeningAsync(address, port))
                {
                    throw new InvalidOperationException($"Something already listens on {address}:{port}: another pods-on-loopback run? Pick another --network.");
                }
            }
        }

        var azurite = await LocalAzurite.StartAsync(repositoryRoot, overlay.Named<V1Service>(LocalAzurite.ServiceName), Address(network, ServiceHost));
        var pods = addresses.Select((a, i) => new PodProcess(i, a, http, echo)).ToList();
        var cluster = new LoopbackCluster(overlay, siloAssembly, azurite, pods);
        try
        {
            foreach (var pod in pods)
            {
                cluster.Launch(pod);
            }

            await Task.WhenAll(pods.Select(p => p.WaitReadyAsync(cluster.StartupBudget)));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>The environment pod <paramref name="ordinal"/> gets (for a new pod name), without starting it.</summary>
    public Dictionary<string, string> EnvironmentOf(int ordinal, string podName) =>
        PodEnvironment.Of(_overlay, podName, Pods[ordinal].Address, _services);

    /// <summary>SIGTERM to pod <paramref name="ordinal"/>; waits for its exit (SIGKILL after the grace period).</summary>
    public Task<(TimeSpan Drain, int ExitCode)> TerminateAsync(int ordinal) => Pods[ordinal].TerminateAsync(GracePeriod);

    /// <summary>Starts a new pod in place of <paramref name="ordinal"/> (a new name, the same address) and waits until it is ready.</summary>
    public async Task StartAsync(int ordinal, CancellationToken cancellationToken = default)
    {
        Launch(Pods[ordinal]);
        await Pods[ordinal].WaitReadyAsync(StartupBudget, cancellationToken);
    }

    /// <summary>Stops every pod (SIGTERM, as a scale to zero would), then Azurite.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Pods.Where(p => p.IsRunning).Select(p => p.TerminateAsync(GracePeriod)));
        foreach (var pod in Pods)
        {
            await pod.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private static IPAddress Address(string network, int host) =>
        IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{network}.{host}"));

    private void Launch(PodProcess pod)
    {
        var name = $"{_overlay.SiloDeployment.Metadata.Name}-{_templateHash}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))[..5]}";
        pod.Launch(_siloAssembly, name, EnvironmentOf(pod.Ordinal, name));
    }
}
