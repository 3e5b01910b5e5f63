using System.Net;
using System.Text.Json.Nodes;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;
using SupplyChain.Silo.Tests.Audit;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Archive;

/// <summary>
/// Erasing a shipment through the API on a real silo and its archive directory: the shipment, its
/// ownership and its archived records go; a shipment sharing its files and its truck keeps everything.
/// </summary>
public sealed class ShipmentErasureTests(TrackHistoryFixture fixture) : IClassFixture<TrackHistoryFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Within an hour two hours ago: both shipments' records share that hour's files.</summary>
    private static readonly DateTimeOffset Start = ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-2)).AddMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasure_RemovesTheShipmentEverywhere_AndLeavesItsNeighboursWhole()
    {
        using var carrier = fixture.Silo.Client(RunningSilo.CarrierKey);
        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        var erased = CloudEvents.NewKey("ERASE");
        var kept = CloudEvents.NewKey("KEEP");
        var vehicle = CloudEvents.NewId("ERASE-V");
        await PostAsync(carrier, [
            CloudEvents.Scan(erased, "PickedUp", Start, lat: 51.0, lon: 4.0),
            CloudEvents.Scan(erased, "LoadedOnVehicle", Start.AddMinutes(1), vehicleId: vehicle, lat: 51.0, lon: 4.0),
            CloudEvents.Scan(kept, "LoadedOnVehicle", Start.AddMinutes(1), vehicleId: vehicle, lat: 51.0, lon: 4.0)]);
        await Eventually.Until(() => VehicleOfAsync(carrier, erased), v => v == vehicle, "the first shipment on the truck");
        await Eventually.Until(() => VehicleOfAsync(carrier, kept), v => v == vehicle, "the second shipment on the truck");
        // Ten minutes on the road, then fifteen standing still outside any depot: a stop naming both shipments.
        await PostAsync(carrier, [
            .. Enumerable.Range(0, 10).Select(i => CloudEvents.Ping(vehicle, 51.0 + (i * 0.01), 4.0, Start.AddMinutes(2 + i))),
            .. Enumerable.Range(0, 16).Select(i => CloudEvents.Ping(vehicle, 51.09, 4.0, Start.AddMinutes(12 + i), speedKmh: 0))]);
        await PostAsync(carrier, [CloudEvents.Scan(erased, "Delivered", Start.AddMinutes(29), lat: 51.09, lon: 4.0)]);

        var reader = new ArchiveReader(fixture.Store);
        var before = await Eventually.Until(
            () => reader.ReadAsync(Start.AddHours(-1), DateTimeOffset.UtcNow, null, Ct),
            r => r.Count(x => x.TrackingNumber == erased && x.Direction == ArchiveDirection.Inbound) == 3
                && r.Any(x => x.TrackingNumber == erased && x.Type == "SupplyChain.Delivered")
                && r.Any(x => x.VehicleId == vehicle && x.Type == "SupplyChain.NoMovementDetected" && x.Data!.Contains(erased, StringComparison.Ordinal)),
            "the shipment's scans, its delivery and the truck's stop archived", Deadline);
        // The track index keeps a copy of the truck's own events, the stop among them.
        await Eventually.Until(() => IndexedStopsAsync(vehicle), stops => stops.Any(d => d.Contains(erased, StringComparison.Ordinal)), "the stop in the track index", Deadline);
        var keptBefore = before.Where(r => Mentions(r, kept)).ToList();
        Assert.Contains(keptBefore, r => r.TrackingNumber == kept && r.Direction == ArchiveDirection.Inbound);
        var link = (string)(await JsonAsync(carrier, $"/api/shipments/{erased}"))["trackingLink"]!;

        using var stranger = fixture.Silo.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.DeleteAsync($"/api/shipments/{erased}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.DeleteAsync($"/api/shipments/{erased}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carrier.GetAsync($"/api/shipments/{erased}", Ct)).StatusCode);

        using var erasure = await admin.DeleteAsync($"/api/shipments/{erased}", Ct);
        var answer = JsonNode.Parse(await erasure.Content.ReadAsStringAsync(Ct))!;
        Assert.True(erasure.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal(erased, (string)answer["trackingNumber"]!);
        Assert.True((int)answer["archive"]!["recordsRemoved"]! >= 5, answer.ToJsonString());
        Assert.True((int)answer["archive"]!["recordsRedacted"]! >= 1, answer.ToJsonString());

        foreach (var client in new[] { admin, carrier })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/shipments/{erased}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/shipments/{erased}/events", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/shipments/{erased}/track", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/shipments/{erased}", Ct)).StatusCode);

        // The archive as read back: no trace of the number; the neighbour's records and the truck's pings as they were.
        var after = await reader.ReadAsync(Start.AddHours(-1), DateTimeOffset.UtcNow, null, Ct);
        Assert.DoesNotContain(after, r => Mentions(r, erased));
        Assert.Equal(
            keptBefore.Select(r => (r.Source, r.Id, r.Type)).Order(),
            after.Where(r => Mentions(r, kept)).Select(r => (r.Source, r.Id, r.Type)).Order());
        Assert.Equal(before.Count(r => r.Type == "SupplyChain.GpsPing"), after.Count(r => r.Type == "SupplyChain.GpsPing"));
        var stop = Assert.Single(after, r => r.VehicleId == vehicle && r.Type == "SupplyChain.NoMovementDetected");
        Assert.Equal([kept], JsonNode.Parse(stop.Data!)!["trackingNumbers"]!.AsArray().Select(n => (string)n!));
        // The index's copy too, and the truck's history as its owner reads it.
        Assert.All(await IndexedStopsAsync(vehicle), d => Assert.DoesNotContain(erased, d, StringComparison.Ordinal));
        var history = (await JsonAsync(carrier, $"/api/vehicles/{vehicle}/history?from={Uri.EscapeDataString(Start.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}")).AsArray();
        var shown = Assert.Single(history, e => (string)e!["type"]! == "SupplyChain.NoMovementDetected")!;
        Assert.Equal([kept], shown["data"]!["trackingNumbers"]!.AsArray().Select(n => (string)n!));

        using (var keptResponse = await carrier.GetAsync($"/api/shipments/{kept}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, keptResponse.StatusCode);
        }

        // Each attempt is audited: the stranger's, the carrier's refusal, the erasure and the repeat that found nothing.
        var records = await AuditReader.Until(admin, $"action=shipment.erase&target={erased}&limit=10", r => r.Length == 4, "the erasure attempts audited");
        Assert.Equal([200, 401, 403, 404], records.Select(r => r.GetProperty("status").GetInt32()).Order());
        Assert.Equal("admin", records.Single(r => r.GetProperty("status").GetInt32() == 200).Text("role"));

        // The number is free again: the carrier's next plan creates a new shipment with a new link.
        using var plan = await carrier.PutAsync($"/api/shipments/{erased}", CloudEvents.Content("{}", "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
        Assert.NotEqual(link, (string)(await JsonAsync(carrier, $"/api/shipments/{erased}"))["trackingLink"]!);
    }

    /// <summary>The data of the truck's stops in the track index's files of vehicle events, every hour of the test.</summary>
    private async Task<List<string>> IndexedStopsAsync(string vehicle)
    {
        var data = new List<string>();
        foreach (var hour in ArchiveLayout.Hours(Start, DateTimeOffset.UtcNow))
        {
            foreach (var path in (await TrackIndexer.ReadManifestAsync(fixture.Store, hour, Ct))?.Events ?? [])
            {
                if (await fixture.Store.ReadAsync(path, Ct) is { } content)
                {
                    data.AddRange((await ArchiveFileReader.ReadAsync(new MemoryStream(content), Ct))
                        .Where(r => r.VehicleId == vehicle && r.Type == "SupplyChain.NoMovementDetected")
                        .Select(r => r.Data!));
                }
            }
        }

        return data;
    }

    [Fact]
    public async Task Erasure_OfAnUnknownOrBadNumber_IsAProblem()
    {
        using var admin = fixture.Silo.Client(RunningSilo.AdminKey);
        using var unknown = await admin.DeleteAsync($"/api/shipments/{CloudEvents.NewKey("NOPE")}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var bad = await admin.DeleteAsync("/api/shipments/bad%20number", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var badCarrier = await admin.DeleteAsync("/api/shipments/1Z999?carrier=no%20such", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCarrier.StatusCode);
    }

    /// <summary>Whether any text of the record names <paramref name="number"/>.</summary>
    private static bool Mentions(ArchiveRecord r, string number) =>
        new[] { r.Subject, r.TrackingNumber, r.ShipmentKey, r.Source, r.Id, r.Note, r.Data }.Any(t => t?.Contains(number, StringComparison.Ordinal) == true);

    private static async Task<string?> VehicleOfAsync(HttpClient client, string number)
    {
        using var response = await client.GetAsync($"/api/shipments/{number}", Ct);
        return response.IsSuccessStatusCode ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["vehicleId"] : null;
    }

    private static async Task<JsonNode> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task PostAsync(HttpClient client, JsonNode[] events)
    {
        using var response = await client.PostAsync("/api/events", CloudEvents.Batch(events), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
