using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Ownership;

/// <summary>Two carrier accounts, ACME and BETA, trying every write to each other's shipments and vehicles, and an admin handing them over.</summary>
public sealed class OwnershipTests(TwoCarriers carriers) : IClassFixture<TwoCarriers>
{
    private const string AcmeSource = "/carriers/acme/scanners/1";
    private const string BetaSource = "/carriers/beta/scanners/1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _acme = carriers.Silo.Client(TwoCarriers.AcmeKey);
    private readonly HttpClient _beta = carriers.Silo.Client(TwoCarriers.BetaKey);
    private readonly HttpClient _admin = carriers.Silo.Client(RunningSilo.AdminKey);
    private readonly HttpClient _anonymous = carriers.Silo.Client();

    [Fact]
    public async Task Scan_OfANumberAnotherAccountUses_WritesTheAccountsOwnShipment_AndLeavesTheOtherAlone()
    {
        var number = await BetaShipment();

        var response = await _acme.PostAsync("/api/events", Structured(Scan(number, "Delivered", source: AcmeSource)), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var acmes = await Eventually.Until(() => TryShipment(_acme, number), s => s?.GetProperty("status").GetString() == "Delivered", "ACME's own shipment to be delivered");
        Assert.Equal("ACME", acmes!.Value.GetProperty("account").GetString());
        Assert.Equal(number, acmes.Value.GetProperty("trackingNumber").GetString());
        var betas = await Shipment(_beta, number);
        Assert.Equal("Pending", betas.GetProperty("status").GetString());
        Assert.Equal("BETA", betas.GetProperty("account").GetString());
        Assert.Equal(51.4312345, betas.GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
        var owners = await (await _admin.GetAsync($"/api/shipments/{number}/owner", Ct)).Json();
        Assert.Equal(["BETA", "ACME"], owners.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task PlanWrite_ToANumberAnotherAccountUses_CreatesTheAccountsOwn_AndThePlanOfTheOtherStays()
    {
        var number = await BetaShipment();

        var response = await _acme.PutAsJsonAsync($"/api/shipments/{number}", Plan(destinationLat: 48.1), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/shipments/{number}?carrier=ACME", response.Headers.Location?.OriginalString);
        Assert.Equal(48.1, (await Shipment(_acme, number)).GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
        Assert.Equal(51.4312345, (await Shipment(_beta, number)).GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await _acme.PutAsJsonAsync($"/api/shipments/{number}", Plan(destinationLat: 48.2), Ct)).StatusCode);
        Assert.Equal(51.4312345, (await Shipment(_beta, number)).GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task Ping_OfAnotherAccountsVehicle_Is403_AndTheVehicleDoesNotMove()
    {
        var truck = NewId("OWN-T");
        Assert.Equal(HttpStatusCode.Accepted, (await _beta.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.4, source: BetaSource)), Ct)).StatusCode);
        await Eventually.Until(() => _beta.GetAsync($"/api/vehicles/{truck}", Ct), r => r.StatusCode == HttpStatusCode.OK, "BETA's truck to report");

        var response = await _acme.PostAsync("/api/events", Structured(Ping(truck, 52.5, 5.5, time: Now.AddMinutes(-10), source: AcmeSource)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var vehicle = await (await _beta.GetAsync($"/api/vehicles/{truck}", Ct)).Json();
        Assert.Equal(51.9, vehicle.GetProperty("location").GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task LoadingOwnParcel_OntoAnotherAccountsVehicle_Is403()
    {
        var truck = NewId("OWN-T");
        Assert.Equal(HttpStatusCode.Accepted, (await _beta.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.4, source: BetaSource)), Ct)).StatusCode);

        var response = await _acme.PostAsync("/api/events", Structured(Scan(NewId("OWN-A"), "LoadedOnVehicle", source: AcmeSource, vehicleId: truck)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"vehicle '{truck}'", (await response.Json()).GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnotherAccount_ReadsTheConsigneesView_AndNotTheVehicle()
    {
        var betas = await BetaShipment();
        var truck = NewId("OWN-T");
        Assert.Equal(HttpStatusCode.Accepted, (await _beta.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.4, source: BetaSource)), Ct)).StatusCode);
        await Eventually.Until(() => _beta.GetAsync($"/api/vehicles/{truck}", Ct), r => r.StatusCode == HttpStatusCode.OK, "BETA's truck to report");

        var seenByAcme = await Shipment(_acme, betas);
        var seenByAnonymous = await Shipment(_anonymous, betas);

        Assert.Equal(51.43, seenByAcme.GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
        Assert.Equal(seenByAnonymous.GetRawText(), seenByAcme.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await _acme.GetAsync($"/api/vehicles/{truck}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/vehicles/{truck}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Subscriptions_ToEverything_OrToAnotherAccountsVehicle_Are403()
    {
        var truck = NewId("OWN-T");
        Assert.Equal(HttpStatusCode.Accepted, (await _beta.PostAsync("/api/events", Structured(Ping(truck, 51.9, 4.4, source: BetaSource)), Ct)).StatusCode);

        var vehicle = await _acme.PostAsJsonAsync("/api/subscriptions", new { url = "http://127.0.0.1:9/hooks", vehicleIds = new[] { truck } }, Ct);
        var everything = await _acme.PostAsJsonAsync("/api/subscriptions", new { url = "http://127.0.0.1:9/hooks" }, Ct);
        var own = await _beta.PostAsJsonAsync("/api/subscriptions", new { url = "http://127.0.0.1:9/hooks", vehicleIds = new[] { truck } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, vehicle.StatusCode);
        Assert.Contains(truck, (await vehicle.Json()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, everything.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task AdminTransfer_HandsTheShipmentOver()
    {
        var betas = await BetaShipment();

        var transfer = await _admin.PutAsJsonAsync($"/api/shipments/{betas}/owner", new { account = "ACME" }, Ct);

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        var answer = await transfer.Json();
        Assert.Equal("ACME", answer.GetProperty("account").GetString());
        Assert.Equal("BETA", answer.GetProperty("previousAccount").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await _acme.PostAsync("/api/events", Structured(Scan(betas, "PickedUp", source: AcmeSource)), Ct)).StatusCode);
        var handedOver = await Eventually.Until(() => TryShipment(_acme, betas), s => s?.GetProperty("status").GetString() == "InTransit", "ACME's scan to reach the shipment it now owns");
        // The plan came with it: the state lives under the shipment's key, which a transfer does not change.
        Assert.Equal(51.4312345, handedOver!.Value.GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
        Assert.Equal("ACME", (await (await _admin.GetAsync($"/api/shipments/{betas}/owner", Ct)).Json()).GetProperty("account").GetString());
    }

    [Fact]
    public async Task Transfer_ToAnAccountThatHoldsTheNumber_Is409_AndOfANamedHolder_MovesOnlyThatOne()
    {
        var number = await BetaShipment();
        Assert.Equal(HttpStatusCode.Created, (await _acme.PutAsJsonAsync($"/api/shipments/{number}", Plan(destinationLat: 48.1), Ct)).StatusCode);

        var clash = await _admin.PutAsJsonAsync($"/api/shipments/{number}/owner", new { account = "ACME" }, Ct);
        var nobody = await _admin.PutAsJsonAsync($"/api/shipments/{number}/owner?carrier=GAMMA", new { account = "DELTA" }, Ct);
        var acmesToGamma = await _admin.PutAsJsonAsync($"/api/shipments/{number}/owner?carrier=ACME", new { account = "GAMMA" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acmesToGamma.StatusCode);
        Assert.Equal("ACME", (await acmesToGamma.Json()).GetProperty("previousAccount").GetString());
        var owners = await (await _admin.GetAsync($"/api/shipments/{number}/owner", Ct)).Json();
        Assert.Equal(["BETA", "GAMMA"], owners.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
        var gammas = await (await _admin.GetAsync($"/api/shipments/{number}?carrier=GAMMA", Ct)).Json();
        Assert.Equal(48.1, gammas.GetProperty("plan").GetProperty("destination").GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task Transfer_IsForAdmins_AndNamesAValidAccount()
    {
        var betas = await BetaShipment();

        Assert.Equal(HttpStatusCode.Forbidden, (await _beta.PutAsJsonAsync($"/api/shipments/{betas}/owner", new { account = "BETA" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _acme.PutAsJsonAsync($"/api/vehicles/X1/owner", new { account = "ACME" }, Ct)).StatusCode);
        var empty = await _admin.PutAsJsonAsync($"/api/shipments/{betas}/owner", new { account = "" }, Ct);
        var hostile = await _admin.PutAsJsonAsync($"/api/shipments/{betas}/owner", new { account = "../beta" }, Ct);
        var missing = await _admin.PutAsJsonAsync($"/api/vehicles/X1/owner", new { }, Ct);
        var badPath = await _admin.PutAsJsonAsync("/api/vehicles/bad%20id/owner", new { account = "ACME" }, Ct);

        foreach (var response in new[] { empty, hostile, missing, badPath })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Contains("account", (await empty.Json()).GetProperty("detail").GetString());
        Assert.Equal("BETA", (await (await _admin.GetAsync($"/api/shipments/{betas}/owner", Ct)).Json()).GetProperty("account").GetString());
    }

    [Fact]
    public async Task AdminWrites_AnyonesShipment_AndClaimsNothing()
    {
        var betas = await BetaShipment();
        var unclaimed = NewId("OWN-U");

        var response = await _admin.PostAsync("/api/events", Batch(
            Scan(betas, "PickedUp", source: "/ops/corrections"),
            Scan(unclaimed, "PickedUp", source: "/ops/corrections")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("BETA", (await (await _admin.GetAsync($"/api/shipments/{betas}/owner", Ct)).Json()).GetProperty("account").GetString());
        Assert.Equal(JsonValueKind.Null, (await (await _admin.GetAsync($"/api/shipments/{unclaimed}/owner", Ct)).Json()).GetProperty("account").ValueKind);
        // The first carrier to write it claims it.
        Assert.Equal(HttpStatusCode.Accepted, (await _acme.PostAsync("/api/events", Structured(Scan(unclaimed, "ArrivedAtFacility", source: AcmeSource)), Ct)).StatusCode);
        Assert.Equal("ACME", (await (await _admin.GetAsync($"/api/shipments/{unclaimed}/owner", Ct)).Json()).GetProperty("account").GetString());
    }

    /// <summary>A shipment BETA created with its plan.</summary>
    private async Task<string> BetaShipment()
    {
        var trackingNumber = NewId("OWN-B");
        var response = await _beta.PutAsJsonAsync($"/api/shipments/{trackingNumber}", Plan(destinationLat: 51.4312345), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return trackingNumber;
    }

    private static object Plan(double destinationLat) => TwoCarriers.Plan("BETA", destinationLat);

    private static async Task<JsonElement?> TryShipment(HttpClient client, string trackingNumber)
    {
        var response = await client.GetAsync($"/api/shipments/{trackingNumber}", Ct);
        return response.StatusCode == HttpStatusCode.OK ? await response.Json() : null;
    }

    private static async Task<JsonElement> Shipment(HttpClient client, string trackingNumber)
    {
        var response = await client.GetAsync($"/api/shipments/{trackingNumber}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

}
