using System.Net;
using System.Text.Json;
using SupplyChain.Silo.Tests.Infrastructure;
using static SupplyChain.Testing.CloudEvents;

namespace SupplyChain.Silo.Tests.Vehicles;

public sealed class VehiclesApiTests(SiloFixture fixture)
{
    private readonly HttpClient _carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
    private readonly HttpClient _admin = fixture.Silo.Client(RunningSilo.AdminKey);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_UnknownVehicle_NotFoundProblem()
    {
        var response = await _carrier.GetAsync($"/api/vehicles/{NewId("NOV")}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_VehicleWithoutKey_Unauthorized() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Silo.Client().GetAsync("/api/vehicles/ANY", Ct)).StatusCode);

    [Fact]
    public async Task List_AsCarrier_Forbidden()
    {
        var response = await _carrier.GetAsync("/api/vehicles", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_AsAdmin_HasEveryReportingVehicleAtItsLatestPosition()
    {
        var a = NewId("LSA");
        var b = NewId("LSB");
        var t0 = Now.AddMinutes(-20);
        await _carrier.PostAsync("/api/events", Batch(Ping(a, 51.0, 4.0, t0), Ping(b, 52.0, 5.0, t0), Ping(a, 51.01, 4.01, t0.AddMinutes(1))), Ct);

        var list = await Eventually.Until(
            async () => await (await _admin.GetAsync("/api/vehicles", Ct)).Json(),
            l => l.EnumerateArray().Count(v => v.GetProperty("vehicleId").GetString() is { } id && (id == a || id == b)) == 2
                && l.EnumerateArray().Any(v => v.GetProperty("vehicleId").GetString() == a && v.GetProperty("location").GetProperty("lat").GetDouble() == 51.01),
            "both vehicles listed");

        var vehicleB = list.EnumerateArray().Single(v => v.GetProperty("vehicleId").GetString() == b);
        Assert.Equal(5.0, vehicleB.GetProperty("location").GetProperty("lon").GetDouble());
    }

    [Fact]
    public async Task Pings_Implausible_IgnoredAndCountedByReason()
    {
        var truck = NewId("IMP");
        var t0 = Now.AddMinutes(-30);
        var first = Ping(truck, 51.9, 4.4, t0, id: "p1");
        await _carrier.PostAsync("/api/events", Batch(
            first,
            Ping(truck, 51.91, 4.41, t0.AddMinutes(-1)),
            Ping(truck, 48.85, 2.35, t0.AddMinutes(1)),
            first,
            Ping(truck, 51.92, 4.42, t0.AddMinutes(2))), Ct);
        var inaccurate = Ping(truck, 51.93, 4.43, t0.AddMinutes(3));
        inaccurate["data"]!["accuracyM"] = 500;
        await _carrier.PostAsync("/api/events", Structured(inaccurate), Ct);
        await _carrier.PostAsync("/api/events", Structured(Ping(truck, 51.94, 4.44, t0.AddMinutes(4))), Ct);

        var vehicle = await Eventually.Until(
            async () => await _carrier.GetAsync($"/api/vehicles/{truck}", Ct) is { StatusCode: HttpStatusCode.OK } r ? await r.Json() : default,
            v => v.ValueKind == JsonValueKind.Object && v.GetProperty("location").GetProperty("lat").GetDouble() == 51.94,
            "the last plausible fix");

        var ignored = vehicle.GetProperty("ignoredPings");
        Assert.Equal(1, ignored.GetProperty("stale").GetInt64());
        Assert.Equal(1, ignored.GetProperty("jump").GetInt64());
        Assert.Equal(1, ignored.GetProperty("duplicate").GetInt64());
        Assert.Equal(1, ignored.GetProperty("inaccurate").GetInt64());
    }
}
