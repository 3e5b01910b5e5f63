using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>Scans published on the partition streams reach their shipment grains.</summary>
public sealed class ShipmentStreamTests(ClusterFixture fixture)
{
    private Task<ShipmentView?> View(string tn) => fixture.Client.GetGrain<IShipmentGrain>(tn).GetView();

    [Fact]
    public async Task ScanOnStream_UnknownTrackingNumber_CreatesShipment()
    {
        var tn = NewKey("NEW");

        await fixture.Publish(Scan(tn, ScanType.PickedUp, T0));

        var view = await Eventually.Until(() => View(tn), v => v is not null, "the shipment");
        Assert.Equal(ShipmentStatus.InTransit, view!.Status);
        Assert.Null(view.Plan);
    }

    [Fact]
    public async Task SameMessageDeliveredTwice_AppliedOnceWithSameEventIds()
    {
        var tn = NewKey("TWC");
        var scans = new[] { Scan(tn, ScanType.PickedUp, T0, "a"), Scan(tn, ScanType.Delivered, T0.AddHours(5), "b") };

        await fixture.Publish(scans);
        var first = await Eventually.Until(() => View(tn), v => v?.Status == ShipmentStatus.Delivered, "delivered");
        await fixture.Publish(scans);
        await fixture.Publish(Scan(tn, ScanType.Exception, T0.AddHours(6), "c"));
        var after = await Eventually.Until(() => View(tn), v => v!.Milestones.Count == 3, "the marker scan");

        Assert.Equal([ScanType.PickedUp, ScanType.Delivered, ScanType.Exception], after!.Milestones.Select(m => m.ScanType));
        // The copies raised nothing; the marker scan (refused after delivery) only its milestone, newest first.
        Assert.Equal(first!.Alerts.Select(a => a.Id), after.Alerts.Skip(1).Select(a => a.Id));
        Assert.Equal(Contracts.Events.EventTypes.MilestoneReached, after.Alerts[0].Type);
        Assert.Equal(ShipmentStatus.Delivered, after.Status);
    }

    [Fact]
    public async Task AScannerInALoop_KeepsTheFirstAndTheLatestMilestones_UpToTheLimit()
    {
        var tn = NewKey("LOOP");
        var scans = Enumerable.Range(0, ShipmentGrain.MilestoneLimit + 30)
            .Select(i => Scan(tn, i == 0 ? ScanType.PickedUp : ScanType.ArrivedAtFacility, T0.AddMinutes(i), $"loop-{i}"))
            .ToArray();

        await fixture.Publish(scans);

        var view = await Eventually.Until(() => View(tn), v => v?.Milestones[^1].At == T0.AddMinutes(scans.Length - 1), "the last scan");
        Assert.Equal(ShipmentGrain.MilestoneLimit, view!.Milestones.Count);
        Assert.Equal(ScanType.PickedUp, view.Milestones[0].ScanType);
        Assert.Equal(T0.AddMinutes(31), view.Milestones[1].At);
    }

    [Fact]
    public async Task ScansOutOfOrder_StatusDoesNotRegress()
    {
        var tn = NewKey("ORD");

        await fixture.Publish(Scan(tn, ScanType.OutForDelivery, T0.AddHours(10)));
        await fixture.Publish(Scan(tn, ScanType.DepartedFacility, T0.AddHours(2)), Scan(tn, ScanType.LabelCreated, T0));

        var view = await Eventually.Until(() => View(tn), v => v?.Milestones.Count == 3, "three milestones");
        Assert.Equal(ShipmentStatus.OutForDelivery, view!.Status);
        Assert.Equal(ScanType.OutForDelivery, view.StatusDetail);
        Assert.Equal([ScanType.LabelCreated, ScanType.DepartedFacility, ScanType.OutForDelivery], view.Milestones.Select(m => m.ScanType));
    }

    [Fact]
    public async Task ManyScansInOneMessage_KeptInOrderPerKey()
    {
        var tn = NewKey("SEQ");
        var scans = Enumerable.Range(0, 50).Select(i => Scan(tn, ScanType.ArrivedAtFacility, T0.AddMinutes(i), $"seq-{i}")).ToArray();

        await fixture.Publish(scans);

        var view = await Eventually.Until(() => View(tn), v => v?.Milestones.Count == 50, "fifty milestones");
        Assert.Equal(scans.Select(s => s.Time), view!.Milestones.Select(m => m.At));
    }

    [Fact]
    public async Task SetPlan_ThenScan_KeepsPlanAndReportsCreatedOnce()
    {
        var tn = NewKey("PLN");
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        var plan = new ShipmentPlan("ACME", null, new(51.43, 6.76), 300, T0.AddDays(1), null, null);

        Assert.True(await shipment.SetPlan(plan));
        Assert.False(await shipment.SetPlan(plan));
        await fixture.Publish(Scan(tn, ScanType.PickedUp, T0));

        var view = await Eventually.Until(() => View(tn), v => v?.Status == ShipmentStatus.InTransit, "in transit");
        Assert.Equal(plan, view!.Plan);
    }
}
