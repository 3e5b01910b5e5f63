using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Grains.Vehicles;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>
/// A vehicle grain stores its state on its own: what storage refused is applied again on
/// redelivery, not dropped as a duplicate; a vehicle outlives its activation; and a vehicle stored
/// by the release that held vehicles in their partitions is read back as it was. Every accepted
/// ping writes here (checkpoint interval zero), so each test can watch storage.
/// </summary>
public sealed class VehicleStorageTests : IAsyncLifetime
{
    private GatedCluster _cluster = null!;

    public async ValueTask InitializeAsync() =>
        _cluster = await GatedCluster.StartAsync(silo => silo.Services.ConfigureBeyondLimits<VehicleCheckpointOptions>(o => o.VehicleCheckpointInterval = TimeSpan.Zero));

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task WriteRefused_PingRedelivered_AppliedAndStoredOnceStorageTakesIt()
    {
        var truck = NewKey("FLT");
        _cluster.Storage.Refuse("vehicle");

        await _cluster.Publish(Ping(truck, 51.9, 4.9, T0));
        await Eventually.Until(() => Task.FromResult(_cluster.Storage.Refusals), n => n > 0, "the refused write");
        _cluster.Storage.Open();

        var stored = await Eventually.Until(() => Stored(truck), s => s?.Location?.At == T0, "the ping in storage");
        Assert.Empty(stored!.IgnoredPings);
        var view = await _cluster.Vehicle(truck);
        Assert.Equal(T0, view!.Location!.At);
        Assert.Empty(view.IgnoredPings);
    }

    [Fact]
    public async Task VehicleDeactivated_ReadBackFromStorage_WithItsRecentPings()
    {
        var truck = NewKey("FLT");
        var ping = Ping(truck, 51.9, 4.9, T0);
        await _cluster.Publish(ping);
        await Eventually.Until(() => Stored(truck), s => s?.Location?.At == T0, "the ping in storage");

        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var read = await _cluster.Vehicle(truck);
        Assert.Equal(T0, read!.Location!.At);

        await _cluster.Publish(ping);
        var view = await Eventually.Until(
            () => _cluster.Vehicle(truck), v => v?.IgnoredPings.GetValueOrDefault("duplicate") == 1, "the copy caught as a duplicate");
        Assert.Equal(T0, view!.Location!.At);
    }

    [Fact]
    public async Task VehicleStoredByItsPartition_CarriesOver_ShipmentsPositionAndRecentPings()
    {
        // As the release that held vehicles in partitions wrote them: through the grain storage, under
        // grain id vehicle/{id} and state name "vehicle", the ring of recent ping keys in the state.
        var truck = NewKey("OLD");
        var tn = NewKey("OLS");
        var seen = Ping(truck, 51.9, 4.9, T0, "seen");
        var state = new GrainState<VehicleState>(new VehicleState
        {
            Location = new PositionAt(new GeoPoint(51.9, 4.9), T0),
            Shipments = [tn],
            RecentPingKeys = [RecentEventIds.KeyOf(seen.Source, seen.Id)],
        });
        await Storage.WriteStateAsync("vehicle", GrainId.Create("vehicle", truck), state);
        await _cluster.Client.GetGrain<IShipmentGrain>(tn).ApplyScan(Scan(tn, ScanType.LoadedOnVehicle, T0.AddMinutes(-1), vehicleId: truck));

        var read = await _cluster.Vehicle(truck);
        Assert.Equal(T0, read!.Location!.At);
        Assert.Equal([tn], read.Shipments);

        await _cluster.Publish(seen, Ping(truck, 51.91, 4.91, T0.AddMinutes(1), "next"));

        var view = await Eventually.Until(() => _cluster.Vehicle(truck), v => v?.Location?.At == T0.AddMinutes(1), "the next ping");
        Assert.Equal(1, view!.IgnoredPings["duplicate"]);
        var shipment = await Eventually.Until(
            () => _cluster.Client.GetGrain<IShipmentGrain>(tn).GetView(), s => s?.Location?.At == T0.AddMinutes(1), "the shipment following the truck");
        Assert.Equal(truck, shipment!.VehicleId);
    }

    [Fact]
    public async Task UnknownVehicle_NoView_AndNotListed_NothingStored()
    {
        var truck = NewKey("FLT");

        Assert.Null(await _cluster.Vehicle(truck));
        Assert.DoesNotContain(await _cluster.Client.GetPartitionOf(truck, GatedCluster.Partitions).GetVehicles(), v => v.VehicleId == truck);
        Assert.Null(await Stored(truck));
    }

    private IGrainStorage Storage => _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GatedStorage.Inner);

    private Task<VehicleState?> Stored(string vehicleId) => _cluster.Cluster.StoredVehicle(GatedStorage.Inner, vehicleId);
}
