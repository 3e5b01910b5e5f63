using System.Text.Json;
using SupplyChain.Domain.Shipments;
using SupplyChain.Silo.Events;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Tests.Shipments;

public sealed class ConsigneeViewPrecisionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly ShipmentResponse Full = new(
        "1Z1", ShipmentStatus.InTransit, ScanType.DepartedFacility, new LocationResponse(51.92345, 4.47891, At), "TRUCK-1", At, At, At,
        [new MilestoneResponse(ScanType.PickedUp, At, new LatLon(51.91111, 4.46666), "RTM-1", "TRUCK-1", "ring twice")],
        [Event("/supplychain/shipments/1Z1", "SupplyChain.Delivered", """{"trackingNumber":"1Z1","location":{"lat":52.37777,"lon":4.89999}}"""),
         Event("/supplychain/vehicles/TRUCK-1", "SupplyChain.GeofenceBreached", """{"trackingNumbers":["1Z1","1Z2"],"geofenceId":"depot-7"}""")],
        new PlanResponse("ACME", new LatLon(51.92345, 4.47891), new LatLon(52.37777, 4.89999), 300, At,
            new LineStringGeometry("LineString", [[4.47891, 51.92345], [4.89999, 52.37777]]), 1000));

    [Fact]
    public void Coarse_RoundsEveryPositionToTwoDecimals_MilestonesToCityLevel_AndDropsNotesFacilitiesAndVehicleEvents()
    {
        var shown = ConsigneeView.Of(Full, PositionPrecision.Coarse);

        Assert.Equal((51.92, 4.48), (shown.Location!.Lat, shown.Location.Lon));
        Assert.Equal(new LatLon(51.9, 4.5), shown.Milestones[0].Location);
        Assert.Null(shown.Milestones[0].Note);
        Assert.Null(shown.Milestones[0].FacilityId);
        Assert.Equal(new LatLon(52.38, 4.9), shown.Plan!.Destination);
        Assert.Equal([4.9, 52.38], shown.Plan.Route!.Coordinates[1]);
        var delivered = Assert.Single(shown.Alerts);
        Assert.Equal(52.38, delivered.Data.GetProperty("location").GetProperty("lat").GetDouble());
    }

    [Fact]
    public void Hidden_ShowsNoPositionAtAll()
    {
        var shown = ConsigneeView.Of(Full, PositionPrecision.Hidden);

        Assert.Null(shown.Location);
        Assert.Null(shown.Milestones[0].Location);
        Assert.Null(shown.Plan!.Origin);
        Assert.Null(shown.Plan.Destination);
        Assert.Null(shown.Plan.Route);
        Assert.Equal(JsonValueKind.Null, Assert.Single(shown.Alerts).Data.GetProperty("location").ValueKind);
        Assert.False(ConsigneeView.IsShown("/supplychain/shipments/1Z1", "SupplyChain.LocationUpdated", "1Z1", PositionPrecision.Hidden));
    }

    [Fact]
    public void Exact_KeepsPositions_ButStillOnlyTheShipmentsOwnEvents()
    {
        var shown = ConsigneeView.Of(Full, PositionPrecision.Exact);

        Assert.Equal(51.92345, shown.Location!.Lat);
        Assert.Equal(new LatLon(51.9, 4.5), shown.Milestones[0].Location);
        Assert.Null(shown.Milestones[0].FacilityId);
        Assert.DoesNotContain(shown.Alerts, a => a.Type == "SupplyChain.GeofenceBreached");
    }

    private static CloudEventResponse Event(string source, string type, string data)
    {
        using var document = JsonDocument.Parse(data);
        return new CloudEventResponse("1.0", Guid.NewGuid().ToString("N"), source, type, "1Z1", At, "application/json", document.RootElement.Clone());
    }
}
