using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Shipments;

/// <summary>Each account chooses what the consignees of its shipments see: position precision and tracking tokens.</summary>
public sealed class AccountPrivacyTests(SiloFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private readonly HttpClient _anonymous = fixture.Silo.Client();

    [Theory]
    [InlineData("Exact", 51.9225, 4.47917)]
    [InlineData("Coarse", 51.92, 4.48)]
    public async Task Consignee_SeesPositions_AtTheOwningAccountsPrecision(string precision, double lat, double lon)
    {
        var carrier = await NewCarrier(new { publicPositionPrecision = precision });
        var tn = NewId("PRIV");

        Assert.Equal(HttpStatusCode.Accepted, (await carrier.PostAsync("/api/events", Structured(Scan(tn, "PickedUp", source: "/carriers/priv/1")), Ct)).StatusCode);
        var shipment = await Eventually.Until(() => Read(_anonymous, $"/api/shipments/{tn}"), s => s is { } v && v.GetProperty("location").ValueKind == JsonValueKind.Object, "the scan");

        Assert.Equal(lat, shipment!.Value.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal(lon, shipment.Value.GetProperty("location").GetProperty("lon").GetDouble());
    }

    [Fact]
    public async Task Consignee_SeesNoPosition_WhenTheAccountHidesThem()
    {
        var carrier = await NewCarrier(new { publicPositionPrecision = "Hidden" });
        var tn = NewId("PRIV");

        Assert.Equal(HttpStatusCode.Accepted, (await carrier.PostAsync("/api/events", Structured(Scan(tn, "PickedUp", source: "/carriers/priv/1")), Ct)).StatusCode);
        await Eventually.Until(() => Read(carrier, $"/api/shipments/{tn}"), s => s is { } v && v.GetProperty("location").ValueKind == JsonValueKind.Object, "the scan");
        var seen = await Read(_anonymous, $"/api/shipments/{tn}");

        Assert.Equal(JsonValueKind.Null, seen!.Value.GetProperty("location").ValueKind);
        Assert.All(seen.Value.GetProperty("milestones").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("location").ValueKind));
    }

    [Fact]
    public async Task AnAccountThatRequiresTokens_HidesItsShipmentsFromBareNumbers_OthersDoNot()
    {
        var strict = await NewCarrier(new { requireTrackingToken = true });
        var relaxed = await NewCarrier(new { requireTrackingToken = false });
        var (strictTn, relaxedTn) = (NewId("PRIV"), NewId("PRIV"));
        var plan = new { origin = new { lat = 51.92, lon = 4.48 }, destination = new { lat = 51.43, lon = 6.76 } };

        var strictPlan = await (await strict.PutAsJsonAsync($"/api/shipments/{strictTn}", plan, Ct)).Json();
        Assert.Equal(HttpStatusCode.Created, (await relaxed.PutAsJsonAsync($"/api/shipments/{relaxedTn}", plan, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/api/shipments/{strictTn}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(strictPlan.GetProperty("trackingLink").GetString()!.Replace("/track/", "/api/shipments/", StringComparison.Ordinal), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync($"/api/shipments/{relaxedTn}", Ct)).StatusCode);
    }

    /// <summary>A carrier account made through the accounts API with <paramref name="settings"/>, and a client with its key.</summary>
    private async Task<HttpClient> NewCarrier(object settings)
    {
        var id = NewId("PRIV");
        var body = JsonSerializer.SerializeToNode(settings)!.AsObject();
        body["id"] = id;
        body["displayName"] = "Privacy test carrier";
        body["role"] = "carrier";
        body["sources"] = new System.Text.Json.Nodes.JsonArray("/carriers/priv");
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/accounts", body, Ct)).StatusCode);
        var key = await (await _admin.PostAsJsonAsync($"/api/accounts/{id}/keys", new { }, Ct)).Json();
        return fixture.Silo.Client(key.GetProperty("secret").GetString());
    }

    private static async Task<JsonElement?> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        return response.StatusCode == HttpStatusCode.OK ? await response.Json() : null;
    }
}
