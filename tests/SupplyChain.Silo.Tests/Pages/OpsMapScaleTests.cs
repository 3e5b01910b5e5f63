using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;
using static SupplyChain.Silo.Tests.Pages.Shipments;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>The ops page in a real Chromium with 100,000 vehicles on the map.</summary>
public sealed class OpsMapScaleTests(LargeFleetPagesFixture fixture) : IClassFixture<LargeFleetPagesFixture>
{
    private const int FleetSize = 100_000;
    private const int MegaByte = 1024 * 1024;
    private const string Probe = "SCALE-PROBE";
    private static readonly TimeSpan Settled = TimeSpan.FromMinutes(5);
    private static readonly LocatorAssertionsToHaveAttributeOptions Patiently = new() { Timeout = 30_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ops_OneHundredThousandVehicles_ClustersZoomedOutMarkersZoomedInAndSmallRefreshes()
    {
        var (probeLat, probeLon) = (48.8566, 2.3522);
        var t0 = Now.AddMinutes(-10);
        await PostFleetAsync(t0, probeLat, probeLon);

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        var refreshes = new ConcurrentQueue<(string Url, Task<RequestSizesResult> Sizes)>();
        var everyFleet = 0;
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path == "/api/ops/map")
            {
                refreshes.Enqueue((response.Url, response.Request.SizesAsync()));
            }
            else if (path == "/api/vehicles" && new Uri(response.Url).Query.Length == 0)
            {
                Interlocked.Increment(ref everyFleet);
            }
        };
        await page.GotoAsync("/ops");
        await page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        // Zoomed out on the whole fleet: clusters that add up to what the view holds.
        var map = page.Locator("#map");
        await Expect(page.Locator("#vehicle-count")).ToHaveAttributeAsync("data-count", FleetSize.ToString(CultureInfo.InvariantCulture), Patiently);
        await Expect(map).ToHaveAttributeAsync("data-mode", "clusters", Patiently);
        var clusters = page.Locator("#map .cluster span");
        Assert.True(await clusters.CountAsync() >= 4, $"{await clusters.CountAsync()} clusters");
        var counted = (await clusters.EvaluateAllAsync<int[]>("spans => spans.map(s => Number(s.dataset.count))")).Sum();
        Assert.Equal(int.Parse((await map.GetAttributeAsync("data-within"))!, CultureInfo.InvariantCulture), counted);
        Assert.True(counted > FleetSize / 2, $"the view holds {counted} vehicles");
        await watch.ScreenshotAsync("ops-100k-clusters");

        // Zoomed in on one vehicle: markers one by one, the chosen one among them.
        await page.Locator("#vehicle-filter").FillAsync(Probe);
        await page.Locator($"#vehicle-list li[data-vehicle-id='{Probe}'] button").ClickAsync();
        await Expect(map).ToHaveAttributeAsync("data-mode", "markers", Patiently);
        await Expect(map).ToHaveAttributeAsync("data-selected-lat", Js(probeLat), Patiently);
        var markers = int.Parse((await map.GetAttributeAsync("data-markers"))!, CultureInfo.InvariantCulture);
        Assert.InRange(markers, 2, 2_000);
        Assert.Equal(0, await clusters.CountAsync());

        // The vehicle's next ping moves its marker, through the map's refreshes of what changed.
        var moved = probeLat + 0.01;
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var response = await carrier.PostAsync("/api/events", Batch(Ping(Probe, moved, probeLon, t0.AddMinutes(5))), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Expect(map).ToHaveAttributeAsync("data-selected-lat", Js(moved), Patiently);
        await watch.ScreenshotAsync("ops-100k-markers");

        // What each refresh fetched: bounded by what the view shows, never the fleet (about 15 MB).
        var seen = refreshes.ToArray();
        Assert.Contains(seen, r => r.Url.Contains("since=", StringComparison.Ordinal));
        foreach (var (url, sizes) in seen)
        {
            var fetched = await sizes;
            Assert.True(fetched.ResponseBodySize + fetched.ResponseHeadersSize < MegaByte, $"{url} fetched {fetched.ResponseBodySize} bytes");
        }

        Assert.Equal(0, everyFleet);
        watch.AssertNoErrors();
    }

    /// <summary>
    /// 100,000 vehicles over Europe (one ping each, 500 a request, four requests at a time), the probe
    /// among them at a place of its own; returns once every one of them is on the map.
    /// </summary>
    private async Task PostFleetAsync(DateTimeOffset time, double probeLat, double probeLon)
    {
        var random = new Random(26);
        var pings = Enumerable.Range(0, FleetSize - 1)
            .Select(i => Ping($"SCALE-{i:D6}", Math.Round(36 + random.NextDouble() * 24, 5), Math.Round(-10 + random.NextDouble() * 40, 5), time))
            .Append(Ping(Probe, probeLat, probeLon, time))
            .Chunk(500)
            .ToList();
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        await Parallel.ForEachAsync(pings, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (chunk, ct) =>
        {
            var response = await carrier.PostAsync("/api/events", Batch(chunk), ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });

        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        await Eventually.Until(
            async () => JsonDocument.Parse(await admin.GetStringAsync("/api/ops/map?bbox=-180,-90,180,90&zoom=2", Ct)).RootElement.GetProperty("within").GetInt32(),
            within => within == FleetSize,
            "every vehicle on the map",
            Settled);
    }
}
