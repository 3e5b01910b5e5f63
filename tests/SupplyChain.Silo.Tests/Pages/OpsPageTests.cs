using Microsoft.Playwright;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;
using static SupplyChain.Silo.Tests.Pages.Shipments;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The ops page in a real Chromium against a real silo.</summary>
public sealed class OpsPageTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    private readonly Shipments _shipments = new(fixture.Silo);

    [Fact]
    public async Task Ops_AdminKey_ListsVehiclesShowsDetailsAndNewAlerts()
    {
        var prefix = NewId("OPS");
        var (moving, parked, tn) = ($"{prefix}-MOVING", $"{prefix}-PARKED", $"{prefix}-TN");
        var t0 = Now.AddMinutes(-30);
        await _shipments.PlanAsync(tn, (51.92, 4.48), (52.01, 4.36));
        await _shipments.LoadAsync(tn, moving, t0, (51.92, 4.48));
        await _shipments.PostAsync(
            Ping(moving, 51.93, 4.47, t0.AddMinutes(1)),
            Ping(moving, 51.94, 4.46, t0.AddMinutes(2)),
            // Parked: the same place for longer than a stop takes to count.
            Ping(parked, 51.5, 5.0, t0, speedKmh: 0),
            Ping(parked, 51.5, 5.0, t0.AddMinutes(10), speedKmh: 0));

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync("/ops");
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        await page.Locator("#vehicle-filter").FillAsync(prefix);
        var movingItem = page.Locator($"#vehicle-list li[data-vehicle-id='{moving}']");
        var parkedItem = page.Locator($"#vehicle-list li[data-vehicle-id='{parked}']");
        await Expect(movingItem).ToHaveAttributeAsync("data-lat", Js(51.94));
        await Expect(movingItem).ToHaveAttributeAsync("data-moving", "true");
        await Expect(parkedItem).ToHaveAttributeAsync("data-moving", "false");
        Assert.True(int.Parse(await page.Locator("#vehicle-count").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 2);

        // The fleet is polled: a new position shows without a reload.
        await _shipments.PostAsync(Ping(moving, 51.95, 4.45, t0.AddMinutes(3)));
        await Expect(movingItem).ToHaveAttributeAsync("data-lat", Js(51.95));

        await movingItem.Locator("button").ClickAsync();
        await Expect(page.Locator("#vehicle-details")).ToHaveAttributeAsync("data-vehicle-id", moving);
        await Expect(page.Locator($"#vehicle-shipments a[href='/track/{tn}']")).ToBeVisibleAsync();

        // Until geofence alerts exist, a status change on the ops feed is the alert to see. The feed
        // was opened with the page, seconds ago; its response (and so the page's "Live") only
        // starts with its first event, so there is no earlier signal to wait for.
        await _shipments.PostAsync(Scan(tn, "OutForDelivery", t0.AddMinutes(4), vehicleId: moving, lat: 51.95, lon: 4.45));
        var alert = page.Locator("#alert-feed li[data-type='SupplyChain.ShipmentStatusChanged']").Filter(new() { HasText = tn });
        await Expect(alert).ToContainTextAsync("Out for delivery");
        await Expect(page.Locator("#alert-feed li").First).ToContainTextAsync(tn);
        await Expect(page.Locator("#feed-state")).ToHaveAttributeAsync("data-state", "open");

        await watch.ScreenshotAsync("ops");
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Ops_WrongKey_AsksAgainWithoutShowingData()
    {
        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync("/ops");
        await page.Locator("#key-input").FillAsync(RunningSilo.CarrierKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#key-error")).ToContainTextAsync("admin key");
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('supplychain.opsKey')"));
    }

    [Fact]
    public async Task Ops_PhoneViewport_ShowsMapAndFleet()
    {
        await using var watch = await PageWatch.OpenAsync(fixture.Browser, 390, 844);
        var page = watch.Page;
        await page.GotoAsync("/ops");
        await page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#map")).ToBeInViewportAsync(new() { Ratio = 0.9f });
        await Expect(page.Locator("#vehicle-count")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the page scrolls sideways on a phone");
        await watch.ScreenshotAsync("ops-phone");
        watch.AssertNoErrors();
    }
}
