using System.Net;
using System.Net.Http.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using SupplyChain.Silo.Tests.Ownership;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>A silo with two carrier accounts, for pages of a number both use.</summary>
public sealed class TwoCarrierPagesFixture : PagesFixture
{
    protected override string[] SiloArgs => TwoCarriers.Keys;
}

/// <summary>The customer's page for a tracking number two carriers use.</summary>
public sealed class TrackPageCarrierTests(TwoCarrierPagesFixture fixture) : IClassFixture<TwoCarrierPagesFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Track_ANumberTwoCarriersUse_AsksWhichCarrier_ThenShowsThatOnesShipment()
    {
        var tn = NewId("SHRP");
        var beta = fixture.Silo.Client(TwoCarriers.BetaKey);
        var acme = fixture.Silo.Client(TwoCarriers.AcmeKey);
        var plan = new { origin = new { lat = 51.92, lon = 4.48 }, destination = new { lat = 52.01, lon = 4.36 } };
        Assert.Equal(HttpStatusCode.Created, (await beta.PutAsJsonAsync($"/api/shipments/{tn}", plan, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await acme.PutAsJsonAsync($"/api/shipments/{tn}", plan, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await acme.PostAsync("/api/events",
            Structured(Scan(tn, "PickedUp", source: TwoCarriers.AcmeSource, lat: 51.92, lon: 4.48)), Ct)).StatusCode);

        await using var watch = await PageWatch.OpenAsync(fixture.Browser);
        await watch.Page.GotoAsync($"/track/{tn}");
        await Expect(watch.Page.Locator("body")).ToHaveAttributeAsync("data-state", "choose-carrier");
        await Expect(watch.Page.Locator("#carriers a")).ToHaveTextAsync(["BETA", "ACME"]);

        await watch.Page.Locator("#carriers a", new() { HasText = "ACME" }).ClickAsync();

        await Expect(watch.Page.Locator("#tn")).ToHaveTextAsync(tn);
        await Expect(watch.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await Expect(watch.Page.Locator("#milestones li").First).ToHaveAttributeAsync("data-scan-type", "PickedUp");
        Assert.EndsWith($"/track/{tn}?carrier=ACME", watch.Page.Url);
        // The browser reports the ambiguous number's 409 itself; the page logged nothing else.
        Assert.All(watch.Errors, e => Assert.Contains("status of 409", e));
    }
}
