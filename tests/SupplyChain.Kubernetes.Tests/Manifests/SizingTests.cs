using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>
/// Partitions and queues agree (docs/kubernetes.md, "Sizing"): each queue carries as many partition
/// streams as the next, and no queue is left without one. The partition count no longer bounds the
/// pods: partition grains only route events to vehicle and shipment grains, which spread over every pod.
/// </summary>
public sealed class SizingTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Partitions_AMultipleOfTheQueues(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var env = SiloEnvironment.Of(manifests);
        var partitions = int.Parse(env["SupplyChain__Streams__Partitions"], System.Globalization.CultureInfo.InvariantCulture);
        var queues = int.Parse(env["SupplyChain__Streams__Queues"], System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(partitions >= queues, $"{kustomization}: {queues} queues for {partitions} partitions leaves queues that carry nothing");
        Assert.True(partitions % queues == 0, $"{kustomization}: {partitions} partitions do not share {queues} queues evenly");
    }
}
