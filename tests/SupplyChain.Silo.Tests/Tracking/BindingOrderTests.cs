using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Tracking;

/// <summary>
/// Bindings on event time: the scans and pings of one trip, posted in every order (each in a request
/// of its own or all in one batch; scans first or pings first), leave the shipment in the same state:
/// status, location, ETA and alerts. Scans and pings travel in different partitions, so a load scan
/// often lands after pings it covers; the vehicle hands a shipment bound late the fixes it holds from
/// the scan's event time on, and never those from before it.
/// </summary>
public sealed class BindingOrderTests(SiloFixture fixture)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-3);
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trip_InEveryOrder_SameStatusLocationEtaAndAlerts()
    {
        var live = await Run(Order.Live, delivered: false);

        // What the trip calls for, so that equal outcomes are not equally empty ones.
        Assert.Equal("InTransit", live.Status);
        Assert.Equal(Fix(T0.AddMinutes(20)), live.Location);
        Assert.NotNull(live.Eta);
        Assert.Contains(live.Alerts, a => a.StartsWith("SupplyChain.GeofenceBreached", StringComparison.Ordinal) && a.Contains("LeftRouteCorridor", StringComparison.Ordinal));
        Assert.Contains(live.Alerts, a => a.StartsWith("SupplyChain.NoMovementDetected", StringComparison.Ordinal));
        Assert.Contains(live.Alerts, a => a.StartsWith("SupplyChain.ETARecalculated", StringComparison.Ordinal));
        foreach (var order in (Order[])[Order.PingsFirst, Order.ScansFirstBatch, Order.PingsFirstBatch])
        {
            await Run(order, delivered: false, expected: live);
        }
    }

    [Fact]
    public async Task DeliveredTrip_InEveryOrder_DeliveryScanFirstToo_SameOutcome()
    {
        var live = await Run(Order.Live, delivered: true);

        Assert.Equal("Delivered", live.Status);
        Assert.Equal(Fix(T0.AddMinutes(22), 4.61), live.Location);
        Assert.Contains(live.Alerts, a => a.StartsWith("SupplyChain.GeofenceBreached", StringComparison.Ordinal));
        Assert.Contains(live.Alerts, a => a.StartsWith("SupplyChain.NoMovementDetected", StringComparison.Ordinal));
        Assert.Contains(live.Alerts, a => a.StartsWith("SupplyChain.ETARecalculated", StringComparison.Ordinal));
        // Scans first: the delivery is applied before any ping of the trip reaches the truck.
        foreach (var order in (Order[])[Order.ScansFirst, Order.PingsFirst, Order.ScansFirstBatch, Order.PingsFirstBatch])
        {
            await Run(order, delivered: true, expected: live);
        }
    }

    [Fact]
    public async Task Unloaded_LaterPings_NotTheShipments()
    {
        var (tn, truck) = (NewId("UNL"), NewId("UNT"));
        await Post(Scan(tn, "LoadedOnVehicle", T0, vehicleId: truck, lat: 51.90, lon: 4.50));
        await Post(Ping(truck, 51.90, 4.51, T0.AddMinutes(1)));
        await Eventually.Until(() => Shipment(tn), s => Location(s) == Fix(T0.AddMinutes(1), 4.51), "the shipment at the first fix");

        await Post(Scan(tn, "UnloadedFromVehicle", T0.AddMinutes(2), vehicleId: truck, lat: 51.90, lon: 4.52));
        await Eventually.Until(() => Vehicle(truck), v => v.GetProperty("shipments").GetArrayLength() == 0, "the truck unloaded");
        await Post(Ping(truck, 51.90, 4.53, T0.AddMinutes(3)));
        await Eventually.Until(() => Vehicle(truck), v => FixTime(v) == T0.AddMinutes(3), "the truck at the later fix");

        var shipment = await Shipment(tn);
        Assert.Equal(Fix(T0.AddMinutes(2), 4.52), Location(shipment));
        Assert.Equal(JsonValueKind.Null, shipment.GetProperty("vehicleId").ValueKind);
    }

    [Fact]
    public async Task DeliveryScanArrivingAfterLaterFixes_ThoseFixesNotTheShipments()
    {
        var (tn, truck) = (NewId("LDS"), NewId("LDT"));
        await Post(Scan(tn, "LoadedOnVehicle", T0, vehicleId: truck, lat: 51.90, lon: 4.50));
        await Eventually.Until(() => Vehicle(truck), v => v.GetProperty("shipments").GetArrayLength() == 1, "the truck carrying it");
        await Post(Ping(truck, 51.90, 4.51, T0.AddMinutes(1)));
        await Post(Ping(truck, 51.90, 4.53, T0.AddMinutes(3)));
        await Eventually.Until(() => Shipment(tn), s => Location(s) == Fix(T0.AddMinutes(3), 4.53), "the shipment at the truck's later fix");

        // The scanner uploads the delivery, at minute 2, only now.
        await Post(Scan(tn, "Delivered", T0.AddMinutes(2), lat: 51.90, lon: 4.52));

        var shipment = await Eventually.Until(() => Shipment(tn), s => s.GetProperty("status").GetString() == "Delivered", "the delivery applied");
        Assert.Equal(Fix(T0.AddMinutes(2), 4.52), Location(shipment));
    }

    private enum Order
    {
        /// <summary>As a trip happens: loaded, the pings, then (if it ends so) delivered.</summary>
        Live,
        ScansFirst,
        PingsFirst,
        ScansFirstBatch,
        PingsFirstBatch,
    }

    /// <summary>
    /// One trip on a route 69 km due east: picked up, loaded at T0; a ping two minutes before the load
    /// (not the shipment's); four minutes of driving with a detour out of the route's corridor; a stop of
    /// twelve minutes (outside any depot); then on again; when <paramref name="delivered"/>, delivered at
    /// minute 22. Fresh ids each time, the same
    /// times and places. Settles when the shipment shows <paramref name="expected"/> (the live order's
    /// outcome), failing with the last one seen at the deadline.
    /// </summary>
    private async Task<Outcome> Run(Order order, bool delivered, Outcome? expected = null)
    {
        var (tn, truck) = (NewId("ORD"), NewId("ORT"));
        var plan = JsonNode.Parse($$"""
            { "carrierId": "ACME", "origin": {"lat": 51.90, "lon": 4.50}, "destination": {"lat": 51.90, "lon": 5.50},
              "destinationRadiusM": 300, "promisedBy": "{{T0.AddHours(3):O}}",
              "route": {"type": "LineString", "coordinates": [[4.50, 51.90], [5.50, 51.90]]}, "corridorWidthM": 1000 }
            """)!;
        Assert.Equal(HttpStatusCode.Created, (await _carrier.PutAsync($"/api/shipments/{tn}", Content(plan.ToJsonString(), "application/json"), Ct)).StatusCode);

        JsonNode[] scans =
        [
            Scan(tn, "PickedUp", T0.AddMinutes(-10), id: "picked", lat: 51.90, lon: 4.50),
            Scan(tn, "LoadedOnVehicle", T0, id: "loaded", vehicleId: truck, lat: 51.90, lon: 4.50),
        ];
        JsonNode[] ending = delivered ? [Scan(tn, "Delivered", T0.AddMinutes(22), id: "delivered", lat: 51.90, lon: 4.61)] : [];
        (int Minute, double Lat, double Lon, double Speed)[] route =
        [
            (-2, 51.90, 4.50, 0), (1, 51.90, 4.51, 45), (2, 51.90, 4.525, 60), (3, 51.90, 4.54, 60),
            (4, 51.92, 4.555, 80), (5, 51.90, 4.57, 80),
            (6, 51.90, 4.58, 5), (8, 51.90, 4.58, 0), (10, 51.90, 4.58, 0), (12, 51.90, 4.58, 0), (14, 51.90, 4.58, 0), (16, 51.90, 4.58, 0), (18, 51.90, 4.58, 0),
            (19, 51.90, 4.59, 40), (20, 51.90, 4.60, 60),
        ];
        JsonNode[] pings = [.. route.Select(p => Ping(truck, p.Lat, p.Lon, T0.AddMinutes(p.Minute), id: $"p{p.Minute}", speedKmh: p.Speed))];
        var lastFix = T0.AddMinutes(route[^1].Minute);

        switch (order)
        {
            case Order.Live:
                await PostEach(scans);
                await Eventually.Until(() => Vehicle(truck), v => v.GetProperty("shipments").GetArrayLength() == 1, "the truck carrying it");
                await PostEach(pings);
                await Eventually.Until(
                    () => Shipment(tn),
                    s => Location(s) == Fix(T0.AddMinutes(20)) && Alerts(s).Any(a => a.StartsWith("SupplyChain.NoMovementDetected", StringComparison.Ordinal)),
                    "the trip's fixes applied");
                await PostEach(ending);
                break;
            case Order.ScansFirst:
                await PostEach([.. scans, .. ending]);
                await Eventually.Until(() => Shipment(tn), s => s.GetProperty("milestones").GetArrayLength() == scans.Length + ending.Length, "the scans applied");
                await PostEach(pings);
                break;
            case Order.PingsFirst:
                await PostEach(pings);
                await Eventually.Until(() => Vehicle(truck), v => FixTime(v) == lastFix, "the truck's last fix");
                await PostEach([.. scans, .. ending]);
                break;
            case Order.ScansFirstBatch:
                await Post([.. scans, .. ending, .. pings]);
                break;
            case Order.PingsFirstBatch:
                await Post([.. pings, .. scans, .. ending]);
                break;
        }

        await Eventually.Until(() => Vehicle(truck), v => FixTime(v) == lastFix, $"the truck's last fix ({order})");
        return await Eventually.Until(
            async () => Outcome.Of(await Shipment(tn)),
            o => expected is null
                ? o.Status == (delivered ? "Delivered" : "InTransit") && o.Location == (delivered ? Fix(T0.AddMinutes(22), 4.61) : Fix(T0.AddMinutes(20)))
                    && o.Alerts.Any(a => a.StartsWith("SupplyChain.NoMovementDetected", StringComparison.Ordinal))
                : o.Equals(expected),
            $"the trip applied ({order}, {(delivered ? "delivered" : "under way")}); expected\n{expected}");
    }

    private static (double Lat, double Lon, DateTimeOffset At) Fix(DateTimeOffset at, double lon = 4.60) => (51.90, lon, at);

    private static (double Lat, double Lon, DateTimeOffset At)? Location(JsonElement shipment) =>
        // A shipment not yet created reads as a 404 problem, without a location.
        shipment.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object
            ? (l.GetProperty("lat").GetDouble(), l.GetProperty("lon").GetDouble(), l.GetProperty("at").GetDateTimeOffset())
            : null;

    /// <summary>
    /// Each alert as type, time and data, without the ids that differ from run to run (tracking number,
    /// vehicle id), in event-time order: a late binding attaches a stop's alert after the fixes that
    /// followed it, so the history's order may differ while its content does not.
    /// </summary>
    private static SortedSet<string> Alerts(JsonElement shipment) =>
        new(shipment.GetProperty("alerts").EnumerateArray().Select(a =>
        {
            var data = JsonNode.Parse(a.GetProperty("data").GetRawText())!.AsObject();
            data.Remove("trackingNumber");
            data.Remove("trackingNumbers");
            data.Remove("vehicleId");
            return string.Create(CultureInfo.InvariantCulture, $"{a.GetProperty("type").GetString()} {a.GetProperty("time").GetDateTimeOffset():O} {data.ToJsonString()}");
        }), StringComparer.Ordinal);

    private async Task<JsonElement> Shipment(string tn) => await (await _carrier.GetAsync($"/api/shipments/{tn}", Ct)).Json();

    /// <summary>The time of the vehicle's latest fix; null before its first (a vehicle carrying a shipment shows without one).</summary>
    private static DateTimeOffset? FixTime(JsonElement vehicle) =>
        vehicle.GetProperty("location") is { ValueKind: JsonValueKind.Object } location ? location.GetProperty("at").GetDateTimeOffset() : null;

    private async Task<JsonElement> Vehicle(string vehicleId)
    {
        var response = await _carrier.GetAsync($"/api/vehicles/{vehicleId}", Ct);
        return response.StatusCode == HttpStatusCode.NotFound ? JsonDocument.Parse("""{"shipments":[],"location":{"at":"0001-01-01T00:00:00Z"}}""").RootElement : await response.Json();
    }

    private async Task PostEach(IEnumerable<JsonNode> events)
    {
        foreach (var e in events)
        {
            await Post(e);
        }
    }

    private async Task Post(JsonNode e) => Assert.Equal(HttpStatusCode.Accepted, (await _carrier.PostAsync("/api/events", Structured(e), Ct)).StatusCode);

    private async Task Post(JsonNode[] events) => Assert.Equal(HttpStatusCode.Accepted, (await _carrier.PostAsync("/api/events", Batch(events), Ct)).StatusCode);

    private sealed record Outcome(
        string? Status, string? StatusDetail, (double Lat, double Lon, DateTimeOffset At)? Location, string Eta, string OriginalEta, SortedSet<string> Alerts)
    {
        public static Outcome Of(JsonElement shipment) => !shipment.TryGetProperty("status", out _)
            ? new(null, null, null, "", "", [])
            : new(
            shipment.GetProperty("status").GetString(), shipment.GetProperty("statusDetail").GetString(), BindingOrderTests.Location(shipment),
            shipment.GetProperty("eta").ToString(), shipment.GetProperty("originalEta").ToString(), BindingOrderTests.Alerts(shipment));

        public bool Equals(Outcome? other) =>
            other is not null && Status == other.Status && StatusDetail == other.StatusDetail && Location == other.Location
            && Eta == other.Eta && OriginalEta == other.OriginalEta && Alerts.SetEquals(other.Alerts);

        public override int GetHashCode() => HashCode.Combine(Status, StatusDetail, Location, Eta, OriginalEta);

        public override string ToString() => $"{Status}/{StatusDetail} at {Location}, ETA {Eta} (first {OriginalEta}); alerts:\n  {string.Join("\n  ", Alerts)}";
    }
}
