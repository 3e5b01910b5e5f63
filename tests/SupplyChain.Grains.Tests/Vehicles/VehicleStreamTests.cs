using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Vehicles;

/// <summary>Pings published on the partition streams reach their vehicle grains and the shipments on board.</summary>
public sealed class VehicleStreamTests(ClusterFixture fixture)
{
    private Task<VehicleView?> View(string id) => fixture.Client.GetGrain<IVehicleGrain>(id).GetView();

    [Fact]
    public async Task Pings_LatestPlausibleFixWins_DuplicatesCounted()
    {
        var truck = NewKey("TRK");
        var first = Ping(truck, 51.90, 4.40, T0, "p1");

        await fixture.Publish(first, Ping(truck, 51.91, 4.41, T0.AddMinutes(1), "p2"));
        await fixture.Publish(first, Ping(truck, 51.92, 4.42, T0.AddMinutes(2), "p3"));

        var view = await Eventually.Until(() => View(truck), v => v?.Location?.At == T0.AddMinutes(2), "the third fix");
        Assert.Equal(51.92, view!.Location!.Position.Lat);
        Assert.Equal(1, view.IgnoredPings["duplicate"]);
    }

    [Fact]
    public async Task LoadedShipment_FollowsItsVehicle()
    {
        var tn = NewKey("LDS");
        var truck = NewKey("TRK");

        await fixture.Publish(Scan(tn, ScanType.LoadedOnVehicle, T0, vehicleId: truck));
        await Eventually.Until(() => View(truck), v => v?.Shipments.Contains(tn) == true, "the truck carrying it");
        await fixture.Publish(Ping(truck, 52.1, 5.1, T0.AddMinutes(5)));

        var shipment = await Eventually.Until(
            () => fixture.Client.GetGrain<IShipmentGrain>(tn).GetView(), s => s?.Location?.At == T0.AddMinutes(5), "the shipment at the truck");
        Assert.Equal(52.1, shipment!.Location!.Position.Lat);
        Assert.Equal(truck, shipment.VehicleId);
    }

    [Fact]
    public async Task PartitionGrain_ListsVehiclesOfItsPartition()
    {
        var truck = NewKey("LST");

        await fixture.Publish(Ping(truck, 50.0, 3.0, T0));

        var fleet = await Eventually.Until(
            () => fixture.Client.GetPartitionOf(truck, ClusterFixture.Partitions).GetVehicles(), f => f.Any(v => v.VehicleId == truck), "the truck listed");
        Assert.Equal(3.0, fleet.Single(v => v.VehicleId == truck).Location.Position.Lon);
    }

    [Fact]
    public async Task FleetList_FollowsTheVehicleBeyondItsFirstFix_ToItsStop()
    {
        var truck = NewKey("STP");
        var partition = fixture.Client.GetPartitionOf(truck, ClusterFixture.Partitions);

        await fixture.Publish(Ping(truck, 50.0, 3.0, T0), Ping(truck, 50.01, 3.0, T0.AddMinutes(1)));
        await fixture.Publish(Ping(truck, 50.01, 3.0, T0.AddMinutes(7)), Ping(truck, 50.01, 3.0, T0.AddMinutes(13)));

        var line = await Eventually.Until(
            async () => (await partition.GetVehicles()).SingleOrDefault(v => v.VehicleId == truck), v => v?.Moving == false, "the truck listed as stopped");
        Assert.Equal(50.01, line!.Location.Position.Lat);
    }

    [Fact]
    public async Task FleetList_AfterABurstOfPings_EndsAtTheLatest()
    {
        var truck = NewKey("BRS");
        var partition = fixture.Client.GetPartitionOf(truck, ClusterFixture.Partitions);

        // Separate messages in quick succession: the first line goes at once, the later ones are held back, then sent.
        for (var i = 0; i < 5; i++)
        {
            await fixture.Publish(Ping(truck, 50.0 + (i * 0.001), 3.0, T0.AddSeconds(i * 10)));
        }

        await Eventually.Until(
            async () => (await partition.GetVehicles()).SingleOrDefault(v => v.VehicleId == truck), v => v?.Location.At == T0.AddSeconds(40), "the latest fix listed");
    }
}
