using System.Net;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Ingestion;

public sealed class EventsApiTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private readonly HttpClient _anonymous = fixture.Silo.Client();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_StructuredScan_AcceptedAndShipmentShowsIt()
    {
        var tn = NewId("STR");

        var response = await _carrier.PostAsync("/api/events", Structured(Scan(tn, "PickedUp")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await response.Json()).GetProperty("accepted").GetInt32());
        var shipment = await ShipmentWhen(tn, s => s.GetProperty("milestones").GetArrayLength() == 1);
        Assert.Equal("InTransit", shipment.GetProperty("status").GetString());
        Assert.Equal("PickedUp", shipment.GetProperty("statusDetail").GetString());
    }

    [Fact]
    public async Task Post_BatchOfPings_AcceptsEveryEvent()
    {
        var vehicle = NewId("BAT");
        var t0 = Now.AddMinutes(-20);

        var response = await _carrier.PostAsync("/api/events", Batch(
            Ping(vehicle, 51.90, 4.40, t0), Ping(vehicle, 51.91, 4.41, t0.AddMinutes(1)), Ping(vehicle, 51.92, 4.42, t0.AddMinutes(2))), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Json()).GetProperty("accepted").GetInt32());
        var v = await VehicleWhen(vehicle, v => v.GetProperty("location").GetProperty("lat").GetDouble() == 51.92);
        Assert.Equal(4.42, v.GetProperty("location").GetProperty("lon").GetDouble());
    }

    [Fact]
    public async Task Post_BinaryPing_Accepted()
    {
        var vehicle = NewId("BIN");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = Content($$"""{"vehicleId":"{{vehicle}}","lat":52.37,"lon":4.89,"speedKmh":30}""", "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "bin-1");
        request.Headers.Add("ce-source", "/carriers/acme/devices/gps");
        request.Headers.Add("ce-type", "SupplyChain.GpsPing");
        request.Headers.Add("ce-time", Now.AddMinutes(-1).ToString("O"));
        request.Headers.Add("ce-subject", vehicle);

        var response = await _carrier.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var v = await VehicleWhen(vehicle, v => v.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object);
        Assert.Equal(52.37, v.GetProperty("location").GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task Post_SameEventRetried_AcceptedAgainAndAppliedOnce()
    {
        var tn = NewId("DUP");
        var scan = Scan(tn, "PickedUp", id: "retry-1");

        var first = await _carrier.PostAsync("/api/events", Structured(scan), Ct);
        var second = await _carrier.PostAsync("/api/events", Structured(scan), Ct);
        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "ArrivedAtFacility", Now.AddMinutes(-10))), Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var shipment = await ShipmentWhen(tn, s => s.GetProperty("statusDetail").GetString() == "ArrivedAtFacility");
        Assert.Equal(2, shipment.GetProperty("milestones").GetArrayLength());
        var events = await (await _anonymous.GetAsync($"/api/shipments/{tn}/events", Ct)).Json();
        // The first scan's milestone and status change, the second scan's milestone: nothing for the copy.
        Assert.Equal(
            ["SupplyChain.MilestoneReached", "SupplyChain.ShipmentStatusChanged", "SupplyChain.MilestoneReached"],
            events.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Post_BatchWithOneBadEvent_AcceptsNothing()
    {
        var tn = NewId("AON");
        var bad = Scan(tn, "Teleported");

        var response = await _carrier.PostAsync("/api/events", Batch(Scan(tn, "PickedUp", Now.AddMinutes(-40)), bad), Ct);
        await _carrier.PostAsync("/api/events", Structured(Scan(tn, "ArrivedAtFacility", Now.AddMinutes(-20))), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var shipment = await ShipmentWhen(tn, s => s.GetProperty("milestones").GetArrayLength() > 0);
        Assert.Equal("ArrivedAtFacility", Assert.Single(shipment.GetProperty("milestones").EnumerateArray()).GetProperty("scanType").GetString());
    }

    [Fact]
    public async Task Post_BadBatch_ProblemListsEveryBadEventByIndex()
    {
        var tn = NewId("IDX");
        var noTime = Scan(tn, "PickedUp", id: "no-time");
        noTime.Remove("time");

        var response = await _carrier.PostAsync("/api/events", Batch(Scan(tn, "PickedUp"), noTime, Ping("V", 95, 4), Scan(tn, "Delivered")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Json()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([1, 2], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal("no-time", errors[0].GetProperty("id").GetString());
        Assert.Contains("time", errors[0].GetProperty("message").GetString());
        Assert.Contains("lat", errors[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_AdminKey_MayPostForAnySource()
    {
        var response = await _admin.PostAsync("/api/events", Structured(Scan(NewId("ADM"), "PickedUp", source: "/anyone")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_CarrierForItsOwnSourcePrefix_Accepted()
    {
        using var acme = fixture.Silo.Client(RunningSilo.AcmeKey);

        var response = await acme.PostAsync("/api/events", Structured(Scan(NewId("OWN"), "PickedUp", source: RunningSilo.AcmeSourcePrefix + "rtm")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<JsonElement> ShipmentWhen(string trackingNumber, Func<JsonElement, bool> done) =>
        await Eventually.Until(
            async () =>
            {
                var response = await _anonymous.GetAsync($"/api/shipments/{trackingNumber}", Ct);
                return response.StatusCode == HttpStatusCode.OK ? await response.Json() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && done(s),
            $"shipment {trackingNumber}");

    private async Task<JsonElement> VehicleWhen(string vehicleId, Func<JsonElement, bool> done) =>
        await Eventually.Until(
            async () =>
            {
                var response = await _carrier.GetAsync($"/api/vehicles/{vehicleId}", Ct);
                return response.StatusCode == HttpStatusCode.OK ? await response.Json() : default;
            },
            v => v.ValueKind == JsonValueKind.Object && done(v),
            $"vehicle {vehicleId}");
}
