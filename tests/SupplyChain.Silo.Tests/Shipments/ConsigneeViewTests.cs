using System.Text.Json;
using System.Text.Json.Nodes;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Silo.Tests.Infrastructure.CloudEvents;

namespace SupplyChain.Silo.Tests.Shipments;

/// <summary>
/// Two customers' parcels on one truck that drives into a restricted zone: each customer, reading
/// without a key, sees their own parcel only: no other tracking number, no fence id, no driver's note,
/// positions at about 1 km. The carrier's key sees everything.
/// </summary>
public sealed class ConsigneeViewTests(SiloFixture fixture)
{
    private const string Zone = """
        {"type":"Feature","properties":{"kind":"Restricted"},
         "geometry":{"type":"Polygon","coordinates":[[[20.0,10.0],[20.02,10.0],[20.02,10.02],[20.0,10.02],[20.0,10.0]]]}}
        """;

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

    private static async Task Post(HttpClient client, params JsonNode[] events) =>
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Batch(events), Ct)).StatusCode);

    private static async Task<JsonElement?> Json(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone() : null;
    }
}
