using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Geofences;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;
using SupplyChain.Grains.Geofences;
using SupplyChain.Grains.Tests.Infrastructure;
using SupplyChain.Testing;
using static SupplyChain.Grains.Tests.Infrastructure.Events;

namespace SupplyChain.Grains.Tests.Shipments;

/// <summary>
/// A plan's facility stop through the streams: the truck's arrival at the facility, attached to the
/// shipment, makes the ETA count only the dwell left, and the visit is stored, so a shipment that
/// comes back from storage mid-stop still counts only what is left.
/// </summary>
public sealed class PlannedStopTests(ClusterFixture fixture)
{
    // Away from the other tests' roads: the shared cluster's fences are everyone's.
    private static readonly GeoPoint Origin = new(48.0, 11.0);
    private static readonly GeoPoint Hub = GreatCircle.Destination(Origin, 0, 8_000);
    private static readonly GeoPoint Destination = GreatCircle.Destination(Origin, 0, 30_000);

    [Fact]
    public async Task FacilityStop_ArrivalCountsDownTheDwell_AndSurvivesTheShipmentsDeactivation()
    {
        var tn = NewKey("STOP");
        var truck = NewKey("TRK");
        var hubId = NewKey("HUB").ToLowerInvariant();
        var registry = fixture.Client.GetGrain<IGeofenceRegistryGrain>(IGeofenceRegistryGrain.Key);
        await registry.Put(hubId, GeoJson.Circle(Hub.Lat, Hub.Lon, 400, "Depot"));
        await RefreshGeofences();
        try
        {
            await DriveThroughTheHub(tn, truck, hubId);
        }
        finally
        {
            await registry.Delete(hubId);
            await RefreshGeofences();
        }
    }

    private async Task RefreshGeofences()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            await silo.ServiceProvider.GetRequiredService<GeofenceCatalog>().RefreshAsync(TestContext.Current.CancellationToken);
        }
    }

    private async Task DriveThroughTheHub(string tn, string truck, string hubId)
    {
        var shipment = fixture.Client.GetGrain<IShipmentGrain>(tn);
        await shipment.SetPlan(new ShipmentPlan("ACME", Origin, Destination, 300, null, [Origin, Destination], 1_000)
        {
            Stops = [new PlanStop(hubId, Hub, TimeSpan.FromMinutes(40))],
        });
        await fixture.Publish(Scan(tn, ScanType.LoadedOnVehicle, T0.AddMinutes(-1), vehicleId: truck));
        await Eventually.Until(shipment.GetView, v => v!.Milestones.Count == 1, "the load scan");

        // 8 km at 80 km/h, then 15 minutes in the hub.
        var minute = 0;
        for (; minute <= 6; minute++)
        {
            await PingAt(GreatCircle.Destination(Origin, 0, minute * 1_333.3), minute);
        }

        DateTimeOffset? inHub = null;
        for (; minute <= 21; minute++)
        {
            inHub = await PingAt(Hub, minute);
        }

        var events = (await shipment.GetEvents())!;
        Assert.Contains(events, e => e.Type == EventTypes.VehicleArrived);
        // 22 km left at about 80 km/h from 08:21, plus the 40 minutes planned less the 15 spent since the arrival at 08:06
        // (the announced ETA moves in steps of EtaChangeThreshold); the whole dwell would put it at 09:17 or later.
        var expected = T0.AddMinutes(21 + 25) + TimeSpan.FromHours(22 / 80.0);
        Assert.Equal(expected, inHub!.Value, TimeSpan.FromMinutes(8));

        // Only this shipment goes: the cluster is shared with the other tests. It comes back from storage, on either silo.
        await shipment.AsReference<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var afterRestart = await PingAt(Hub, minute);

        // Without the stored visit the stop would count its whole 40 minutes again, 15 later than before.
        Assert.Equal(inHub, afterRestart);

        async Task<DateTimeOffset?> PingAt(GeoPoint where, int at)
        {
            await fixture.Publish(Ping(truck, where.Lat, where.Lon, T0.AddMinutes(at), $"{truck}-{at}") with { SpeedKmh = null });
            var view = await Eventually.Until(shipment.GetView, v => v!.Location?.At == T0.AddMinutes(at), $"the ping of minute {at}");
            return view!.Eta;
        }
    }
}
