using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>
/// A shipment whose write failed is let go (its call filter, FailedCallDeactivation): the activation
/// had applied the scan in memory, ids included, and would drop the redelivered copy as a duplicate,
/// leaving storage without a scan the stream was told was taken.
/// </summary>
public sealed class ShipmentStorageTests : IAsyncLifetime
{
    private GatedCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await GatedCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WriteRefused_ScanRedelivered_AppliedAndStoredOnceStorageTakesIt()
    {
        var tn = NewKey("SST");
        _cluster.Storage.Refuse("shipment");

        await _cluster.Publish(Scan(tn, ScanType.PickedUp, T0));
        await Eventually.Until(() => Task.FromResult(_cluster.Storage.Refusals), n => n > 0, "the refused write");
        _cluster.Storage.Open();

        var stored = await Eventually.Until(() => Stored(tn), s => s is { Exists: true }, "the scan in storage");
        Assert.Equal(ShipmentStatus.InTransit, stored!.Status);
        Assert.Single(stored.Milestones);
    }

    private async Task<ShipmentState?> Stored(string trackingNumber)
    {
        var storage = _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GatedStorage.Inner);
        var state = new GrainState<ShipmentState>();
        await storage.ReadStateAsync("shipment", GrainId.Create("shipment", trackingNumber), state);
        return state.RecordExists ? state.State : null;
    }
}
