using k8s.Models;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>
/// Partitions, queues and the autoscaler agree (docs/kubernetes.md, "Sizing"): at full scale every pod
/// can hold a partition grain (the one stage that does not spread past the partition count), and each
/// queue carries as many partition streams as the next.
/// </summary>
public sealed class SizingTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Partitions_AtLeastTheAutoscalersPods_AndAMultipleOfTheQueues(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var env = SiloEnvironment.Of(manifests);
        var partitions = int.Parse(env["SupplyChain__Streams__Partitions"], System.Globalization.CultureInfo.InvariantCulture);
        var queues = int.Parse(env["SupplyChain__Streams__Queues"], System.Globalization.CultureInfo.InvariantCulture);
        var autoscaler = manifests.Named<V2HorizontalPodAutoscaler>(RenderedManifests.SiloName);

        Assert.True(partitions >= autoscaler.Spec.MaxReplicas,
            $"{kustomization}: {partitions} partitions for up to {autoscaler.Spec.MaxReplicas} pods leaves pods without a partition grain at full scale");
        Assert.True(partitions % queues == 0, $"{kustomization}: {partitions} partitions do not share {queues} queues evenly");
    }
}
