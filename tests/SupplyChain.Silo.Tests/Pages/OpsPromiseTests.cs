using Microsoft.Playwright;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The ops page's promise list, fed by the ops feed's DeliveryAtRisk, DeliveryBackOnTrack, DeliveryLate and Delivered.</summary>
public sealed class OpsPromiseTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    // Rotterdam to Duisburg: about 180 km, three hours at the estimate's assumed speed.
    private static readonly (double Lat, double Lon) Rotterdam = (51.92, 4.48);
    private static readonly (double Lat, double Lon) Duisburg = (51.43, 6.76);

    private readonly Shipments _shipments = new(fixture.Silo);

    [Fact]
    public async Task Ops_PromiseAtRisk_ListedThenClearedWhenBackOnTrack()
    {
        var prefix = NewId("PROMISE");
        var (tn, truck) = ($"{prefix}-TN", $"{prefix}-TRUCK");
        var t0 = Now.AddMinutes(-50);
        await _shipments.PlanAsync(tn, t0.AddHours(1), Rotterdam, Duisburg);
        await _shipments.LoadAsync(tn, truck, t0, Rotterdam);
        await using var watch = await OpenOpsAsync();
        var page = watch.Page;
        await Expect(page.Locator("#promises-empty")).ToBeVisibleAsync();

        // Still in Rotterdam two minutes after pick-up: three hours to go for a promise in an hour.
        await _shipments.PostAsync(Ping(truck, Rotterdam.Lat, Rotterdam.Lon, t0.AddMinutes(2)));
        var entry = page.Locator($"#promise-list li[data-tracking-number='{tn}']");
        await Expect(entry).ToHaveAttributeAsync("data-state", "AtRisk");
        await Expect(entry).ToContainTextAsync("min late");
        await Expect(page.Locator("#promise-count")).ToHaveAttributeAsync("data-count", "1");
        await Expect(page.Locator("#promises-empty")).ToBeHiddenAsync();

        // The entry leads to the shipment's truck.
        await entry.Locator("button").ClickAsync();
        await Expect(page.Locator("#vehicle-details")).ToHaveAttributeAsync("data-vehicle-id", truck);
        await Expect(entry.Locator("a")).ToHaveAttributeAsync("href", $"/track/{tn}");

        // 45 minutes later at the destination's door (a plausible 220 km/h): back on track, off the list.
        await _shipments.PostAsync(Ping(truck, Duisburg.Lat + 0.005, Duisburg.Lon, t0.AddMinutes(47), speedKmh: 90));
        await Expect(entry).ToHaveCountAsync(0);
        await Expect(page.Locator("#promises-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#alert-feed li[data-type='SupplyChain.DeliveryBackOnTrack']")).ToContainTextAsync(tn);
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Ops_PromiseMissed_ListedLateUntilDelivered()
    {
        var prefix = NewId("PROMISE");
        var (tn, truck) = ($"{prefix}-TN", $"{prefix}-TRUCK");
        // All in the past: the promise is judged by the traffic's event time alone.
        var t0 = Now.AddHours(-3);
        await _shipments.PlanAsync(tn, t0.AddHours(1), Rotterdam, Duisburg);
        await _shipments.LoadAsync(tn, truck, t0, Rotterdam);
        await using var watch = await OpenOpsAsync();
        var page = watch.Page;

        await _shipments.PostAsync(
            Ping(truck, Rotterdam.Lat, Rotterdam.Lon, t0.AddMinutes(2)),
            Ping(truck, 51.80, 5.00, t0.AddMinutes(70), speedKmh: 80));
        var entry = page.Locator($"#promise-list li[data-tracking-number='{tn}']");
        await Expect(entry).ToHaveAttributeAsync("data-state", "Late");
        await Expect(entry).ToContainTextAsync("Late");
        await watch.ScreenshotAsync("ops-promises");

        await _shipments.PostAsync(Scan(tn, "Delivered", t0.AddMinutes(150), vehicleId: truck, lat: Duisburg.Lat, lon: Duisburg.Lon));
        await Expect(entry).ToHaveCountAsync(0);
        await Expect(page.Locator("#alert-feed li[data-type='SupplyChain.Delivered']")).ToContainTextAsync(tn);
        watch.AssertNoErrors();
    }

    /// <summary>The ops page with the admin key, once its feed is connected (the feed's first message says so).</summary>
    private async Task<PageWatch> OpenOpsAsync()
    {
        var watch = await PageWatch.OpenAsync(fixture.Browser);
        await watch.Page.GotoAsync("/ops");
        await watch.Page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await watch.Page.Locator("#key-form button[type=submit]").ClickAsync();
        await Expect(watch.Page.Locator("#feed-state")).ToHaveAttributeAsync("data-state", "open");
        return watch;
    }
}
