using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Shipments;

public sealed class ShipmentsApiTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _anonymous = fixture.Silo.Client();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Plan() => JsonNode.Parse("""
        { "carrierId": "ACME", "origin": {"lat": 51.92, "lon": 4.48},
          "destination": {"lat": 51.43, "lon": 6.76}, "destinationRadiusM": 300,
          "promisedBy": "2026-11-23T17:00:00Z",
          "route": {"type": "LineString", "coordinates": [[4.48, 51.92], [6.76, 51.43]]},
          "corridorWidthM": 1000 }
        """)!.AsObject();

    [Fact]
    public async Task Put_NewPlan_CreatedThenUpdated()
    {
        var tn = NewId("PLN");

        var created = await _carrier.PutAsJsonAsync($"/api/shipments/{tn}", Plan(), Ct);
        var plan = Plan();
        plan["corridorWidthM"] = 2000;
        var updated = await _carrier.PutAsJsonAsync($"/api/shipments/{tn}", plan, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/shipments/{tn}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var shipment = await (await _anonymous.GetAsync($"/api/shipments/{tn}", Ct)).Json();
        Assert.Equal("Pending", shipment.GetProperty("status").GetString());
        Assert.Equal("2026-11-23T17:00:00+00:00", shipment.GetProperty("promisedBy").GetString());
        Assert.Equal(2000, shipment.GetProperty("plan").GetProperty("corridorWidthM").GetDouble());
        Assert.Equal(2, shipment.GetProperty("plan").GetProperty("route").GetProperty("coordinates").GetArrayLength());
    }

    [Fact]
    public async Task Put_StopsAndDestinationFacility_AreKeptInOrder()
    {
        var tn = NewId("STP");
        var plan = Plan();
        plan["destinationFacilityId"] = "DUI-1";
        plan["stops"] = JsonNode.Parse("""
            [{"facilityId": "EIN-1", "location": {"lat": 51.44, "lon": 5.47}, "dwellMinutes": 20},
             {"location": {"lat": 51.6, "lon": 6.1}}]
            """);

        Assert.Equal(HttpStatusCode.Created, (await _carrier.PutAsJsonAsync($"/api/shipments/{tn}", plan, Ct)).StatusCode);

        var read = (await (await _carrier.GetAsync($"/api/shipments/{tn}", Ct)).Json()).GetProperty("plan");
        Assert.Equal("DUI-1", read.GetProperty("destinationFacilityId").GetString());
        var stops = read.GetProperty("stops").EnumerateArray().ToList();
        Assert.Equal(2, stops.Count);
        Assert.Equal("EIN-1", stops[0].GetProperty("facilityId").GetString());
        Assert.Equal(20, stops[0].GetProperty("dwellMinutes").GetDouble());
        Assert.Equal(5.47, stops[0].GetProperty("location").GetProperty("lon").GetDouble());
        Assert.Equal(JsonValueKind.Null, stops[1].GetProperty("dwellMinutes").ValueKind);
    }

    [Theory]
    [InlineData("destinationRadiusM", "-5", "destinationRadiusM")]
    [InlineData("corridorWidthM", "0", "corridorWidthM")]
    [InlineData("origin", """{"lat": 95, "lon": 4}""", "origin")]
    [InlineData("route", """{"type": "Point", "coordinates": [4, 51]}""", "route")]
    [InlineData("route", """{"type": "LineString", "coordinates": [[4, 51]]}""", "route.coordinates")]
    [InlineData("route", """{"type": "LineString", "coordinates": [[4, 51], [200, 51]]}""", "route.coordinates[1]")]
    [InlineData("promisedBy", "\"tomorrow\"", "promisedBy")]
    [InlineData("promisedBy", "\"9999-12-31T23:59:59.9999999Z\"", "promisedBy")]
    [InlineData("promisedBy", "\"0001-01-01T00:00:00Z\"", "promisedBy")]
    [InlineData("destination", "\"Duisburg\"", "destination")]
    [InlineData("stops", """[{"facilityId": "AMS-1", "dwellMinutes": 20}]""", "stops[0].location")]
    [InlineData("stops", """[{"location": {"lat": 52.3, "lon": 4.9}, "dwellMinutes": -1}]""", "stops[0].dwellMinutes")]
    [InlineData("stops", """[{"location": {"lat": 52.3, "lon": 4.9}, "dwellMinutes": 1441}]""", "stops[0].dwellMinutes")]
    [InlineData("stops", """[{"location": {"lat": 52.3, "lon": 4.9}}, {"location": {"lat": 91, "lon": 4.9}}]""", "stops[1].location")]
    [InlineData("stops", """[{"location": {"lat": 52.3, "lon": 4.9}, "facilityId": "AMS/1"}]""", "stops[0].facilityId")]
    [InlineData("stops", """[null]""", "stops[0]")]
    [InlineData("stops", """{"location": {"lat": 52.3, "lon": 4.9}}""", "stops")]
    [InlineData("destinationFacilityId", "\"has space\"", "destinationFacilityId")]
    public async Task Put_BadPlan_ProblemNamesTheField(string field, string json, string named)
    {
        var plan = Plan();
        plan[field] = JsonNode.Parse(json);

        var response = await _carrier.PutAsJsonAsync($"/api/shipments/{NewId("BPL")}", plan, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_NotJson_BadRequest()
    {
        var response = await _carrier.PutAsync($"/api/shipments/{NewId("NJS")}", Content("{oops", "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Put_WithoutKey_Unauthorized() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.PutAsJsonAsync($"/api/shipments/{NewId("ANO")}", Plan(), Ct)).StatusCode);

    [Fact]
    public async Task Get_UnknownShipment_NotFoundProblem()
    {
        var response = await _anonymous.GetAsync($"/api/shipments/{NewId("UNK")}", Ct);
        var events = await _anonymous.GetAsync($"/api/shipments/{NewId("UNK")}/events", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
    }

    [Fact]
    public async Task Events_DeliveredShipment_StructuredCloudEventsOldestFirstWithDerivedIds()
    {
        var tn = NewId("EVT");
        var t0 = Now.AddHours(-5);
        await _carrier.PostAsync("/api/events", Batch(
            Scan(tn, "PickedUp", t0, id: "s1"), Scan(tn, "OutForDelivery", t0.AddHours(2), id: "s2"), Scan(tn, "Delivered", t0.AddHours(4), id: "s3")), Ct);

        var events = await Eventually.Until(
            async () => await (await _anonymous.GetAsync($"/api/shipments/{tn}/events", Ct)).Json(),
            e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 7,
            "seven outbound events");

        // Each scan's milestone first, then the status it set.
        var list = events.EnumerateArray().ToList();
        Assert.Equal(
            [
                "SupplyChain.MilestoneReached", "SupplyChain.ShipmentStatusChanged",
                "SupplyChain.MilestoneReached", "SupplyChain.ShipmentStatusChanged",
                "SupplyChain.MilestoneReached", "SupplyChain.ShipmentStatusChanged", "SupplyChain.Delivered",
            ],
            list.Select(e => e.GetProperty("type").GetString()));
        Assert.All(list, e =>
        {
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal($"/supplychain/shipments/{tn}", e.GetProperty("source").GetString());
            Assert.Equal(tn, e.GetProperty("subject").GetString());
        });
        Assert.Equal(t0.AddHours(4), list[6].GetProperty("time").GetDateTimeOffset());
        Assert.Equal(t0.AddHours(2), list[2].GetProperty("time").GetDateTimeOffset());
        Assert.Equal("OutForDelivery", list[2].GetProperty("data").GetProperty("scanType").GetString());
        Assert.Equal("Delivered", list[5].GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("OutForDelivery", list[5].GetProperty("data").GetProperty("previousStatus").GetString());
        Assert.Equal(7, list.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var shipment = await (await _anonymous.GetAsync($"/api/shipments/{tn}", Ct)).Json();
        Assert.Equal("SupplyChain.Delivered", shipment.GetProperty("alerts")[0].GetProperty("type").GetString());
        Assert.Equal(list[6].GetProperty("id").GetString(), shipment.GetProperty("alerts")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Scans_OutOfOrder_StatusNeverMovesBackwards()
    {
        var tn = NewId("OOO");
        var t0 = Now.AddHours(-5);
        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "OutForDelivery", t0.AddHours(3))), Ct);
        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "ArrivedAtFacility", t0.AddHours(1))), Ct);
        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "LabelCreated", t0)), Ct);

        var shipment = await Eventually.Until(
            async () => await (await _anonymous.GetAsync($"/api/shipments/{tn}", Ct)).Json(),
            s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("milestones", out var m) && m.GetArrayLength() == 3,
            "three milestones");

        Assert.Equal("OutForDelivery", shipment.GetProperty("status").GetString());
        Assert.Equal(
            ["LabelCreated", "ArrivedAtFacility", "OutForDelivery"],
            shipment.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("scanType").GetString()));
    }

    [Fact]
    public async Task ReasonCodesAndProofOfDelivery_KeptOnTheMilestones_ProofShownToTheOwnerOnly()
    {
        var tn = NewId("POD");
        var t0 = Now.AddHours(-5);
        var attempt = Scan(tn, "DeliveryAttempted", t0);
        attempt["data"]!["reasonCode"] = "RecipientUnavailable";
        var delivered = Scan(tn, "Delivered", t0.AddHours(2));
        delivered["data"]!["proofOfDelivery"] = new JsonObject { ["signedBy"] = "J. Smit", ["photoUrl"] = "https://pod.example.com/p/1.jpg" };
        Assert.Equal(HttpStatusCode.Accepted, (await _carrier.PostAsync("/api/events", Structured(attempt), Ct)).StatusCode);

        var held = await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/shipments/{tn}", Ct)).Json(),
            s => s.TryGetProperty("milestones", out _) && s.GetProperty("status").GetString() == "AttemptFail",
            "the failed attempt");
        Assert.Equal("RecipientUnavailable", held.GetProperty("statusReason").GetString());
        Assert.Equal("RecipientUnavailable", held.GetProperty("milestones")[0].GetProperty("reasonCode").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await _carrier.PostAsync("/api/events", Structured(delivered), Ct)).StatusCode);
        var owner = await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/shipments/{tn}", Ct)).Json(),
            s => s.GetProperty("status").GetString() == "Delivered",
            "the delivery");
        var proof = owner.GetProperty("milestones")[1].GetProperty("proofOfDelivery");
        Assert.Equal("J. Smit", proof.GetProperty("signedBy").GetString());
        Assert.Equal("https://pod.example.com/p/1.jpg", proof.GetProperty("photoUrl").GetString());
        Assert.False(owner.TryGetProperty("statusReason", out _));

        var stranger = await (await _anonymous.GetAsync($"/api/shipments/{tn}", Ct)).Json();
        Assert.Equal("Delivered", stranger.GetProperty("status").GetString());
        Assert.False(stranger.GetProperty("milestones")[1].TryGetProperty("proofOfDelivery", out _));
        Assert.Equal("RecipientUnavailable", stranger.GetProperty("milestones")[0].GetProperty("reasonCode").GetString());
    }

    [Fact]
    public async Task LoadedOnVehicle_VehiclePings_BecomeTheShipmentsLocation()
    {
        var tn = NewId("LOD");
        var truck = NewId("TRK");
        var t0 = Now.AddHours(-2);
        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "LoadedOnVehicle", t0, vehicleId: truck)), Ct);
        await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/vehicles/{truck}", Ct)).Json(),
            v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("shipments", out var s) && s.GetArrayLength() == 1,
            "the truck carries the shipment");

        await _carrier.PostAsync("/api/events", Structured(Ping(truck, 51.80, 5.00, t0.AddMinutes(30))), Ct);

        var shipment = await Eventually.Until(
            async () => await (await _anonymous.GetAsync($"/api/shipments/{tn}", Ct)).Json(),
            s => s.GetProperty("location").GetProperty("lat").GetDouble() == 51.80,
            "the shipment at the truck's position");
        Assert.Equal(truck, shipment.GetProperty("vehicleId").GetString());

        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "UnloadedFromVehicle", t0.AddMinutes(40))), Ct);
        var truckAfter = await Eventually.Until(
            async () => await (await _carrier.GetAsync($"/api/vehicles/{truck}", Ct)).Json(),
            v => v.GetProperty("shipments").GetArrayLength() == 0,
            "the truck no longer carries it");
        Assert.Equal(0, truckAfter.GetProperty("shipments").GetArrayLength());
    }
}
