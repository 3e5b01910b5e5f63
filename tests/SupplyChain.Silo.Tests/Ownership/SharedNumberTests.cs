using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using SupplyChain.Silo.Tests.Webhooks;
using static SupplyChain.Testing.CloudEvents;
using static SupplyChain.Silo.Tests.Ownership.TwoCarriers;

namespace SupplyChain.Silo.Tests.Ownership;

/// <summary>
/// One tracking number used by two carriers, BETA first and ACME second: two shipments that readers,
/// webhooks and vehicles keep apart.
/// </summary>
public sealed class SharedNumberTests(TwoCarriers carriers) : IClassFixture<TwoCarriers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _acme = carriers.Silo.Client(AcmeKey);
    private readonly HttpClient _beta = carriers.Silo.Client(BetaKey);
    private readonly HttpClient _admin = carriers.Silo.Client(RunningSilo.AdminKey);
    private readonly HttpClient _anonymous = carriers.Silo.Client();

    [Fact]
    public async Task EachCarrier_ReadsItsOwn_AndOthersNameTheCarrierOrBringTheToken()
    {
        var number = await SharedNumber();

        var acmes = await Read(_acme, number);
        var betas = await Read(_beta, number);
        Assert.Equal(("ACME", 48.1), (acmes.GetProperty("account").GetString(), Destination(acmes)));
        Assert.Equal(("BETA", 51.43), (betas.GetProperty("account").GetString(), Destination(betas)));

        var ambiguous = await _anonymous.GetAsync($"/api/shipments/{number}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Equal("application/problem+json", ambiguous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["BETA", "ACME"], (await ambiguous.Json()).GetProperty("carriers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await _anonymous.GetAsync($"/api/shipments/{number}/events", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.GetAsync($"/api/shipments/{number}", Ct)).StatusCode);

        var namedAcme = await Read(_anonymous, $"{number}?carrier=ACME");
        Assert.Equal(48.1, Destination(namedAcme));
        Assert.False(namedAcme.TryGetProperty("account", out _));
        var token = acmes.GetProperty("trackingLink").GetString()!.Split("?token=")[1];
        Assert.Equal(48.1, Destination(await Read(_anonymous, $"{number}?token={token}")));
        Assert.Equal(51.43, Destination(await Read(_anonymous, $"{number}?carrier=BETA")));
        Assert.Equal("BETA", (await Read(_admin, $"{number}?carrier=BETA")).GetProperty("account").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync($"/api/shipments/{number}/events?carrier=ACME", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/api/shipments/{number}?carrier=GAMMA", Ct)).StatusCode);
        var badCarrier = await _anonymous.GetAsync($"/api/shipments/{number}?carrier=..%2Fbeta", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCarrier.StatusCode);
        Assert.Contains("carrier", (await badCarrier.Json()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CarriersWebhooks_GetOnlyTheirOwnShipmentOfTheNumber()
    {
        var number = await SharedNumber();
        await using var acmeReceiver = await LoopbackReceiver.StartAsync();
        await using var betaReceiver = await LoopbackReceiver.StartAsync();
        await Subscriptions.Create(_acme, new { url = acmeReceiver.Url, trackingNumbers = new[] { number } });
        await Subscriptions.Create(_beta, new { url = betaReceiver.Url, trackingNumbers = new[] { number } });

        // BETA's event is raised and handed to the webhooks before ACME's; both have the number as subject,
        // and one subject's events are delivered in order, so ACME's arriving means BETA's was not sent to ACME.
        await Subscriptions.PostEvents(_beta, Scan(number, "PickedUp", Now.AddMinutes(-30), source: BetaSource));
        await Eventually.Until(() => Read(_beta, number), s => s.GetProperty("status").GetString() == "InTransit", "BETA's scan to apply");
        await Subscriptions.PostEvents(_acme, Scan(number, "Exception", Now.AddMinutes(-20), source: AcmeSource));

        var acmeGot = await Eventually.Until(() => Task.FromResult(acmeReceiver.Posts), p => p.Count > 0, "ACME's delivery");
        var betaGot = await Eventually.Until(() => Task.FromResult(betaReceiver.Posts), p => p.Count > 0, "BETA's delivery");
        Assert.All(acmeGot, p => Assert.Equal("Exception", p.Event.GetProperty("data").GetProperty("status").GetString()));
        Assert.All(betaGot, p => Assert.Equal("InTransit", p.Event.GetProperty("data").GetProperty("status").GetString()));
        Assert.All(acmeGot.Concat(betaGot), p => Assert.Equal(number, p.Subject));
    }

    [Fact]
    public async Task AVehicle_CarryingTheLaterAccountsShipment_ShowsTheNumber_AndMovesThatShipmentOnly()
    {
        var number = await SharedNumber();
        var truck = NewId("SHR-T");
        Assert.Equal(HttpStatusCode.Accepted, (await _acme.PostAsync("/api/events",
            Structured(Scan(number, "LoadedOnVehicle", Now.AddMinutes(-10), source: AcmeSource, vehicleId: truck)), Ct)).StatusCode);
        var vehicle = await Eventually.Until(
            () => _acme.GetAsync($"/api/vehicles/{truck}", Ct), r => r.StatusCode == HttpStatusCode.OK, "the truck to carry ACME's parcel");
        Assert.Equal([number], (await vehicle.Json()).GetProperty("shipments").EnumerateArray().Select(s => s.GetString()));

        await Subscriptions.PostEvents(_acme, Ping(truck, 50.5, 5.5, Now.AddMinutes(-5), source: AcmeSource));

        var acmes = await Eventually.Until(() => Read(_acme, number), s => s.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object
            && l.GetProperty("lat").GetDouble() == 50.5, "ACME's shipment to follow its truck");
        Assert.Equal(truck, acmes.GetProperty("vehicleId").GetString());
        var betas = await Read(_beta, number);
        Assert.True(!betas.TryGetProperty("location", out var betaLocation) || betaLocation.ValueKind == JsonValueKind.Null);
        Assert.False(betas.TryGetProperty("vehicleId", out var betaVehicle) && betaVehicle.ValueKind == JsonValueKind.String);
    }

    /// <summary>A number BETA planned first and ACME second, with different destinations.</summary>
    private async Task<string> SharedNumber()
    {
        var number = NewId("SHR");
        Assert.Equal(HttpStatusCode.Created, (await _beta.PutAsJsonAsync($"/api/shipments/{number}", Plan(51.43), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _acme.PutAsJsonAsync($"/api/shipments/{number}", Plan(48.1), Ct)).StatusCode);
        return number;
    }

    private static object Plan(double destinationLat) => TwoCarriers.Plan("carrier", destinationLat);

    private static double Destination(JsonElement shipment) => shipment.GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble();

    private static async Task<JsonElement> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync($"/api/shipments/{path}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }
}
