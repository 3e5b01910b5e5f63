using System.Collections.Concurrent;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using Orleans.Runtime;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Live;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>
/// A shipment the activation rebalancer moves to another silo keeps its state and its live watchers:
/// the consignee's page goes on getting its events at once, not after its next renewal.
/// </summary>
public sealed class ShipmentMoveTests(ClusterFixture fixture)
{
    [Fact]
    public async Task MovedToAnotherSilo_KeepsItsStatus_AndItsWatcherGetsTheNextScansEvents()
    {
        var tn = NewKey("MOV");
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.ApplyScan(Scan(tn, ScanType.PickedUp, T0, "mov-1"));
        var watcher = new Watcher();
        var reference = fixture.Client.CreateObjectReference<ILiveFeedObserver>(watcher);
        await shipment.Watch(reference);

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var from = await management.GetActivationAddress(shipment, TestContext.Current.CancellationToken);
        var to = fixture.Cluster.Silos.Select(s => s.SiloAddress).First(s => !s.Equals(from));
        RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
        await shipment.Cast<IGrainManagementExtension>().MigrateOnIdle(TestContext.Current.CancellationToken);
        RequestContext.Clear();
        await Eventually.Until(() => management.GetActivationAddress(shipment, TestContext.Current.CancellationToken).AsTask(), at => to.Equals(at), $"the shipment moved to {to}");

        await shipment.ApplyScan(Scan(tn, ScanType.OutForDelivery, T0.AddHours(2), "mov-2"));

        var seen = await Eventually.Until(
            () => Task.FromResult(watcher.Events.ToList()), e => e.Any(x => x.Type == EventTypes.ShipmentStatusChanged), "the watcher to get the status change");
        Assert.All(seen, e => Assert.Equal(tn, e.Subject));
        Assert.Equal(ShipmentStatus.OutForDelivery, (await shipment.GetView())!.Status);
        fixture.Client.DeleteObjectReference<ILiveFeedObserver>(reference);
    }

    private sealed class Watcher : ILiveFeedObserver
    {
        public ConcurrentQueue<OutboundEvent> Events { get; } = new();

        public Task OnEvents(IReadOnlyList<OutboundEvent> events)
        {
            foreach (var e in events)
            {
                Events.Enqueue(e);
            }

            return Task.CompletedTask;
        }
    }
}
