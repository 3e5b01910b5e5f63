using System.Globalization;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>A silo started with <c>--demo</c>: a quick tick and a few hundred fleet vehicles.</summary>
public sealed class DemoPagesFixture : PagesFixture
{
    public const int FleetSize = 300;

    protected override string[] SiloArgs =>
        ["--demo", $"--SupplyChain:Demo:FleetSize={FleetSize}", "--SupplyChain:Demo:TickInterval=00:00:00.5"];
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
            l => l.GetArrayLength() >= DemoPagesFixture.FleetSize + 4, "every demo vehicle reporting");
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
            "data-count", (DemoPagesFixture.FleetSize + 4).ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
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
        await Expect(page.Locator("#alert-feed li.problem")).ToContainTextAsync(trouble);
        await Expect(page.Locator("#feed-state")).ToHaveAttributeAsync("data-state", "open");
        await watch.ScreenshotAsync("demo-ops");
        watch.AssertNoErrors();
    }
}
