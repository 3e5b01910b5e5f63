using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>
/// A vehicle's alerts attached to a shipment are kept once per CloudEvent <c>source</c> and <c>id</c>,
/// whether a copy comes in a later call or in the same one (a binding that replays the vehicle's
/// history can send a fix's alerts beside the live fix's).
/// </summary>
public sealed class AttachedAlertTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CopiesInOneCallOrInTheNext_AreKeptOnce_TheSameIdFromAnotherSourceIsAnotherEvent()
    {
        var tn = NewKey("ATT");
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.ApplyScan(Scan(tn, ScanType.PickedUp, T0, "att-1"));
        var stop = Alert("TRK-A", "stop-1", T0.AddMinutes(30));
        var laterStop = Alert("TRK-A", "stop-2", T0.AddMinutes(40));
        var otherTruck = Alert("TRK-B", "stop-1", T0.AddMinutes(50));

        await shipment.AttachAlerts([stop, stop]);
        await shipment.AttachAlerts([stop, laterStop, laterStop, otherTruck]);

        var attached = (await shipment.GetEvents())!.Where(e => e.Type == EventTypes.NoMovementDetected).ToList();
        Assert.Equal(
            [(stop.Source, stop.Id), (laterStop.Source, laterStop.Id), (otherTruck.Source, otherTruck.Id)],
            attached.Select(e => (e.Source, e.Id)));
    }

    private static OutboundEvent Alert(string vehicle, string id, DateTimeOffset at) =>
        new(id, EventTypes.NoMovementDetected, EventTypes.VehicleSource(vehicle), vehicle, at, "{}");
}
