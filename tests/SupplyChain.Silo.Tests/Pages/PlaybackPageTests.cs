using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SupplyChain.Archive.Storage;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>
/// Playback on the ops page in a real Chromium: a trip posted with event times in a past hour is
/// archived by the silo, then chosen on the page and played, its marker moving along the track and its
/// events on the timeline.
/// </summary>
public sealed class PlaybackPageTests(PlaybackPagesFixture fixture) : IClassFixture<PlaybackPagesFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Within an hour three hours ago.</summary>
    private static readonly DateTimeOffset T0 = ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-3)).AddMinutes(5);

    /// <summary>The latitude of the truck's last ping, computed as its pings are.</summary>
    private const double End = 51.09 + (5 * 0.01);

    private readonly Shipments _shipments = new(fixture.Silo);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Playback_OfAVehicleAndOfItsShipment_MovesAlongTheTrack_WithTheTripsEventsOnTheTimeline()
    {
        var truck = NewId("PLAY-V");
        var tn = NewKey("PLAY");
        await _shipments.LoadAsync(tn, truck, T0, (51.0, 4.0));
        // Ten minutes north, fifteen standing (a stop), five more north, then delivery.
        await _shipments.PostAsync([
            .. Enumerable.Range(0, 10).Select(i => Ping(truck, 51.0 + (i * 0.01), 4.0, T0.AddMinutes(2 + i))),
            .. Enumerable.Range(0, 15).Select(i => Ping(truck, 51.09, 4.0, T0.AddMinutes(12 + i), speedKmh: 0)),
            .. Enumerable.Range(1, 5).Select(i => Ping(truck, 51.09 + (i * 0.01), 4.0, T0.AddMinutes(26 + i)))]);
        await _shipments.PostAsync(Scan(tn, "Delivered", T0.AddMinutes(32), lat: End, lon: 4.0));
        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        var range = $"from={Iso(T0.AddMinutes(-5))}&to={Iso(T0.AddMinutes(55))}";
        await Eventually.Until(
            async () => await CountAsync(admin, $"/api/vehicles/{truck}/history?{range}"),
            n => n == 1, "the truck's stop archived", Deadline);
        await Eventually.Until(
            async () => await CountAsync(admin, $"/api/vehicles/{truck}/track?{range}", "features", 0, "geometry", "coordinates"),
            n => n == 30, "the truck's pings archived", Deadline);

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync("/ops");
        await page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();
        var panel = page.Locator("#playback");

        await ChooseAsync(page, "vehicle", truck, T0.AddMinutes(-5), T0.AddMinutes(55));
        await Expect(panel).ToHaveAttributeAsync("data-state", "paused");
        await Expect(panel).ToHaveAttributeAsync("data-points", "30");
        await Expect(panel).ToHaveAttributeAsync("data-lat", Shipments.Js(51.0));
        var stopMark = page.Locator("#playback-marks .mark[data-type='SupplyChain.NoMovementDetected']");
        await Expect(stopMark).ToHaveCountAsync(1);
        await Expect(page.Locator("#playback-events li[data-type='SupplyChain.NoMovementDetected']")).ToContainTextAsync(truck);
        await Expect(stopMark).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("passed"));
        // The stop's mark sits where its time lies in the trip: ten minutes after the truck stood still, 19 of the trip's 29 minutes.
        var left = double.Parse((await stopMark.GetAttributeAsync("style"))!.Split(':')[1].Trim().TrimEnd(';', '%'), CultureInfo.InvariantCulture);
        Assert.InRange(left, 100.0 * 18 / 29, 100.0 * 20 / 29);

        // Five minutes of the trip a second: about six seconds to the end, sampled as it plays.
        await page.Locator("#playback-speed").SelectOptionAsync("300");
        await page.Locator("#playback-play").ClickAsync();
        var samples = await SampleUntilEndedAsync(page);
        Assert.True(samples.Select(s => s.Lat).Distinct().Count() >= 5, $"the marker moved through few places: {string.Join(' ', samples)}");
        Assert.All(samples, s => Assert.Equal(4.0, s.Lon, 9));
        Assert.All(samples, s => Assert.InRange(s.Lat, 51.0, End + 1e-9));
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.Second.Lat >= p.First.Lat && p.Second.Time >= p.First.Time), "the marker went back along its track");
        Assert.Contains(samples, s => s.Lat > 51.01 && s.Lat < 51.13);
        await Expect(panel).ToHaveAttributeAsync("data-lat", Shipments.Js(End));
        await Expect(panel).ToHaveAttributeAsync("data-passed", "1");
        await Expect(stopMark).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("passed"));
        await watch.ScreenshotAsync("ops-playback-vehicle");

        // A click on the slider a tenth of the way in goes back in time: before the stop, the stop has not happened.
        var slider = (await page.Locator("#playback-slider").BoundingBoxAsync())!;
        await page.Locator("#playback-slider").ClickAsync(new() { Position = new() { X = slider.Width / 10, Y = slider.Height / 2 } });
        await Expect(panel).ToHaveAttributeAsync("data-passed", "0");
        await Expect(stopMark).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("passed"));
        Assert.True(double.Parse((await panel.GetAttributeAsync("data-lat"))!, CultureInfo.InvariantCulture) < 51.09, "the marker is back before the stop");

        // The shipment's trip: its vehicle's positions while on board, its scans and its events.
        await ChooseAsync(page, "shipment", tn, T0.AddMinutes(-5), T0.AddMinutes(55));
        await Expect(panel).ToHaveAttributeAsync("data-state", "paused");
        await Expect(panel).ToHaveAttributeAsync("data-trip", tn);
        foreach (var type in new[] { "scan:PickedUp", "scan:LoadedOnVehicle", "scan:Delivered", "SupplyChain.Delivered", "SupplyChain.NoMovementDetected" })
        {
            await Expect(page.Locator($"#playback-marks .mark[data-type='{type}']")).ToHaveCountAsync(1);
        }

        var events = int.Parse((await panel.GetAttributeAsync("data-events"))!, CultureInfo.InvariantCulture);
        await page.Locator("#playback-speed").SelectOptionAsync("3600");
        await page.Locator("#playback-play").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-state", "ended");
        await Expect(panel).ToHaveAttributeAsync("data-passed", events.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#playback-events li.passed")).ToHaveCountAsync(events);
        await watch.ScreenshotAsync("ops-playback-shipment");
        watch.AssertNoErrors();
    }

    [Fact]
    public async Task Playback_BadChoices_SayWhatIsWrong()
    {
        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        var page = watch.Page;
        await page.GotoAsync("/ops");
        await page.Locator("#key-input").FillAsync(RunningSilo.AdminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();
        var error = page.Locator("#playback-error");

        await ChooseAsync(page, "vehicle", "TRUCK-1", T0, T0.AddMinutes(-10));
        await Expect(error).ToContainTextAsync("start before it ends");
        await ChooseAsync(page, "vehicle", "TRUCK-1", T0.AddDays(-2), T0);
        await Expect(error).ToContainTextAsync("a day at most");
        await ChooseAsync(page, "vehicle", "bad id", T0.AddHours(-1), T0);
        await Expect(error).ToContainTextAsync("vehicle id");
        Assert.Empty(watch.Errors);

        // A vehicle without positions in the span (ops see every vehicle id, reported or not) says so.
        var nobody = NewId("NOBODY");
        await ChooseAsync(page, "vehicle", nobody, T0.AddHours(-1), T0);
        await Expect(error).ToContainTextAsync($"No positions of {nobody}");
        Assert.Empty(watch.Errors);

        // The API's own answer for an unknown shipment: its problem detail, shown as it is.
        var unknown = NewKey("NOBODY");
        await ChooseAsync(page, "shipment", unknown, T0.AddHours(-1), T0);
        await Expect(error).ToContainTextAsync($"No shipment has tracking number '{unknown}'");
        await Expect(page.Locator("#playback")).ToHaveAttributeAsync("data-state", "error");
        Assert.All(watch.Errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    /// <summary>Fills the playback form (times in the browser's own zone, as a person would) and shows the trip.</summary>
    private static async Task ChooseAsync(IPage page, string kind, string id, DateTimeOffset from, DateTimeOffset to)
    {
        await page.Locator("#playback-kind").SelectOptionAsync(kind);
        await page.Locator("#playback-id").FillAsync(id);
        await page.Locator("#playback-from").FillAsync(await LocalAsync(page, from));
        await page.Locator("#playback-to").FillAsync(await LocalAsync(page, to));
        await page.Locator("#playback-load").ClickAsync();
    }

    private static Task<string> LocalAsync(IPage page, DateTimeOffset time) => page.EvaluateAsync<string>(
        "iso => { const d = new Date(iso); const p = (n) => String(n).padStart(2, '0'); " +
        "return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`; }",
        time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Where the marker is, read again and again while the trip plays, until it has ended.</summary>
    private static async Task<List<(double Lat, double Lon, DateTimeOffset Time)>> SampleUntilEndedAsync(IPage page)
    {
        var samples = new List<(double, double, DateTimeOffset)>();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var values = await page.EvaluateAsync<string[]>(
                "() => { const d = document.getElementById('playback').dataset; return [d.state, d.lat, d.lon, d.time]; }");
            var (state, lat, lon, time) = (values[0], values[1], values[2], values[3]);
            samples.Add((double.Parse(lat, CultureInfo.InvariantCulture), double.Parse(lon, CultureInfo.InvariantCulture), DateTimeOffset.Parse(time, CultureInfo.InvariantCulture)));
            if (state == "ended")
            {
                return samples;
            }

            Assert.True(state == "playing", $"the playback is {state}, not playing");
            Assert.True(watch.Elapsed < Deadline, $"the playback did not end within {Deadline}");
            await page.WaitForFunctionAsync(
                "t => document.getElementById('playback').dataset.time !== t || document.getElementById('playback').dataset.state !== 'playing'",
                time, new() { Timeout = (float)Deadline.TotalMilliseconds });
        }
    }

    private static async Task<int> CountAsync(HttpClient client, string path, params object[] at)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode node = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        foreach (var step in at)
        {
            node = step is int i ? node[i]! : node[(string)step]!;
        }

        return node.AsArray().Count;
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
