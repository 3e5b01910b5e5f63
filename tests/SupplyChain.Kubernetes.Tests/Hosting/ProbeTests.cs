using System.Net;
using SupplyChain.Kubernetes.Tests.Infrastructure;

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
        await using var running = await LoopbackSilo.StartAsync();
        using var client = new HttpClient { BaseAddress = running.Address };

        foreach (var path in paths)
        {
            // Readiness follows cluster membership, which may trail the start by a moment.
            var deadline = DateTime.UtcNow + ReadyWithin;
            HttpStatusCode status;
            while ((status = (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
            }

            Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status} for {ReadyWithin}.");
        }
    }
}
