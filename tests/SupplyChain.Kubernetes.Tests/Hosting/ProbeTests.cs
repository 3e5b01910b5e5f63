using System.Net;
using SupplyChain.Kubernetes.Tests.Infrastructure;
using SupplyChain.Silo.Hosting;

namespace SupplyChain.Kubernetes.Tests.Hosting;

/// <summary>The paths the manifests probe answer on a running silo.</summary>
public sealed class ProbeTests
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Probes_OfTheBaseDeployment_AnswerOkOnARunningSilo()
    {
        var silo = (await Kustomize.RenderAsync("k8s/base")).Silo;
        var paths = new[] { silo.StartupProbe, silo.LivenessProbe, silo.ReadinessProbe }.Select(p => p.HttpGet.Path).Distinct().ToList();
        await using var running = await LoopbackSilo.StartAsync(args => SiloApplication.Build(args), "Development");
        using var client = running.Client();

        foreach (var path in paths)
        {
            // Readiness follows cluster membership, which may trail the start by a moment.
            await Eventually.Until(
                async () => (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode,
                status => status == HttpStatusCode.OK, $"{path} answering 200", ReadyWithin);
        }
    }
}
