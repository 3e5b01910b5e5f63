using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Silo.Tests.Infrastructure;

namespace SupplyChain.Silo.Tests.Archive;

/// <summary>Events posted over HTTP to a real silo reach the archive's Parquet files, inbound and outbound, each readable once.</summary>
public sealed class ArchiveTests(ArchiveFixture fixture) : IClassFixture<ArchiveFixture>
{
    private static readonly TimeSpan ArchiveDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostedEvents_AreArchivedWithTheirFields_AndARetriedPostsCopiesAreDroppedByTheReader()
    {
        using var client = fixture.Silo.Client(RunningSilo.CarrierKey);
        var vehicle = CloudEvents.NewId("ARC-V");
        var number = CloudEvents.NewId("ARC-TN").ToUpperInvariant();
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        JsonNode[] events =
        [
            .. Enumerable.Range(0, 20).Select(i => CloudEvents.Ping(vehicle, 51.9 + (i * 0.001), 4.4, start.AddSeconds(i * 10), id: $"{vehicle}-p{i}")),
            CloudEvents.Scan(number, "PickedUp", start, id: $"{number}-s1"),
        ];

        // The same request twice, as a client retries after a lost answer: both are accepted.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await client.PostAsync("/api/events", CloudEvents.Batch(events), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var archived = await Eventually.Until(
            () => fixture.Reader.ReadAsync(start, start.AddMinutes(5), r => r.Subject == vehicle || r.Subject == number, TestContext.Current.CancellationToken),
            r => r.Count(x => x.Direction == ArchiveDirection.Inbound) == events.Length,
            "every posted event in the archive", ArchiveDeadline);

        var pings = archived.Where(r => r.Type == "SupplyChain.GpsPing").ToList();
        Assert.Equal(20, pings.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{vehicle}-p{i}"), pings.Select(p => p.Id));
        Assert.All(pings, p =>
        {
            Assert.Equal("/carriers/acme/devices/gps", p.Source);
            Assert.Equal(vehicle, p.VehicleId);
            Assert.Equal(50, p.SpeedKmh);
            Assert.Equal(90, p.HeadingDeg);
            Assert.Equal(8, p.AccuracyM);
        });
        Assert.Equal(51.9 + (7 * 0.001), pings[7].Lat);
        Assert.Equal(start.AddSeconds(70).ToUnixTimeMilliseconds(), pings[7].Time.ToUnixTimeMilliseconds());

        var scan = Assert.Single(archived, r => r.Type == "SupplyChain.ItemScanned");
        Assert.Equal((number, "PickedUp", "RTM-1"), (scan.TrackingNumber, scan.ScanType, scan.FacilityId));

        // The files themselves come to hold the retried request's copies too; the reader gave each event once.
        await Eventually.Until(() => RawRowsAsync(r => r.Subject == vehicle), n => n == 40, "both requests' rows in the files", ArchiveDeadline);
    }

    [Fact]
    public async Task OutboundEvents_AreArchivedWithTheIdsTheApiShows()
    {
        using var client = fixture.Silo.Client(RunningSilo.CarrierKey);
        var number = CloudEvents.NewId("ARC-OUT").ToUpperInvariant();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        using (var response = await client.PostAsync("/api/events", CloudEvents.Structured(CloudEvents.Scan(number, "PickedUp", at)), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var shown = await Eventually.Until(
            async () =>
            {
                using var response = await client.GetAsync($"/api/shipments/{number}/events", TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonArray>(TestContext.Current.CancellationToken) : null;
            },
            e => e is { Count: > 0 }, "the shipment's outbound events");
        var ids = shown!.Select(e => (string)e!["id"]!).ToHashSet();

        var archived = await Eventually.Until(
            () => fixture.Reader.ReadAsync(at.AddMinutes(-1), at.AddMinutes(1), r => r.Direction == ArchiveDirection.Outbound && r.TrackingNumber == number, TestContext.Current.CancellationToken),
            r => r.Count >= ids.Count, "the outbound events in the archive", ArchiveDeadline);

        Assert.Equal(ids, archived.Select(r => r.Id).ToHashSet());
        var changed = Assert.Single(archived, r => r.Type == "SupplyChain.ShipmentStatusChanged");
        Assert.Equal($"/supplychain/shipments/{number}", changed.Source);
        Assert.Equal("InTransit", (string)JsonNode.Parse(changed.Data!)!["status"]!);
        var milestone = Assert.Single(archived, r => r.Type == "SupplyChain.MilestoneReached");
        Assert.Equal("PickedUp", (string)JsonNode.Parse(milestone.Data!)!["scanType"]!);
    }

    [Fact]
    public async Task ArchiveFiles_AreLaidOutByEventDateAndHour()
    {
        using var client = fixture.Silo.Client(RunningSilo.CarrierKey);
        var vehicle = CloudEvents.NewId("ARC-H");
        var hour = ArchiveLayout.HourOf(DateTimeOffset.UtcNow.AddHours(-2));
        var early = hour.AddSeconds(-1);
        using (var response = await client.PostAsync(
            "/api/events",
            CloudEvents.Batch(CloudEvents.Ping(vehicle, 51.9, 4.4, early), CloudEvents.Ping(vehicle, 51.91, 4.4, early.AddSeconds(2))),
            TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var store = new DirectoryArchiveStore(fixture.Directory);
        foreach (var folder in new[] { hour.AddHours(-1), hour }.Select(h => string.Create(CultureInfo.InvariantCulture, $"events/date={h:yyyy-MM-dd}/hour={h:HH}/")))
        {
            await Eventually.Until(
                async () => await store.ListAsync(folder, TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken),
                n => n > 0, $"a file in {folder}", ArchiveDeadline);
        }
    }

    /// <summary>Rows in the archive's files that <paramref name="match"/>, copies included.</summary>
    private async Task<int> RawRowsAsync(Func<ArchiveRecord, bool> match)
    {
        var store = new DirectoryArchiveStore(fixture.Directory);
        var rows = 0;
        await foreach (var file in store.ListAsync(ArchiveLayout.EventsFolder + "/", TestContext.Current.CancellationToken))
        {
            var content = await store.ReadAsync(file.Path, TestContext.Current.CancellationToken);
            rows += (await ArchiveFileReader.ReadAsync(new MemoryStream(content!), TestContext.Current.CancellationToken)).Count(match);
        }

        return rows;
    }
}
