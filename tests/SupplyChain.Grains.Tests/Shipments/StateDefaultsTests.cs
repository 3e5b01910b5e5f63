using Orleans.Core.Internal;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Eta;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Testing;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>
/// Grain state starts from shared immutable defaults (<see cref="EtaState.Initial"/>,
/// <c>CorridorState.Initial</c>). Reading a shipment back from storage must leave them as they are: a serializer
/// that fills the existing objects in place wrote one shipment's ETA into the default that every new shipment
/// then started from.
/// </summary>
public sealed class StateDefaultsTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Origin = new(47.0, 9.0);
    private static readonly GeoPoint Destination = GreatCircle.Destination(Origin, 0, 40_000);

    [Fact]
    public async Task AShipmentReadBackFromStorage_LeavesTheDefaultsAsTheyAre()
    {
        var tn = NewKey("DEF");
        var truck = NewKey("DEFTRK");
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.SetPlan(new ShipmentPlan("ACME", Origin, Destination, 300, null, [Origin, Destination], 1_000));
        await fixture.Publish(Scan(tn, ScanType.LoadedOnVehicle, T0.AddMinutes(-1), vehicleId: truck));
        await Eventually.Until(shipment.GetView, v => v!.Milestones.Count == 1, "the load scan");
        for (var minute = 0; minute < 3; minute++)
        {
            var at = T0.AddMinutes(minute);
            var where = GreatCircle.Destination(Origin, 0, minute * 1_000);
            await fixture.Publish(Ping(truck, where.Lat, where.Lon, at));
            await Eventually.Until(shipment.GetView, v => v!.Location?.At == at && v.Eta is not null, $"the ping of minute {minute} and an estimate");
        }

        await shipment.AsReference<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.NotNull((await shipment.GetView())!.Eta);

        Assert.Equal(new EtaState(), EtaState.Initial);
    }
}
