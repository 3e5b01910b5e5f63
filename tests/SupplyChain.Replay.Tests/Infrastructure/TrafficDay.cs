using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Scenarios;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Replay.Tests.Infrastructure;

/// <summary>
/// A day of traffic in compressed event time: three trucks on overlapping trips (the scenario trip:
/// a detour out of the route corridor, a pass through a restricted zone, a stop outside any depot, a
/// stop in a depot, arrival and delivery), each with its shipment's plan, and the day's geofences.
/// </summary>
internal sealed class TrafficDay
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TrafficDay(DateTimeOffset start)
    {
        var day = NewKey("DAY");
        Trips = [.. Enumerable.Range(0, 3).Select(i => new TruckTrip(NewKey($"RPT{i}"), NewKey($"RPV{i}"), start.AddMinutes(75 * i)))];
        RestrictedId = $"{TruckTrip.RestrictedId}-{day}";
        DepotId = $"{TruckTrip.DepotId}-{day}";
    }

    public IReadOnlyList<TruckTrip> Trips { get; }

    public string RestrictedId { get; }

    public string DepotId { get; }

    /// <summary>The event time of the day's first event.</summary>
    public DateTimeOffset From => Trips.SelectMany(t => t.Steps).Min(s => s.At);

    /// <summary>The event time of the day's last event.</summary>
    public DateTimeOffset To => Trips.SelectMany(t => t.Steps).Max(s => s.At);

    /// <summary>Every inbound event of the day.</summary>
    public int EventCount => Trips.Sum(t => t.Steps.Count);

    /// <summary>What is not an event and so not in the archive: the geofences and the shipments' plans, put the same into any silo.</summary>
    public async Task PrepareAsync(LoopbackSilo silo)
    {
        using var admin = silo.Client(ArchivingSilo.AdminKey);
        using var carrier = silo.Client(ArchivingSilo.CarrierKey);
        var trip = Trips[0];
        Assert.True((await admin.PutAsync($"/api/geofences/{RestrictedId}", Content(trip.RestrictedFeature, "application/geo+json"), Ct)).IsSuccessStatusCode);
        Assert.True((await admin.PutAsync($"/api/geofences/{DepotId}", Content(trip.DepotFeature, "application/geo+json"), Ct)).IsSuccessStatusCode);
        foreach (var t in Trips)
        {
            var plan = JsonNode.Parse($$"""
                { "carrierId": "ACME", "origin": {"lat": {{Num(t.Origin.Lat)}}, "lon": {{Num(t.Origin.Lon)}}},
                  "destination": {"lat": {{Num(t.Destination.Lat)}}, "lon": {{Num(t.Destination.Lon)}}},
                  "destinationRadiusM": {{Num(TruckTrip.DestinationRadiusM)}}, "promisedBy": "{{t.ArrivedAt.AddHours(1):O}}",
                  "route": {"type": "LineString", "coordinates": {{t.RouteJson}}}, "corridorWidthM": {{Num(TruckTrip.CorridorWidthM)}} }
                """)!;
            Assert.Equal(HttpStatusCode.Created, (await carrier.PutAsync($"/api/shipments/{t.TrackingNumber}", Content(plan.ToJsonString(), "application/json"), Ct)).StatusCode);
        }
    }

    /// <summary>
    /// Posts the day as it happens live: each trip's pings in batches as a device gateway sends them,
    /// and each scan only once what happened before it has been applied.
    /// </summary>
    public async Task PostLiveAsync(LoopbackSilo silo)
    {
        using var carrier = silo.Client(ArchivingSilo.CarrierKey);
        foreach (var trip in Trips)
        {
            var pings = new List<JsonNode>();
            foreach (var step in trip.Steps)
            {
                if (step is TripPing ping)
                {
                    pings.Add(Ping(trip.VehicleId, ping.Position.Lat, ping.Position.Lon, ping.At, id: $"{trip.VehicleId}-{ping.At:HHmm}", speedKmh: ping.SpeedKmh));
                    continue;
                }

                await Flush(carrier, trip, pings);
                var scan = (TripScan)step;
                await PostAccepted(carrier, Scan(trip.TrackingNumber, scan.ScanType, scan.At, id: $"{trip.TrackingNumber}-{scan.ScanType}", vehicleId: scan.VehicleId));
                await Eventually.Until(
                    async () => await (await carrier.GetAsync($"/api/shipments/{trip.TrackingNumber}", Ct)).Json(),
                    s => s.GetProperty("milestones").EnumerateArray().Any(m => m.GetProperty("scanType").GetString() == scan.ScanType),
                    $"the {scan.ScanType} scan of {trip.TrackingNumber}");
            }
        }
    }

    /// <summary>Posts the pings and waits until the truck and its shipment have the last one.</summary>
    private static async Task Flush(HttpClient carrier, TruckTrip trip, List<JsonNode> pings)
    {
        if (pings.Count == 0)
        {
            return;
        }

        foreach (var chunk in pings.Chunk(100))
        {
            await PostAccepted(carrier, chunk);
        }

        var last = TimeOf(pings[^1]);
        pings.Clear();
        await Eventually.Until(
            async () => await (await carrier.GetAsync($"/api/vehicles/{trip.VehicleId}", Ct)).Json(),
            v => v.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object && l.GetProperty("at").GetDateTimeOffset() == last,
            $"{trip.VehicleId} at its last ping");
        await Eventually.Until(
            async () => await (await carrier.GetAsync($"/api/shipments/{trip.TrackingNumber}", Ct)).Json(),
            s => s.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object && l.GetProperty("at").GetDateTimeOffset() == last,
            $"{trip.TrackingNumber} at its truck's last ping");
    }

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
