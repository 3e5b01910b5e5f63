using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Archive;

/// <summary>Track history over HTTP from a real silo's archive: formats, the index, late events, permissions and bad queries.</summary>
public sealed class TrackHistoryTests(TrackHistoryFixture fixture) : IClassFixture<TrackHistoryFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The start of an hour three hours ago: ended, so the silo indexes it.</summary>
    private static readonly DateTimeOffset Hour = ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-3));

    [Fact]
    public async Task VehicleTrack_ComesFromTheIndex_InEachFormat_WithLateEventsToo()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var vehicle = CloudEvents.NewId("TRK-V");
        var other = CloudEvents.NewId("TRK-O");
        // Pings across an hour boundary, another vehicle's between them.
        var times = Enumerable.Range(0, 12).Select(i => Hour.AddMinutes(50 + (i * 2))).ToList();
        await PostAsync(carrier, [
            .. times.Select((t, i) => CloudEvents.Ping(vehicle, 51.9 + (i * 0.002), 4.4, t)),
            .. times.Select(t => CloudEvents.Ping(other, 52.5, 5.5, t))]);
        // Five pings fall in the first hour, seven in the second: both hours' indexes come to hold them.
        await Eventually.Until(() => IndexedPointsAsync(Hour, vehicle), n => n == 5, "the first hour indexed", Deadline);
        await Eventually.Until(() => IndexedPointsAsync(Hour.AddHours(1), vehicle), n => n == 7, "the second hour indexed", Deadline);

        var query = $"/api/vehicles/{vehicle}/track?from={Iso(Hour)}&to={Iso(Hour.AddHours(2))}";
        var geo = JsonNode.Parse(await GetStringAsync(carrier, query, HttpStatusCode.OK, "application/geo+json"))!;
        var line = geo["features"]![0]!;
        Assert.Equal("LineString", (string)line["geometry"]!["type"]!);
        Assert.Equal(times.Select((_, i) => 51.9 + (i * 0.002)), line["geometry"]!["coordinates"]!.AsArray().Select(c => (double)c![1]!));
        Assert.Equal(times, line["properties"]!["coordTimes"]!.AsArray().Select(t => DateTimeOffset.Parse((string)t!, CultureInfo.InvariantCulture)));

        var gpx = XDocument.Parse(await GetStringAsync(carrier, query + "&format=gpx", HttpStatusCode.OK, "application/gpx+xml"));
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        Assert.Equal(12, gpx.Descendants(ns + "trkpt").Count());

        var csv = (await GetStringAsync(carrier, query + "&format=csv", HttpStatusCode.OK, "text/csv")).TrimEnd('\n').Split('\n');
        Assert.Equal("time,kind,vehicle_id,lat,lon,speed_kmh,heading_deg,accuracy_m,scan_type,facility_id", csv[0]);
        Assert.Equal(13, csv.Length);
        Assert.All(csv.Skip(1), row => Assert.Contains($",position,{vehicle},", row, StringComparison.Ordinal));

        // A ping of an indexed hour that arrives late is read from its own file until the hour is indexed again.
        await PostAsync(carrier, [CloudEvents.Ping(vehicle, 51.89, 4.4, Hour.AddMinutes(49))]);
        await Eventually.Until(
            async () => JsonNode.Parse(await GetStringAsync(carrier, query, HttpStatusCode.OK, "application/geo+json"))!["features"]![0]!["geometry"]!["coordinates"]!.AsArray().Count,
            n => n == 13, "the late ping in the track", Deadline);
    }

    [Fact]
    public async Task ShipmentTrack_IsItsVehiclesPositionsWhileOnBoard_AndItsScans()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var number = CloudEvents.NewId("TRK-S").ToUpperInvariant();
        var vehicle = CloudEvents.NewId("TRK-SV");
        var start = Hour.AddMinutes(5);
        await PostAsync(carrier, [
            CloudEvents.Scan(number, "PickedUp", start, lat: 51.0, lon: 4.0),
            CloudEvents.Scan(number, "LoadedOnVehicle", start.AddMinutes(10), vehicleId: vehicle, lat: 51.0, lon: 4.0),
            CloudEvents.Scan(number, "Delivered", start.AddMinutes(30), lat: 51.05, lon: 4.0),
            .. Enumerable.Range(0, 20).Select(i => CloudEvents.Ping(vehicle, 51.0 + (i * 0.003), 4.0, start.AddMinutes(i * 2)))]);

        await Eventually.Until(
            async () =>
            {
                using var response = await carrier.GetAsync($"/api/shipments/{number}", TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["status"] : null;
            },
            status => status == "Delivered", "the shipment delivered");
        var geo = await Eventually.Until(
            async () => JsonNode.Parse(await GetStringAsync(carrier, $"/api/shipments/{number}/track", HttpStatusCode.OK, "application/geo+json"))!,
            g => g["features"]!.AsArray().Count == 4 && g["features"]![0]!["geometry"]!["coordinates"]!.AsArray().Count == 11,
            "the shipment's track: the pings between loading and delivery, and three scans", Deadline);

        var times = geo["features"]![0]!["properties"]!["coordTimes"]!.AsArray().Select(t => DateTimeOffset.Parse((string)t!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(start.AddMinutes(10), times[0]);
        Assert.Equal(start.AddMinutes(30), times[^1]);
        Assert.Equal(["PickedUp", "LoadedOnVehicle", "Delivered"], geo["features"]!.AsArray().Skip(1).Select(f => (string)f!["properties"]!["scanType"]!));

        using var stranger = fixture.Silo.Client();
        using var otherCarrier = fixture.Silo.Client(RunningSilo.AcmeKey);
        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        await GetStringAsync(stranger, $"/api/shipments/{number}/track", HttpStatusCode.Unauthorized, null);
        await GetStringAsync(otherCarrier, $"/api/shipments/{number}/track", HttpStatusCode.NotFound, "application/problem+json");
        await GetStringAsync(admin, $"/api/shipments/{number}/track?format=gpx", HttpStatusCode.OK, "application/gpx+xml");
    }

    [Fact]
    public async Task VehicleTrack_IsReadByItsAccountAndOps_Only()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var vehicle = CloudEvents.NewId("TRK-P");
        await PostAsync(carrier, [CloudEvents.Ping(vehicle, 51.9, 4.4, Hour.AddMinutes(1))]);
        var query = $"/api/vehicles/{vehicle}/track?from={Iso(Hour)}&to={Iso(Hour.AddHours(1))}";

        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        await Eventually.Until(
            async () => JsonNode.Parse(await GetStringAsync(admin, query, HttpStatusCode.OK, "application/geo+json"))!["features"]![0]!["geometry"]!["coordinates"]!.AsArray().Count,
            n => n == 1, "the ping in the admin's view of the track", Deadline);
        using var otherCarrier = fixture.Silo.Client(RunningSilo.AcmeKey);
        await GetStringAsync(otherCarrier, query, HttpStatusCode.NotFound, "application/problem+json");
        using var stranger = fixture.Silo.Client();
        await GetStringAsync(stranger, query, HttpStatusCode.Unauthorized, null);
    }

    [Theory]
    [InlineData("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")]
    [InlineData("?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")]
    [InlineData("?from=yesterday")]
    [InlineData("?to=2026-12-01T00:00:00")]
    [InlineData("?format=kml")]
    [InlineData("?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z")]
    public async Task BadTrackQueries_Are400ProblemDetails(string query)
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        var body = await GetStringAsync(carrier, $"/api/vehicles/TRUCK-1/track{query}", HttpStatusCode.BadRequest, "application/problem+json");
        Assert.Equal("Invalid track query", (string)JsonNode.Parse(body)!["title"]!);
        await GetStringAsync(carrier, $"/api/shipments/1Z999/track{(query.StartsWith("?format", StringComparison.Ordinal) ? query : "?format=svg")}", HttpStatusCode.BadRequest, "application/problem+json");
    }

    [Fact]
    public async Task BadIdsInThePath_Are400ProblemDetails()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        await GetStringAsync(carrier, "/api/vehicles/bad%20id/track", HttpStatusCode.BadRequest, "application/problem+json");
        await GetStringAsync(carrier, "/api/shipments/bad%20number/track", HttpStatusCode.BadRequest, "application/problem+json");
    }

    /// <summary>The positions of <paramref name="vehicle"/> in hour <paramref name="hour"/>'s track index.</summary>
    private async Task<int> IndexedPointsAsync(DateTimeOffset hour, string vehicle)
    {
        if (await TrackIndexer.ReadManifestAsync(fixture.Store, hour, TestContext.Current.CancellationToken) is null)
        {
            return 0;
        }

        await using var track = await fixture.Store.OpenReadAsync(TrackLayout.TrackFileOf(hour), TestContext.Current.CancellationToken);
        return (await TrackFile.ReadVehicleAsync(track!, vehicle, TestContext.Current.CancellationToken)).Count;
    }

    private static async Task PostAsync(HttpClient client, JsonNode[] events)
    {
        using var response = await client.PostAsync("/api/events", CloudEvents.Batch(events), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<string> GetStringAsync(HttpClient client, string path, HttpStatusCode status, string? mediaType)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"GET {path}: {(int)response.StatusCode} {body}");
        if (mediaType is not null)
        {
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        }

        return body;
    }

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
