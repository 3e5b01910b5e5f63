using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Shipments;
using SupplyChain.Grains.Tests.Infrastructure;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>
/// A shipment's promised delivery time, through the streams: at risk once per spell, back on track past
/// the hysteresis, and late by its reminder when no traffic comes.
/// </summary>
public sealed class PromiseTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Origin = new(52.0, 5.0);

    // 60 km due north: an hour at the 60 km/h the truck reports.
    private static readonly GeoPoint Destination = North(60_000);

    private static GeoPoint North(double meters) => GreatCircle.Destination(Origin, 0, meters);

    private static ShipmentPlan Plan(DateTimeOffset promisedBy) => new("ACME", Origin, Destination, 300, promisedBy, [Origin, Destination], 1_000);

    [Fact]
    public async Task EtaPastThePromise_AtRiskOnce_ThenBackOnTrackPastTheHysteresis()
    {
        var tn = NewKey("PRM");
        var truck = NewKey("TRUCK");
        var promisedBy = T0.AddMinutes(40);
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.SetPlan(Plan(promisedBy));
        await fixture.Publish(new ScanReceived("/carriers/acme", tn + "-load", T0, tn, ScanType.LoadedOnVehicle, Origin, null, truck, null));
        await Eventually.Until(shipment.GetView, v => v!.Milestones.Count == 1, "the load scan");

        // About T0+60 from the start is 20 minutes past the promise; racing 20 km in 5 minutes (240 km/h, under the plausible 250) brings it well inside.
        (GeoPoint Where, DateTimeOffset At, double SpeedKmh)[] pings =
        [
            (Origin, T0.AddSeconds(1), 60), (North(5_000), T0.AddMinutes(5), 60), (North(25_000), T0.AddMinutes(10), 240),
            (North(26_000), T0.AddMinutes(11), 60),
        ];
        foreach (var (where, at, speed) in pings)
        {
            await fixture.Publish(new PingReceived("/devices/truck", $"{truck}-{at:HHmmss}", at, truck, where, speed, 0, 5));
            await Eventually.Until(shipment.GetView, v => v!.Location?.At == at, $"the ping at {at:HH:mm:ss}");
        }

        var events = (await shipment.GetEvents())!;
        var atRisk = Assert.Single(events, e => e.Type == EventTypes.DeliveryAtRisk);
        var back = Assert.Single(events, e => e.Type == EventTypes.DeliveryBackOnTrack);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.DeliveryLate);
        Assert.Equal(T0.AddSeconds(1), atRisk.Time);
        Assert.Equal(T0.AddMinutes(10), back.Time);
        var risk = Data(atRisk);
        Assert.Equal(tn, risk.GetProperty("trackingNumber").GetString());
        Assert.Equal(promisedBy, risk.GetProperty("promisedBy").GetDateTimeOffset());
        Assert.True(risk.GetProperty("lateByMinutes").GetInt64() > 15, risk.ToString());
        Assert.True(risk.GetProperty("eta").GetDateTimeOffset() > promisedBy.AddMinutes(15));
        Assert.True(Data(back).GetProperty("eta").GetDateTimeOffset() <= promisedBy.AddMinutes(5));
        Assert.NotEqual(atRisk.Id, back.Id);
        Assert.Equal(PromiseStatus.OnTrack, (await shipment.GetView())!.Promise);
    }

    [Fact]
    public async Task PromisePassesWithoutTraffic_LateRaisedByTheReminder_DatedAtThePromise()
    {
        var tn = NewKey("LATE");
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        var promisedBy = DateTimeOffset.UtcNow.AddSeconds(3);
        promisedBy = promisedBy.AddTicks(-(promisedBy.Ticks % TimeSpan.TicksPerMillisecond));
        await shipment.SetPlan(Plan(promisedBy));
        var before = (await shipment.GetView())!.Promise;

        var events = await Eventually.Until(
            async () => (await shipment.GetEvents())!, e => e.Any(x => x.Type == EventTypes.DeliveryLate), "the late alert");

        Assert.Equal(PromiseStatus.OnTrack, before);
        var late = Assert.Single(events, e => e.Type == EventTypes.DeliveryLate);
        Assert.Equal(promisedBy, late.Time);
        Assert.Equal(promisedBy, Data(late).GetProperty("at").GetDateTimeOffset());
        Assert.Equal(promisedBy, Data(late).GetProperty("promisedBy").GetDateTimeOffset());
        Assert.Equal(EventTypes.ShipmentSource(tn), late.Source);
        Assert.Equal(PromiseStatus.Late, (await shipment.GetView())!.Promise);
        await Eventually.Until(() => PromiseReminderOf(shipment), r => r is null, "the promise reminder dropped after it fired");
    }

    [Fact]
    public async Task DeliveredBeforeThePromise_DropsTheReminder()
    {
        var tn = NewKey("DLV");
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.SetPlan(Plan(DateTimeOffset.UtcNow.AddHours(1)));
        var watched = await PromiseReminderOf(shipment);

        await shipment.ApplyScan(Scan(tn, ScanType.Delivered, T0));

        Assert.NotNull(watched);
        Assert.Null(await PromiseReminderOf(shipment));
    }

    private async Task<ReminderEntry?> PromiseReminderOf(IShipmentGrain shipment)
    {
        var table = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(shipment.GetGrainId());
        return rows.Reminders.FirstOrDefault(r => r.ReminderName == ShipmentGrain.PromiseReminder);
    }

    private static JsonElement Data(OutboundEvent e)
    {
        using var doc = JsonDocument.Parse(e.Data);
        return doc.RootElement.Clone();
    }
}
