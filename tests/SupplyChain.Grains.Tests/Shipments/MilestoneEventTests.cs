using System.Text.Json;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Events;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>Every accepted scan of a shipment raises one <c>SupplyChain.MilestoneReached</c>, before its status events.</summary>
public sealed class MilestoneEventTests(ClusterFixture fixture)
{
    private Task<IReadOnlyList<OutboundEvent>?> History(string tn) => fixture.Client.GetGrain<IShipmentGrain>(tn).GetEvents();

    [Fact]
    public async Task ATrip_OneMilestonePerScan_BeforeItsStatusEvents_RedeliveryRaisesNone()
    {
        var tn = NewKey("MIL");
        var vehicle = NewKey("TRK");
        var pickedUp = Scan(tn, ScanType.PickedUp, T0, "m-1");
        var arrived = Scan(tn, ScanType.ArrivedAtFacility, T0.AddHours(2), "m-2");
        var loaded = Scan(tn, ScanType.LoadedOnVehicle, T0.AddHours(3), "m-3", vehicle);
        var delivered = Scan(tn, ScanType.Delivered, T0.AddHours(9), "m-4");
        // After delivery the lifecycle refuses any move; the shipment keeps the scan, so it is a milestone too.
        var late = Scan(tn, ScanType.Exception, T0.AddHours(10), "m-5");

        await fixture.Publish(pickedUp, arrived, loaded, delivered);
        await fixture.Publish(arrived, delivered);
        await fixture.Publish(late);
        var events = await Eventually.Until(
            () => History(tn), h => h?.Any(e => e.Subject == tn && e.Type == EventTypes.MilestoneReached && e.Time == late.Time) == true, "the late scan's milestone");

        Assert.Equal(
            [
                EventTypes.MilestoneReached, EventTypes.ShipmentStatusChanged,
                EventTypes.MilestoneReached,
                EventTypes.MilestoneReached,
                EventTypes.MilestoneReached, EventTypes.ShipmentStatusChanged, EventTypes.Delivered,
                EventTypes.MilestoneReached,
            ],
            events!.Select(e => e.Type));
        var milestones = events!.Where(e => e.Type == EventTypes.MilestoneReached).ToList();
        ScanReceived[] scans = [pickedUp, arrived, loaded, delivered, late];
        Assert.Equal(
            scans.Select(s => OutboundEventId.Derive(EventCause.Of(s.Source, s.Id).ToString(), EventTypes.MilestoneReached, tn)),
            milestones.Select(e => e.Id));
        Assert.Equal(scans.Select(s => s.Time), milestones.Select(e => e.Time));
        Assert.All(milestones, e => Assert.Equal(EventTypes.ShipmentSource(tn), e.Source));

        var data = milestones.Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.Equal(scans.Select(s => s.ScanType.ToString()), data.Select(d => d.GetProperty("scanType").GetString()));
        Assert.Equal(["InTransit", "InTransit", "InTransit", "Delivered", "Delivered"], data.Select(d => d.GetProperty("status").GetString()));
        Assert.Equal(scans.Select(s => s.Time), data.Select(d => d.GetProperty("at").GetDateTimeOffset()));
        Assert.All(data, d => Assert.Equal(tn, d.GetProperty("trackingNumber").GetString()));
        Assert.All(data, d => Assert.Equal("RTM-1", d.GetProperty("facilityId").GetString()));
        Assert.All(data, d => Assert.Equal(51.92, d.GetProperty("location").GetProperty("lat").GetDouble()));
        Assert.Equal([null, null, vehicle, null, null], data.Select(d => d.GetProperty("vehicleId").GetString()));
    }

    [Fact]
    public async Task AScanOlderThanTheStatus_KeepsTheStatus_StillAMilestoneWithTheStatusItKept()
    {
        var tn = NewKey("OLD");
        var outFor = Scan(tn, ScanType.OutForDelivery, T0.AddHours(5), "o-1");
        var older = Scan(tn, ScanType.DepartedFacility, T0.AddHours(1), "o-2");

        await fixture.Publish(outFor);
        await fixture.Publish(older);
        var events = await Eventually.Until(() => History(tn), h => h?.Count(e => e.Type == EventTypes.MilestoneReached) == 2, "two milestones");

        Assert.Equal([EventTypes.MilestoneReached, EventTypes.ShipmentStatusChanged, EventTypes.MilestoneReached], events!.Select(e => e.Type));
        using var last = JsonDocument.Parse(events![^1].Data);
        Assert.Equal("DepartedFacility", last.RootElement.GetProperty("scanType").GetString());
        Assert.Equal("OutForDelivery", last.RootElement.GetProperty("status").GetString());
        Assert.Equal(older.Time, events[^1].Time);
    }
}
