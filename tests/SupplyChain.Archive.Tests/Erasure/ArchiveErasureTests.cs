using Microsoft.Extensions.Logging.Abstractions;
using SupplyChain.Archive.Erasure;
using SupplyChain.Archive.Reading;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Archive.Tests.Erasure;

/// <summary>The erasure rule on single records, and the rewrite of real files in a directory store.</summary>
public sealed class ArchiveErasureTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 13, 5, 0, TimeSpan.Zero);
    private static readonly ErasedShipment Erased = new("1Z999", "1Z999", new HashSet<string> { "TRUCK-17" });
    private readonly string _root = Path.Combine(Path.GetTempPath(), "erasure-test-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Apply_DropsTheShipmentsRecords_RedactsItsTrucksEvents_KeepsTheRest()
    {
        var scan = Record(ArchiveDirection.Inbound, EventTypes.ItemScanned, "s-1", trackingNumber: "1Z999", vehicleId: "TRUCK-17");
        var status = Record(ArchiveDirection.Outbound, EventTypes.ShipmentStatusChanged, "o-1", trackingNumber: "1Z999", data: "{\"trackingNumber\":\"1Z999\"}");
        var laterAccounts = Record(ArchiveDirection.Inbound, EventTypes.ItemScanned, "s-2", trackingNumber: "1Z999", shipmentKey: "1Z999~other");
        var neighbour = Record(ArchiveDirection.Inbound, EventTypes.ItemScanned, "s-3", trackingNumber: "1Z998", vehicleId: "TRUCK-17");
        var stop = Record(ArchiveDirection.Outbound, EventTypes.NoMovementDetected, "o-2", vehicleId: "TRUCK-17",
            data: "{\"vehicleId\":\"TRUCK-17\",\"trackingNumbers\":[\"1Z998\",\"1Z999\"],\"durationSeconds\":900}");
        var otherTrucksStop = Record(ArchiveDirection.Outbound, EventTypes.NoMovementDetected, "o-3", vehicleId: "TRUCK-9",
            data: "{\"vehicleId\":\"TRUCK-9\",\"trackingNumbers\":[\"1Z999\"]}");
        var ping = Record(ArchiveDirection.Inbound, EventTypes.GpsPing, "p-1", vehicleId: "TRUCK-17");

        Assert.Null(Erased.Apply(scan));
        Assert.Null(Erased.Apply(status));
        Assert.Same(laterAccounts, Erased.Apply(laterAccounts));
        Assert.Same(neighbour, Erased.Apply(neighbour));
        Assert.Equal("{\"vehicleId\":\"TRUCK-17\",\"trackingNumbers\":[\"1Z998\"],\"durationSeconds\":900}", Erased.Apply(stop)!.Data);
        Assert.Same(otherTrucksStop, Erased.Apply(otherTrucksStop));
        Assert.Same(ping, Erased.Apply(ping));
        // A later account's shipment of the number is erased by its own key, and leaves the first one's records.
        var later = new ErasedShipment("1Z999", "1Z999~other", new HashSet<string>());
        Assert.Null(later.Apply(laterAccounts));
        Assert.Same(scan, later.Apply(scan));
    }

    [Fact]
    public async Task Erase_RewritesOnlyTheFilesThatHoldTheShipment_AndDeletesOnesLeftEmpty()
    {
        var store = new DirectoryArchiveStore(_root);
        var hour = ArchiveLayout.HourOf(T0);
        var mixed = ArchiveLayout.FileOf(hour, "w1", 1);
        var untouched = ArchiveLayout.FileOf(hour, "w1", 2);
        var onlyErased = ArchiveLayout.FileOf(hour.AddHours(1), "w1", 3);
        await store.WriteAsync(mixed, await ArchiveFileWriter.EncodeAsync(
            [
                Scan("s-1", "1Z999", T0), Scan("s-2", "1Z998", T0),
                new PingReceived("/carriers/acme/devices/gps", "p-1", T0, "TRUCK-17", new GeoPoint(51.9, 4.4), 50, 90, 8),
            ],
            [new(Id: "o-1", Type: EventTypes.Delivered, Source: EventTypes.ShipmentSource("1Z999"), Subject: "1Z999", Time: T0, Data: "{}")],
            Ct), Ct);
        var untouchedBytes = await ArchiveFileWriter.EncodeAsync([Scan("s-3", "1Z998", T0.AddMinutes(1))], [], Ct);
        await store.WriteAsync(untouched, untouchedBytes, Ct);
        await store.WriteAsync(onlyErased, await ArchiveFileWriter.EncodeAsync([Scan("s-4", "1Z999", T0.AddHours(1))], [], Ct), Ct);

        var outcome = await new ArchiveErasure(store, NullLogger<ArchiveErasure>.Instance).EraseAsync(Erased, T0, T0.AddHours(2), Ct);

        Assert.Equal(new ErasureOutcome(FilesRead: 3, FilesRewritten: 2, RecordsRemoved: 3, RecordsRedacted: 0), outcome);
        Assert.Equal(untouchedBytes, await store.ReadAsync(untouched, Ct));
        Assert.Null(await store.ReadAsync(onlyErased, Ct));
        var left = await ArchiveFileReader.ReadAsync(new MemoryStream((await store.ReadAsync(mixed, Ct))!), Ct);
        Assert.Equal(["s-2", "p-1"], left.Select(r => r.Id));
        var all = await new ArchiveReader(store).ReadAsync(T0.AddHours(-1), T0.AddHours(3), null, Ct);
        Assert.DoesNotContain(all, r => r.TrackingNumber == "1Z999");
        Assert.Equal(["s-2", "p-1", "s-3"], all.Select(r => r.Id));
    }

    private static ScanReceived Scan(string id, string number, DateTimeOffset at) =>
        new("/carriers/acme/scanners/rtm-1", id, at, number, ScanType.PickedUp, new GeoPoint(51.9, 4.4), "RTM-1", null, null);

    private static ArchiveRecord Record(
        string direction, string type, string id, string? trackingNumber = null, string? shipmentKey = null, string? vehicleId = null, string? data = null) =>
        new(direction, type, "/src", id, trackingNumber ?? vehicleId, T0, trackingNumber, shipmentKey, vehicleId, null, null, null, null, null, null, null, null, data);
}
