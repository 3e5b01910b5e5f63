using System.Net;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Geofences;

public sealed class GeofencesApiTests(SiloFixture fixture)
{
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Square = GeoJson.Box(4.0, 51.8, 4.2, 51.9, name: "Rotterdam port");

    private Task<HttpResponseMessage> Put(string id, string feature) =>
        _admin.PutAsync($"/api/geofences/{id}", Content(feature, "application/geo+json"), Ct);

    [Fact]
    public async Task Put_Get_List_Delete_RoundTrip()
    {
        var id = NewId("zone");

        var created = await Put(id, Square);
        var replaced = await Put(id, Square.Replace("Zone", "Depot", StringComparison.Ordinal));
        var one = await (await _admin.GetAsync($"/api/geofences/{id}", Ct)).Json();
        var all = await (await _admin.GetAsync("/api/geofences", Ct)).Json();
        var deleted = await _admin.DeleteAsync($"/api/geofences/{id}", Ct);
        var gone = await _admin.GetAsync($"/api/geofences/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Depot", one.GetProperty("properties").GetProperty("kind").GetString());
        Assert.Equal("Rotterdam port", one.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("FeatureCollection", all.GetProperty("type").GetString());
        Assert.Contains(all.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    public static TheoryData<string, string, string> BadFences => new()
    {
        { "not JSON", "{oops", "InvalidJson" },
        { "unknown kind", Square.Replace("Zone", "Forbidden", StringComparison.Ordinal), "UnknownKind" },
        { "missing kind", Square.Replace("\"kind\":\"Zone\",", "", StringComparison.Ordinal), "MissingKind" },
        { "self-intersecting", """{"type":"Feature","properties":{"kind":"Zone"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}""", "SelfIntersection" },
        { "circle without radius", """{"type":"Feature","properties":{"kind":"Depot"},"geometry":{"type":"Point","coordinates":[4.4,51.9]}}""", "InvalidRadius" },
        { "negative radius", """{"type":"Feature","properties":{"kind":"Depot","radiusM":-5},"geometry":{"type":"Point","coordinates":[4.4,51.9]}}""", "InvalidRadius" },
        { "corridor without width", """{"type":"Feature","properties":{"kind":"Zone"},"geometry":{"type":"LineString","coordinates":[[4.4,51.9],[4.5,51.9]]}}""", "InvalidWidth" },
        { "unsupported geometry", """{"type":"Feature","properties":{"kind":"Zone"},"geometry":{"type":"MultiPoint","coordinates":[[4.4,51.9]]}}""", "UnsupportedGeometry" },
        { "coordinates out of range", Square.Replace("51.9]", "91.9]", StringComparison.Ordinal), "CoordinatesOutOfRange" },
    };

    [Theory]
    [MemberData(nameof(BadFences))]
    public async Task Put_BadFence_ProblemWithItsReason(string name, string feature, string code)
    {
        var response = await Put(NewId("bad"), feature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), name);
    }

    [Fact]
    public async Task Put_TooManyVertices_BadRequest()
    {
        await using var silo = await RunningSilo.StartAsync("Development", "--SupplyChain:Tracking:MaxGeofenceVertices=4");

        var response = await silo.Client(RunningSilo.AdminKey).PutAsync("/api/geofences/big", Content(Square, "application/geo+json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TooManyVertices", (await response.Json()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_ReservedRouteId_BadRequest() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await Put("route", Square)).StatusCode);

    [Fact]
    public async Task Geofences_AsCarrier_Forbidden() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Silo.Client(RunningSilo.CarrierKey).GetAsync("/api/geofences", Ct)).StatusCode);

    [Fact]
    public async Task Vehicle_InsideAFence_ListsIt()
    {
        var id = NewId("zone");
        var truck = NewId("GEO");
        await Put(id, Square);

        await fixture.Silo.Client(RunningSilo.CarrierKey).PostAsync("/api/events", Structured(Ping(truck, 51.85, 4.1)), Ct);

        var vehicle = await Eventually.Until(
            async () => await fixture.Silo.Client(RunningSilo.CarrierKey).GetAsync($"/api/vehicles/{truck}", Ct) is { StatusCode: HttpStatusCode.OK } r ? await r.Json() : default,
            v => v.ValueKind == JsonValueKind.Object,
            "the vehicle");
        Assert.Contains(id, vehicle.GetProperty("insideGeofences").EnumerateArray().Select(g => g.GetString()));
    }
}
