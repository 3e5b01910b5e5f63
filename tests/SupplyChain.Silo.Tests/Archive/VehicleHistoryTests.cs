using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Archive.Storage;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Archive;

/// <summary>A vehicle's archived outbound events over HTTP (GET /api/vehicles/{id}/history): content, span, permissions, bad queries.</summary>
public sealed class VehicleHistoryTests(TrackHistoryFixture fixture) : IClassFixture<TrackHistoryFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Hour = ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-4));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task History_HoldsTheVehiclesOwnEventsOfTheSpan_ForItsAccountAndOpsOnly()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var vehicle = CloudEvents.NewId("HIST-V");
        var other = CloudEvents.NewId("HIST-O");
        // Five minutes on the road, then fifteen standing still: one NoMovementDetected; the other truck only drives.
        await PostAsync(carrier, [
            .. Enumerable.Range(0, 5).Select(i => CloudEvents.Ping(vehicle, 52.0 + (i * 0.01), 5.0, Hour.AddMinutes(10 + i))),
            .. Enumerable.Range(0, 16).Select(i => CloudEvents.Ping(vehicle, 52.04, 5.0, Hour.AddMinutes(15 + i), speedKmh: 0)),
            .. Enumerable.Range(0, 20).Select(i => CloudEvents.Ping(other, 52.5 + (i * 0.01), 5.5, Hour.AddMinutes(10 + i)))]);

        var query = $"/api/vehicles/{vehicle}/history?from={Iso(Hour)}&to={Iso(Hour.AddHours(1))}";
        var events = await Eventually.Until(
            async () => JsonNode.Parse(await GetStringAsync(carrier, query, HttpStatusCode.OK))!.AsArray(),
            e => e.Count > 0, "the stop in the vehicle's history", Deadline);
        var stop = Assert.Single(events)!;
        Assert.Equal("SupplyChain.NoMovementDetected", (string)stop["type"]!);
        Assert.Equal($"/supplychain/vehicles/{vehicle}", (string)stop["source"]!);
        Assert.Equal(vehicle, (string)stop["subject"]!);
        Assert.Equal("1.0", (string)stop["specversion"]!);
        Assert.Equal(vehicle, (string)stop["data"]!["vehicleId"]!);
        var at = DateTimeOffset.Parse((string)stop["time"]!, CultureInfo.InvariantCulture);
        // The stop began with the last moving ping (minute 14) and is reported once it has lasted the ten-minute window.
        Assert.InRange(at, Hour.AddMinutes(24), Hour.AddMinutes(30));

        // A span that ends before the stop holds nothing; the other truck never stopped.
        Assert.Empty(JsonNode.Parse(await GetStringAsync(carrier, $"/api/vehicles/{vehicle}/history?from={Iso(Hour)}&to={Iso(Hour.AddMinutes(20))}", HttpStatusCode.OK))!.AsArray());
        Assert.Empty(JsonNode.Parse(await GetStringAsync(carrier, $"/api/vehicles/{other}/history?from={Iso(Hour)}&to={Iso(Hour.AddHours(1))}", HttpStatusCode.OK))!.AsArray());

        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        Assert.Single(JsonNode.Parse(await GetStringAsync(admin, query, HttpStatusCode.OK))!.AsArray());
        using var otherCarrier = fixture.Silo.Client(RunningSilo.AcmeKey);
        Assert.Equal("Unknown vehicle", (string)JsonNode.Parse(await GetStringAsync(otherCarrier, query, HttpStatusCode.NotFound))!["title"]!);
        using var stranger = fixture.Silo.Client();
        await GetStringAsync(stranger, query, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "before")]
    [InlineData("?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:01Z", "24 hours")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-12-01T00:00:00", "to")]
    public async Task BadRanges_Are400ProblemDetails_SayingWhatIsWrong(string query, string named)
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var problem = JsonNode.Parse(await GetStringAsync(carrier, $"/api/vehicles/TRUCK-1/history{query}", HttpStatusCode.BadRequest))!;
        Assert.Contains(named, (string)problem["detail"]!, StringComparison.Ordinal);
        await GetStringAsync(carrier, "/api/vehicles/bad%20id/history", HttpStatusCode.BadRequest);
    }

    private static async Task PostAsync(HttpClient client, JsonNode[] events)
    {
        using var response = await client.PostAsync("/api/events", CloudEvents.Batch(events), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<string> GetStringAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"GET {path}: {(int)response.StatusCode} {body}");
        if (status != HttpStatusCode.OK && status != HttpStatusCode.Unauthorized)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return body;
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
