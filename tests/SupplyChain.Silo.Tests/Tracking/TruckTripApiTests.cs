using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Scenarios;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Tracking;

/// <summary>The truck trip of the grain tests, this time entirely through the HTTP API.</summary>
public sealed class TruckTripApiTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trip_OverHttp_RaisesTheExpectedAlerts()
    {
        var trip = new TruckTrip(NewId("HTRIP"), NewId("HTRUCK"), DateTimeOffset.UtcNow.AddHours(-8));
        await _admin.PutAsync($"/api/geofences/{TruckTrip.RestrictedId}-{trip.TrackingNumber}", Content(trip.RestrictedFeature, "application/geo+json"), Ct);
        await _admin.PutAsync($"/api/geofences/{TruckTrip.DepotId}-{trip.TrackingNumber}", Content(trip.DepotFeature, "application/geo+json"), Ct);
        var plan = JsonNode.Parse($$"""
            { "carrierId": "ACME", "origin": {"lat": {{Num(trip.Origin.Lat)}}, "lon": {{Num(trip.Origin.Lon)}}},
              "destination": {"lat": {{Num(trip.Destination.Lat)}}, "lon": {{Num(trip.Destination.Lon)}}},
              "destinationRadiusM": {{Num(TruckTrip.DestinationRadiusM)}}, "promisedBy": "{{trip.ArrivedAt.AddHours(1):O}}",
              "route": {"type": "LineString", "coordinates": {{trip.RouteJson}}}, "corridorWidthM": {{Num(TruckTrip.CorridorWidthM)}} }
            """)!;
        Assert.Equal(HttpStatusCode.Created, (await _carrier.PutAsync($"/api/shipments/{trip.TrackingNumber}", Content(plan.ToJsonString(), "application/json"), Ct)).StatusCode);

        // Scans go one by one (each waits for the one before), pings in batches as a device gateway would send them.
        var pings = new List<JsonNode>();
        foreach (var step in trip.Steps)
        {
            if (step is TripPing ping)
            {
                pings.Add(Ping(trip.VehicleId, ping.Position.Lat, ping.Position.Lon, ping.At, id: $"{trip.VehicleId}-{ping.At:HHmm}", speedKmh: ping.SpeedKmh));
                continue;
            }

            await Flush(trip.VehicleId, trip.TrackingNumber, pings);
            var scan = (TripScan)step;
            var json = Scan(trip.TrackingNumber, scan.ScanType, scan.At, vehicleId: scan.VehicleId);
            Assert.Equal(HttpStatusCode.Accepted, (await _carrier.PostAsync("/api/events", Structured(json), Ct)).StatusCode);
            await Eventually.Until(
                async () => await (await _carrier.GetAsync($"/api/shipments/{trip.TrackingNumber}", Ct)).Json(),
                s => s.GetProperty("milestones").EnumerateArray().Any(m => m.GetProperty("scanType").GetString() == scan.ScanType),
                $"the {scan.ScanType} scan");
        }

        var events = await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/shipments/{trip.TrackingNumber}/events", Ct)).Json(),
            e => Types(e).Contains("SupplyChain.Delivered") && Types(e).Contains("SupplyChain.NoMovementDetected")
                && Types(e).Count(t => t == "SupplyChain.GeofenceBreached") == 2 && Types(e).Contains("SupplyChain.VehicleDeparted"),
            "delivery and every alert");

        // The 20-minute stop in the depot is a visit to a facility: arrived, then departed, on the shipment's record.
        var depot = $"{TruckTrip.DepotId}-{trip.TrackingNumber}";
        var arrival = Assert.Single(events.EnumerateArray(), e => e.GetProperty("type").GetString() == "SupplyChain.VehicleArrived");
        var departure = Assert.Single(events.EnumerateArray(), e => e.GetProperty("type").GetString() == "SupplyChain.VehicleDeparted");
        Assert.Equal(depot, arrival.GetProperty("data").GetProperty("facilityId").GetString());
        Assert.Equal([trip.TrackingNumber], arrival.GetProperty("data").GetProperty("trackingNumbers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(depot, departure.GetProperty("data").GetProperty("facilityId").GetString());
        Assert.InRange(departure.GetProperty("data").GetProperty("dwellSeconds").GetInt64(), 20 * 60, 30 * 60);
        Assert.True(arrival.GetProperty("time").GetDateTimeOffset() < departure.GetProperty("time").GetDateTimeOffset());

        var breaches = events.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "SupplyChain.GeofenceBreached")
            .Select(e => e.GetProperty("data").GetProperty("reason").GetString()).Order().ToList();
        Assert.Equal(["EnteredRestricted", "LeftRouteCorridor"], breaches);
        Assert.Single(Types(events), t => t == "SupplyChain.NoMovementDetected");
        Assert.Single(Types(events), t => t == "SupplyChain.ArrivingSoon");
        Assert.Contains("SupplyChain.ETARecalculated", Types(events));
        var shipment = await (await _carrier.GetAsync($"/api/shipments/{trip.TrackingNumber}", Ct)).Json();
        Assert.Equal("Delivered", shipment.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, shipment.GetProperty("originalEta").ValueKind);
    }

    /// <summary>Posts the pings and waits until the truck and its shipment have the last one, as the scan that follows happened after it.</summary>
    private async Task Flush(string vehicleId, string trackingNumber, List<JsonNode> pings)
    {
        if (pings.Count == 0)
        {
            return;
        }

        foreach (var chunk in pings.Chunk(100))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _carrier.PostAsync("/api/events", Batch(chunk), Ct)).StatusCode);
        }

        var last = DateTimeOffset.Parse(pings[^1]["time"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        pings.Clear();
        await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/vehicles/{vehicleId}", Ct)).Json(),
            v => v.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object && l.GetProperty("at").GetDateTimeOffset() == last,
            "the truck at its last ping");

        // Fixes reach the shipment by the vehicle's path, scans by the shipment's own: a scan posted
        // now could overtake the last fixes, which the shipment would then ignore as older.
        await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/shipments/{trackingNumber}", Ct)).Json(),
            s => s.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object && l.GetProperty("at").GetDateTimeOffset() == last,
            "the shipment at the truck's last ping");
    }

    private static List<string?> Types(JsonElement events) => [.. events.EnumerateArray().Select(e => e.GetProperty("type").GetString())];

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
