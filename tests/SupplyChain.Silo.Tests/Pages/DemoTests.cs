using System.Globalization;
using System.Text.Json;
using SupplyChain.Silo.Demo;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>A silo started with <c>--demo</c>: a quick tick, a minute of the scripted trips per tick, and a few hundred fleet vehicles.</summary>
public sealed class DemoPagesFixture : PagesFixture
{
    public const int FleetSize = 300;

    /// <summary>Every vehicle the demo drives: the fleet, the routes' trucks and the scripted trips' trucks.</summary>
    public static int Vehicles => FleetSize + DemoRoute.All.Count + DemoTrips.All.Count;

    protected override string[] SiloArgs =>
        ["--demo", $"--SupplyChain:Demo:FleetSize={FleetSize}", "--SupplyChain:Demo:TickInterval=00:00:00.5", "--SupplyChain:Demo:TripTimePerTick=00:01:00"];
}

/// <summary>What a newcomer sees after <c>dotnet run --project src/SupplyChain.Silo -- --demo</c>.</summary>
public sealed class DemoTests(DemoPagesFixture fixture) : IClassFixture<DemoPagesFixture>
{
    private const string FirstShipment = "DEMO-RTM-HAG-1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_Started_ShipmentsMoveAndFleetReports()
    {
        using var client = fixture.Silo.Client(RunningSilo.AdminKey);
        async Task<JsonElement?> Shipment() =>
            await client.GetAsync($"/api/shipments/{FirstShipment}", Ct) is { IsSuccessStatusCode: true } r ? await r.Json() : null;

        var first = await Eventually.Until(Shipment, s => s?.GetProperty("location").ValueKind == JsonValueKind.Object
            && s.Value.GetProperty("status").GetString() == "InTransit", "the demo's first shipment on the road");
        var firstLat = first!.Value.GetProperty("location").GetProperty("lat").GetDouble();
        await Eventually.Until(Shipment, s => s?.GetProperty("location").GetProperty("lat").GetDouble() != firstLat, "the demo truck moving");

        var fleet = await Eventually.Until(
            async () => await (await client.GetAsync("/api/vehicles", Ct)).Json(),
            l => l.GetArrayLength() >= DemoPagesFixture.Vehicles, "every demo vehicle reporting");
        Assert.Contains(fleet.EnumerateArray(), v => v.GetProperty("vehicleId").GetString() == "DEMO-TRUCK-1");
        Assert.Equal("DEMO", first.Value.GetProperty("plan").GetProperty("carrierId").GetString());

        // Every tick's ping is new and plausible: none is dropped as a duplicate, stale or a jump.
        var truck = await (await client.GetAsync("/api/vehicles/DEMO-TRUCK-1", Ct)).Json();
        Assert.All(truck.GetProperty("ignoredPings").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
        Assert.True(truck.GetProperty("moving").GetBoolean());
    }

    [Fact]
    public async Task Demo_TrackPage_TruckMovesOnItsOwn()
    {
        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync($"/track/{FirstShipment}");
        var vehicle = page.Locator(".vehicle-icon");
        await Expect(vehicle).ToHaveAttributeAsync("data-lat", new System.Text.RegularExpressions.Regex(@"^\d"));
        var before = await vehicle.GetAttributeAsync("data-lat");

        await Expect(vehicle).Not.ToHaveAttributeAsync("data-lat", before!);
        await Expect(page.Locator("#map")).ToHaveAttributeAsync("data-path-points", new System.Text.RegularExpressions.Regex(@"^([4-9]|\d{2,})$"));
        await Expect(page.Locator("#status")).ToHaveTextAsync("In transit");
        await watch.ScreenshotAsync("demo-track");
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Demo_OpsPage_ShowsTheFleet()
    {
        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync("/ops");
        await page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#vehicle-count")).ToHaveAttributeAsync(
            "data-count", DemoPagesFixture.Vehicles.ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await Expect(page.Locator("#geofence-count")).ToHaveTextAsync($"{DemoTrips.Places.Count} geofences");
        await page.Locator("#vehicle-filter").FillAsync("DEMO-TRUCK-1");
        await page.Locator("#vehicle-list li[data-vehicle-id='DEMO-TRUCK-1'] button").ClickAsync();
        await Expect(page.Locator("#vehicle-shipments a")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^DEMO-RTM-HAG-"));
        await page.Locator("#vehicle-filter").FillAsync("");

        // Something for the alert feed: a carrier's exception scan on a shipment of its own.
        var trouble = CloudEvents.NewId("DEMO-EXC");
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        await carrier.PostAsync("/api/events", CloudEvents.Batch(
            CloudEvents.Scan(trouble, "PickedUp", CloudEvents.Now.AddMinutes(-2)),
            CloudEvents.Scan(trouble, "Exception", CloudEvents.Now.AddMinutes(-1))), Ct);
        // The demo's own trips raise alerts too (a truck standing still), so the feed is asked for this one.
        await Expect(page.Locator("#alert-feed li.problem", new() { HasText = trouble })).ToHaveCountAsync(1);
        await Expect(page.Locator("#feed-state")).ToHaveAttributeAsync("data-state", "open");
        await watch.ScreenshotAsync("demo-ops");
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Demo_DelayedTrip_RaisesEveryKindOfAlert()
    {
        using var client = fixture.Silo.Client(RunningSilo.AdminKey);
        var trackingNumber = await ReplayedShipment(client, DemoTrips.Delayed);

        // A minute of the trip per tick: its hour and a half takes 45 s at the fixture's tick.
        await EventuallyAll(client, trackingNumber,
            ("arrived at the Venlo hub", e => Is(e, "VehicleArrived") && Data(e, "facilityId") == DemoTrips.VenloHub.Id),
            ("departed from the Venlo hub", e => Is(e, "VehicleDeparted") && Data(e, "facilityId") == DemoTrips.VenloHub.Id),
            ("a detour out of the corridor", e => Is(e, "GeofenceBreached") && Data(e, "reason") == "LeftRouteCorridor"),
            ("a stop on the road", e => Is(e, "NoMovementDetected")),
            ("an exception scan with its reason", e => Is(e, "MilestoneReached") && Data(e, "scanType") == "Exception" && Data(e, "reasonCode") == "CarrierDelay"),
            ("the promise at risk", e => Is(e, "DeliveryAtRisk")),
            ("the promise missed", e => Is(e, "DeliveryLate")),
            ("the delivery", e => Is(e, "Delivered")));

        var shipment = await (await client.GetAsync($"/api/shipments/{trackingNumber}", Ct)).Json();
        Assert.Equal("Delivered", shipment.GetProperty("status").GetString());
        Assert.Equal("Late", shipment.GetProperty("promise").GetString());
        var delivered = Assert.Single(shipment.GetProperty("milestones").EnumerateArray(), m => m.GetProperty("scanType").GetString() == "Delivered");
        Assert.Equal("M. Becker", delivered.GetProperty("proofOfDelivery").GetProperty("signedBy").GetString());
        Assert.StartsWith("https://", delivered.GetProperty("proofOfDelivery").GetProperty("photoUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_TripThroughTown_BreachesTheRestrictedZoneAndKeepsItsPromise()
    {
        using var client = fixture.Silo.Client(RunningSilo.AdminKey);
        var trackingNumber = await ReplayedShipment(client, DemoTrips.ThroughTown);

        var events = await EventuallyAll(client, trackingNumber,
            ("departed from Tilburg", e => Is(e, "VehicleDeparted") && Data(e, "facilityId") == DemoTrips.TilburgDc.Id),
            ("the restricted zone entered", e => Is(e, "GeofenceBreached") && Data(e, "reason") == "EnteredRestricted"
                && Data(e, "geofenceId") == DemoTrips.DenBoschCentre.Id),
            ("the delivery", e => Is(e, "Delivered")));

        Assert.DoesNotContain(events, e => Is(e, "DeliveryAtRisk") || Is(e, "DeliveryLate"));
        // Event time runs in the recent past, in order: detection ran on it, and nothing is "in the future".
        var times = events.Select(e => e.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.All(times, t => Assert.True(t <= DateTimeOffset.UtcNow, $"event at {t:O} is in the future"));
    }

    /// <summary>The shipment of the trip's replay: the slot the fixture started in, or the one before when a slot began since.</summary>
    private static async Task<string> ReplayedShipment(HttpClient client, DemoTrip trip) =>
        await Eventually.Until(async () =>
        {
            var slot = DemoTrip.SlotOf(DateTimeOffset.UtcNow);
            foreach (var candidate in new[] { trip.TrackingNumber(slot), trip.TrackingNumber(slot - DemoTrip.SlotLength) })
            {
                if ((await client.GetAsync($"/api/shipments/{candidate}", Ct)).IsSuccessStatusCode)
                {
                    return candidate;
                }
            }

            return null;
        }, tn => tn is not null, $"the demo trip {trip.Code}'s shipment") ?? "";

    /// <summary>Polls the shipment's events until each expectation has a match; the failure names those still missing.</summary>
    private static async Task<IReadOnlyList<JsonElement>> EventuallyAll(
        HttpClient client, string trackingNumber, params (string What, Func<JsonElement, bool> Matches)[] expected)
    {
        IReadOnlyList<JsonElement> events = [];
        await Eventually.Until(async () =>
        {
            events = [.. (await (await client.GetAsync($"/api/shipments/{trackingNumber}/events", Ct)).Json()).EnumerateArray()];
            return expected.Where(x => !events.Any(x.Matches)).Select(x => x.What).ToList();
        }, missing => missing.Count == 0, $"every expected event of {trackingNumber}", TimeSpan.FromMinutes(2));
        return events;
    }

    private static bool Is(JsonElement e, string type) => e.GetProperty("type").GetString() == $"SupplyChain.{type}";

    private static string? Data(JsonElement e, string field) =>
        e.GetProperty("data").TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
