using System.Net.Http.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Pages;

/// <summary>A silo whose carriers require tracking tokens in public links.</summary>
public sealed class TokenPagesFixture : PagesFixture
{
    protected override string[] SiloArgs => ["--SupplyChain:Privacy:RequireTrackingToken=true"];
}

/// <summary>The customer's page opened from a link with its tracking token, and from the bare number.</summary>
public sealed class TrackPageTokenTests(TokenPagesFixture fixture) : IClassFixture<TokenPagesFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Track_TheOwnersLink_ShowsTheShipmentLive_TheBareNumberDoesNot()
    {
        var tn = NewId("TOKP");
        var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var planned = await carrier.PutAsJsonAsync($"/api/shipments/{tn}", new
        {
            origin = new { lat = 51.92, lon = 4.48 },
            destination = new { lat = 52.01, lon = 4.36 },
        }, Ct);
        var link = (await planned.Json()).GetProperty("trackingLink").GetString()!;

        await using (var watch = await PageWatch.OpenAsync(fixture.Browser))
        {
            await watch.Page.GotoAsync(link);
            await Expect(watch.Page.Locator("#tn")).ToHaveTextAsync(tn);
            await Expect(watch.Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
            await carrier.PostAsync("/api/events", Structured(Scan(tn, "PickedUp", lat: 51.92, lon: 4.48)), Ct);
            await Expect(watch.Page.Locator("#milestones li").First).ToHaveAttributeAsync("data-scan-type", "PickedUp");
            watch.AssertNoErrors();
        }

        await using (var bare = await PageWatch.OpenAsync(fixture.Browser))
        {
            await bare.Page.GotoAsync($"/track/{tn}");
            await Expect(bare.Page.Locator("body")).ToHaveAttributeAsync("data-state", "not-found");
            await Expect(bare.Page.Locator("#shipment")).ToBeHiddenAsync();
        }
    }
}
