using SupplyChain.Kubernetes.Tests.Infrastructure;
using SupplyChain.Pods;

namespace SupplyChain.Kubernetes.Tests.Rollout;

/// <summary>Starts the local overlay's pods on loopback (tools/SupplyChain.Pods) for a test, on a network of its own.</summary>
internal static class LoopbackPods
{
    /// <summary>The carrier and admin keys are the local overlay's generated Secret's, read from a pod's environment.</summary>
    public const string CarrierKeyVariable = "SupplyChain__Auth__ApiKeys__0__Key";

    public const string AdminKeyVariable = "SupplyChain__Auth__ApiKeys__1__Key";

    /// <summary>
    /// The silo built beside these tests (bin/{Configuration}/{tfm} of the silo project). A random
    /// 127.x.y network rather than the tool's default 127.0.0, so a developer's pods or a parallel
    /// run on the same machine do not collide with the manifest's fixed ports.
    /// </summary>
    public static Task<LoopbackCluster> StartAsync(int? replicas = null)
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var silo = Path.Combine(Repository.Root, "src", "SupplyChain.Silo", "bin", tfm.Parent!.Name, tfm.Name, "SupplyChain.Silo.dll");
        var network = $"127.{Random.Shared.Next(100, 200)}.{Random.Shared.Next(0, 256)}";
        return LoopbackCluster.StartAsync(Repository.Root, silo, network, replicas);
    }

    /// <summary>A client for <paramref name="pod"/> sending the key held in <paramref name="keyVariable"/> of its environment.</summary>
    public static HttpClient Client(PodProcess pod, string keyVariable)
    {
        var client = new HttpClient { BaseAddress = pod.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", pod.Environment[keyVariable]);
        return client;
    }
}
