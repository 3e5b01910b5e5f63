using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Shipments;

/// <summary>
/// Two customers' parcels on one truck that drives into a restricted zone: each customer, reading
/// without a key, sees their own parcel only: no other tracking number, no fence id, no driver's note,
/// positions at about 1 km. The carrier's key sees everything.
/// </summary>
public sealed class ConsigneeViewTests(SiloFixture fixture)
{
    private static readonly string Zone = GeoJson.Box(20.0, 10.0, 20.02, 10.02, "Restricted");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousReaders_SeeTheirOwnParcelOnly_AtCoarsePrecision()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        using var anonymous = fixture.Silo.Client();
        var (mine, theirs, truck, fence) = (NewId("MINE"), NewId("THEIRS"), NewId("TRUCK"), NewId("secret-zone"));
        Assert.True((await admin.PutAsync($"/api/geofences/{fence}", Content(Zone, "application/geo+json"), Ct)).IsSuccessStatusCode);
        try
        {
            var loaded = Scan(mine, "LoadedOnVehicle", Now.AddMinutes(-20), vehicleId: truck, lat: 9.98, lon: 19.98);
            ((JsonObject)loaded["data"]!)["note"] = "gate code 4711, leave at the back door";
            await Post(carrier, loaded, Scan(theirs, "LoadedOnVehicle", Now.AddMinutes(-20), vehicleId: truck, lat: 9.98, lon: 19.98));
            await Eventually.Until(() => Json(carrier, $"/api/vehicles/{truck}"), v => v?.GetProperty("shipments").GetArrayLength() == 2, "both parcels on board");
            // About 5 km in 14 minutes: a plausible drive into the zone.
            await Post(carrier, Ping(truck, 9.98123, 19.98456, Now.AddMinutes(-19)), Ping(truck, 10.01234, 20.01567, Now.AddMinutes(-5)));

            var full = await Eventually.Until(
                () => Json(carrier, $"/api/shipments/{mine}"),
                s => s?.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("type").GetString() == "SupplyChain.GeofenceBreached") == true
                    && s.Value.GetProperty("location").GetProperty("lat").GetDouble() == 10.01234,
                "the breach and the last fix, with the key");
            var breach = full!.Value.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("type").GetString() == "SupplyChain.GeofenceBreached");
            Assert.Contains(theirs, breach.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("gate code", full.Value.GetRawText(), StringComparison.Ordinal);

            var shown = (await Json(anonymous, $"/api/shipments/{mine}"))!.Value;
            var events = (await Json(anonymous, $"/api/shipments/{mine}/events"))!.Value;
            foreach (var text in new[] { shown.GetRawText(), events.GetRawText() })
            {
                Assert.DoesNotContain(theirs, text, StringComparison.Ordinal);
                Assert.DoesNotContain(fence, text, StringComparison.Ordinal);
                Assert.DoesNotContain("gate code", text, StringComparison.Ordinal);
                Assert.DoesNotContain("GeofenceBreached", text, StringComparison.Ordinal);
            }

            Assert.Equal(10.01, shown.GetProperty("location").GetProperty("lat").GetDouble());
            Assert.Equal(20.02, shown.GetProperty("location").GetProperty("lon").GetDouble());
            Assert.Equal("LoadedOnVehicle", shown.GetProperty("milestones")[0].GetProperty("scanType").GetString());
            Assert.Equal(JsonValueKind.Null, shown.GetProperty("milestones")[0].GetProperty("note").ValueKind);
            Assert.Contains(events.EnumerateArray(), e => e.GetProperty("type").GetString() == "SupplyChain.ShipmentStatusChanged");
        }
        finally
        {
            await admin.DeleteAsync($"/api/geofences/{fence}", Ct);
        }
    }

    [Fact]
    public async Task MilestonesAndArrivals_NameTheirFacility_ToTheOwnerOnly()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        using var anonymous = fixture.Silo.Client();
        var (tn, truck, hub, depot) = (NewId("MS"), NewId("MSTRUCK"), NewId("HUB"), NewId("DEPOT"));
        // 50 km north at 60 km/h: 35 km on, the estimate is 15 minutes away, inside the arriving-soon window.
        var plan = $$"""
            { "carrierId": "ACME", "origin": {"lat": 10.0, "lon": 20.0}, "destination": {"lat": 10.45, "lon": 20.0},
              "destinationFacilityId": "{{depot}}",
              "route": {"type": "LineString", "coordinates": [[20.0, 10.0], [20.0, 10.45]]}, "corridorWidthM": 1000 }
            """;
        Assert.Equal(System.Net.HttpStatusCode.Created, (await carrier.PutAsync($"/api/shipments/{tn}", Content(plan, "application/json"), Ct)).StatusCode);
        var loaded = Scan(tn, "LoadedOnVehicle", Now.AddMinutes(-60), vehicleId: truck, lat: 10.0123, lon: 20.0456);
        ((JsonObject)loaded["data"]!)["facilityId"] = hub;
        await Post(carrier, loaded);
        await Eventually.Until(() => Json(carrier, $"/api/vehicles/{truck}"), v => v?.GetProperty("shipments").GetArrayLength() == 1, "the parcel on board");
        await Post(carrier, Ping(truck, 10.0, 20.0, Now.AddMinutes(-50), speedKmh: 60), Ping(truck, 10.3148, 20.0, Now.AddMinutes(-15), speedKmh: 60));

        var owners = await Eventually.Until(
            () => Json(carrier, $"/api/shipments/{tn}/events"), e => e is { } all && Of(all, "SupplyChain.ArrivingSoon") is not null, "arriving soon, with the key");
        Assert.Equal(depot, Of(owners!.Value, "SupplyChain.ArrivingSoon")!.Value.GetProperty("data").GetProperty("facilityId").GetString());
        var ownersMilestone = Of(owners.Value, "SupplyChain.MilestoneReached")!.Value.GetProperty("data");
        Assert.Equal(hub, ownersMilestone.GetProperty("facilityId").GetString());
        Assert.Equal(10.0123, ownersMilestone.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal(truck, ownersMilestone.GetProperty("vehicleId").GetString());

        var events = (await Json(anonymous, $"/api/shipments/{tn}/events"))!.Value;
        var live = await LiveUntil(anonymous, tn, "SupplyChain.ArrivingSoon");
        foreach (var text in new[] { events.GetRawText(), live })
        {
            Assert.DoesNotContain(hub, text, StringComparison.Ordinal);
            Assert.DoesNotContain(depot, text, StringComparison.Ordinal);
        }

        var milestone = Of(events, "SupplyChain.MilestoneReached")!.Value.GetProperty("data");
        Assert.Equal("LoadedOnVehicle", milestone.GetProperty("scanType").GetString());
        Assert.Equal("InTransit", milestone.GetProperty("status").GetString());
        Assert.False(milestone.TryGetProperty("facilityId", out _));
        Assert.Equal(10.0, milestone.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal(20.0, milestone.GetProperty("location").GetProperty("lon").GetDouble());
        Assert.False(Of(events, "SupplyChain.ArrivingSoon")!.Value.GetProperty("data").TryGetProperty("facilityId", out _));
        Assert.Contains("SupplyChain.MilestoneReached", live, StringComparison.Ordinal);
    }

    /// <summary>The first event of <paramref name="type"/> in a list of CloudEvents, or null.</summary>
    private static JsonElement? Of(JsonElement events, string type) =>
        events.EnumerateArray().Where(e => e.GetProperty("type").GetString() == type).Select(e => (JsonElement?)e).FirstOrDefault();

    /// <summary>The live feed's text up to and including the first event of <paramref name="type"/> (the stored events come first).</summary>
    private static async Task<string> LiveUntil(HttpClient client, string tn, string type)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync($"/api/shipments/{tn}/live", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var text = new System.Text.StringBuilder();
        var seen = false;
        // An SSE item ends at an empty line; the one of the type asked for is read whole.
        while (await reader.ReadLineAsync(deadline.Token) is { } line && !(seen && line.Length == 0))
        {
            text.AppendLine(line);
            seen |= line == "event: " + type;
        }

        return text.ToString();
    }

    private static async Task Post(HttpClient client, params JsonNode[] events) =>
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Batch(events), Ct)).StatusCode);

    private static async Task<JsonElement?> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone() : null;
    }
}
