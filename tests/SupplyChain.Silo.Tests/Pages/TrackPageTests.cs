using System.Text.Json;
using Microsoft.Playwright;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;
using static SupplyChain.Silo.Tests.Pages.Shipments;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The customer's page in a real Chromium against a real silo.</summary>
public sealed class TrackPageTests(PagesFixture fixture, SiloFixture defaults) : IClassFixture<PagesFixture>
{
    private static readonly (double Lat, double Lon) Rotterdam = (51.92, 4.48);
    private static readonly (double Lat, double Lon) Delft = (52.01, 4.36);
    private static readonly (double Lat, double Lon) P1 = (51.93, 4.47);
    private static readonly (double Lat, double Lon) P2 = (51.94, 4.46);
    private static readonly (double Lat, double Lon) P3 = (51.95, 4.45);

    /// <summary>What the live page promises: a new ping moves the marker within this, without a reload.</summary>
    private static readonly float LiveDeadlineMs = 2_000;

    private readonly Shipments _shipments = new(fixture.Silo);

    [Fact]
    public async Task Track_PingsAndScans_MarkerAndStatusFollowLiveWithoutReload()
    {
        var (tn, truck) = (NewId("TRK"), NewId("TRUCK"));
        var t0 = Now.AddMinutes(-20);
        await _shipments.PlanAsync(tn, Rotterdam, Delft);
        await _shipments.LoadAsync(tn, truck, t0, Rotterdam);
        await _shipments.PostAsync(Ping(truck, P1.Lat, P1.Lon, t0.AddMinutes(1)));
        await Eventually.Until(() => _shipments.GetAsync(tn), s => s?.GetProperty("location").GetProperty("lat").GetDouble() == P1.Lat, "the first fix");

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync($"/track/{tn}");
        var vehicle = page.Locator(".vehicle-icon");
        await Expect(vehicle).ToHaveAttributeAsync("data-lat", Js(P1.Lat));
        await Expect(vehicle).ToHaveAttributeAsync("data-lon", Js(P1.Lon));
        await Expect(page.Locator("#status")).ToHaveTextAsync("In transit");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        // A reload would lose this mark.
        await page.EvaluateAsync("window.__sameDocument = true");

        await _shipments.PostAsync(Ping(truck, P2.Lat, P2.Lon, t0.AddMinutes(2), speedKmh: 61));
        await Expect(vehicle).ToHaveAttributeAsync("data-lat", Js(P2.Lat), new() { Timeout = LiveDeadlineMs });
        await Expect(vehicle).ToHaveAttributeAsync("data-lon", Js(P2.Lon), new() { Timeout = LiveDeadlineMs });
        await Expect(vehicle).ToHaveAttributeAsync("data-heading", "90");
        await Expect(page.Locator("#map")).ToHaveAttributeAsync("data-path-points", "2");

        await _shipments.PostAsync(Scan(tn, "OutForDelivery", t0.AddMinutes(3), vehicleId: truck, lat: P2.Lat, lon: P2.Lon));
        await Expect(page.Locator("#status")).ToHaveTextAsync("Out for delivery");
        await Expect(page.Locator("#milestones li").First).ToHaveAttributeAsync("data-scan-type", "OutForDelivery");
        await Expect(page.Locator("#alerts li[data-type='SupplyChain.ShipmentStatusChanged']").First).ToContainTextAsync("Out for delivery");
        // The fixes gave the shipment an ETA (ETARecalculated on the live feed): the page shows the one the API has.
        var eta = (await Eventually.Until(() => _shipments.GetAsync(tn), s => s?.GetProperty("eta").ValueKind == JsonValueKind.String, "an ETA"))!
            .Value.GetProperty("eta").GetString()!;
        await Expect(page.Locator("#eta-value")).ToHaveAttributeAsync("data-eta", eta, new() { Timeout = LiveDeadlineMs });
        await Expect(page.Locator("#eta")).ToContainTextAsync("Estimated delivery");
        // A scan that keeps the status raises only its milestone: the list grows from the live feed.
        var milestones = await page.Locator("#milestones li").CountAsync();
        await _shipments.PostAsync(Scan(tn, "OutForDelivery", t0.AddMinutes(4), vehicleId: truck, lat: P2.Lat, lon: P2.Lon));
        await Expect(page.Locator("#milestones li")).ToHaveCountAsync(milestones + 1, new() { Timeout = LiveDeadlineMs });
        await Expect(page.Locator("#alerts li[data-type='SupplyChain.MilestoneReached']")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page reloaded");
        await watch.ScreenshotAsync("track");
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Track_DroppedConnection_ReconnectsAndShowsWhatHappenedMeanwhile()
    {
        var (tn, truck) = (NewId("TRD"), NewId("TRUCK"));
        var t0 = Now.AddMinutes(-20);
        await _shipments.PlanAsync(tn, Rotterdam, Delft);
        await _shipments.LoadAsync(tn, truck, t0, Rotterdam);
        await _shipments.PostAsync(Ping(truck, P1.Lat, P1.Lon, t0.AddMinutes(1)));
        await Eventually.Until(() => _shipments.GetAsync(tn), s => s?.GetProperty("location").GetProperty("lat").GetDouble() == P1.Lat, "the first fix");

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync($"/track/{tn}");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator(".vehicle-icon")).ToHaveAttributeAsync("data-lat", Js(P1.Lat));

        await fixture.Browser.SetOfflineAsync(true);
        try
        {
            await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "offline");
            await _shipments.PostAsync(
                Ping(truck, P2.Lat, P2.Lon, t0.AddMinutes(2)),
                Ping(truck, P3.Lat, P3.Lon, t0.AddMinutes(3)),
                Scan(tn, "OutForDelivery", t0.AddMinutes(4), vehicleId: truck, lat: P3.Lat, lon: P3.Lon));
            await Eventually.Until(() => _shipments.GetAsync(tn), s => s?.GetProperty("status").GetString() == "OutForDelivery", "the scan applied");
            await Expect(page.Locator("#status")).ToHaveTextAsync("In transit");
        }
        finally
        {
            await fixture.Browser.SetOfflineAsync(false);
        }

        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Out for delivery");
        await Expect(page.Locator("#missed")).ToBeVisibleAsync();
        await Expect(page.Locator("#missed-list li[data-type='SupplyChain.ShipmentStatusChanged']")).ToContainTextAsync("Out for delivery");
        await Expect(page.Locator(".vehicle-icon")).ToHaveAttributeAsync("data-lat", Js(P3.Lat));
        await Expect(page.Locator("#milestones li").First).ToHaveAttributeAsync("data-scan-type", "OutForDelivery");
        await watch.ScreenshotAsync("track-reconnected");
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Track_PromisePassesUndelivered_ShowsLateNextToThePromiseWithoutReload()
    {
        var tn = NewId("PRM");
        await _shipments.PlanAsync(tn, DateTimeOffset.UtcNow.AddHours(1), Rotterdam, Delft);

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync($"/track/{tn}");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#eta")).ToContainTextAsync("Delivery promised by");
        await Expect(page.Locator("#eta-promise")).ToBeHiddenAsync();

        // The carrier moves the promise a few seconds ahead while the page is open (a loaded machine may
        // take seconds to open it, so the promise is not set to pass before the page shows it unbroken).
        // No scan or ping comes: the shipment's reminder finds the promise broken and the live feed brings it.
        await _shipments.PlanAsync(tn, DateTimeOffset.UtcNow.AddSeconds(8), Rotterdam, Delft);
        await Expect(page.Locator("#eta-promise")).ToHaveTextAsync("Late", new() { Timeout = 60_000 });
        await Expect(page.Locator("#eta-promise")).ToHaveAttributeAsync("data-promise", "Late");
        await Expect(page.Locator("#alerts li[data-type='SupplyChain.DeliveryLate']")).ToContainTextAsync("late, promised by");
        var shipment = await _shipments.GetAsync(tn);
        Assert.Equal("Late", shipment!.Value.GetProperty("promise").GetString());
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Track_UnknownNumber_FriendlyPageNotAnError()
    {
        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;

        var response = await page.GotoAsync($"/track/{NewId("NOPE")}");

        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("#not-found h1")).ToHaveTextAsync("We can't find that tracking number");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "not-found");
        await Expect(page.Locator("#shipment")).ToBeHiddenAsync();
        await watch.ScreenshotAsync("track-unknown");
        // Chromium itself reports the API's 404 as a failed resource; the page must add nothing of its own.
        Assert.All(watch.Errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Track_DefaultTilesUnreachable_FallsBackToCountryOutlines()
    {
        // The assembly's shared silo keeps the default OpenStreetMap tile URL; the tile server is cut off here.
        var (tn, truck) = (NewId("TRT"), NewId("TRUCK"));
        var shipments = new Shipments(defaults.Silo);
        await shipments.PlanAsync(tn, Rotterdam, Delft);
        await shipments.LoadAsync(tn, truck, Now.AddMinutes(-20), Rotterdam);

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync("internetdisconnected"));
        await page.GotoAsync(new Uri(defaults.Silo.Address, $"/track/{tn}").ToString());

        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-basemap", "outlines");
        await Expect(page.Locator(".leaflet-tile")).ToHaveCountAsync(0);
        await Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("Natural Earth");
        await Expect(page.Locator("#status")).ToHaveTextAsync("In transit");
        // Chromium reports each refused tile itself; the page adds nothing, and stops asking after the first.
        Assert.All(watch.Errors, e => Assert.Contains("tile.openstreetmap.org", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Track_PhoneViewport_ShowsMapAndStatus()
    {
        var (tn, truck) = (NewId("TRP"), NewId("TRUCK"));
        var t0 = Now.AddMinutes(-20);
        await _shipments.PlanAsync(tn, Rotterdam, Delft);
        await _shipments.LoadAsync(tn, truck, t0, Rotterdam);
        await _shipments.PostAsync(Ping(truck, P1.Lat, P1.Lon, t0.AddMinutes(1)));

        await using var watch = await PageWatch.OpenAsync(fixture.Browser, 390, 844);
        var page = watch.Page;
        await page.GotoAsync($"/track/{tn}");

        await Expect(page.Locator("#status")).ToHaveTextAsync("In transit");
        await Expect(page.Locator("#status")).ToBeInViewportAsync();
        await Expect(page.Locator("#map")).ToBeInViewportAsync(new() { Ratio = 0.5f });
        await Expect(page.Locator(".vehicle-icon")).ToBeVisibleAsync();
        var map = await page.Locator("#map").BoundingBoxAsync();
        Assert.NotNull(map);
        Assert.InRange(map.Width, 300, 390);
        Assert.True(map.Height >= 250, $"map height {map.Height}");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the page scrolls sideways on a phone");
        await watch.ScreenshotAsync("track-phone");
        watch.AssertNoErrors();
    }
}
