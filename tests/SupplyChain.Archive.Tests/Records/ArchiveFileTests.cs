using SupplyChain.Archive.Records;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Archive.Tests.Records;

public sealed class ArchiveFileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 13, 5, 7, TimeSpan.Zero);

    [Fact]
    public async Task EncodeThenRead_EveryField_ComesBackExactly()
    {
        var time = T0.AddTicks(1234567);
        InboundEvent[] inbound =
        [
            new PingReceived("/carriers/acme/devices/gps", "p-1", time, "TRUCK-17", new GeoPoint(51.9225, 4.47917), 72.5, 135, 8),
            new PingReceived("/carriers/acme/devices/gps", "p-2", time.AddSeconds(10), "TRUCK-17", new GeoPoint(51.93, 4.48), null, null, null),
            new ScanReceived("/carriers/acme/scanners/rtm-1", "s-1", time, ShipmentKey.Of("1Z999", "acme"), ScanType.LoadedOnVehicle, new GeoPoint(51.9, 4.4), "RTM-1", "TRUCK-17", "fragile"),
            new ScanReceived("/carriers/acme/scanners/rtm-1", "s-2", time, "1Z998", ScanType.PickedUp, null, null, null, null),
        ];
        OutboundEvent[] outbound =
        [
            new(Id: "o-1", Type: EventTypes.ShipmentStatusChanged, Source: EventTypes.ShipmentSource("1Z999"), Subject: "1Z999", Time: time, Data: "{\"status\":\"InTransit\"}")
            {
                Shipments = [ShipmentKey.Of("1Z999", "acme")],
            },
            new(Id: "o-2", Type: EventTypes.GeofenceEntered, Source: EventTypes.VehicleSource("TRUCK-17"), Subject: "TRUCK-17", Time: time, Data: "{}"),
        ];

        var bytes = await ArchiveFileWriter.EncodeAsync(inbound, outbound, TestContext.Current.CancellationToken);
        var records = await ArchiveFileReader.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(6, records.Count);
        Assert.Equal(
            new ArchiveRecord(ArchiveDirection.Inbound, EventTypes.GpsPing, "/carriers/acme/devices/gps", "p-1", "TRUCK-17", time, null, null, "TRUCK-17", null, null, null, 51.9225, 4.47917, 72.5, 135, 8, null),
            records[0]);
        Assert.Equal(
            new ArchiveRecord(ArchiveDirection.Inbound, EventTypes.GpsPing, "/carriers/acme/devices/gps", "p-2", "TRUCK-17", time.AddSeconds(10), null, null, "TRUCK-17", null, null, null, 51.93, 4.48, null, null, null, null),
            records[1]);
        Assert.Equal(
            new ArchiveRecord(ArchiveDirection.Inbound, EventTypes.ItemScanned, "/carriers/acme/scanners/rtm-1", "s-1", "1Z999", time, "1Z999", "1Z999~acme", "TRUCK-17", "LoadedOnVehicle", "RTM-1", "fragile", 51.9, 4.4, null, null, null, null),
            records[2]);
        Assert.Equal(
            new ArchiveRecord(ArchiveDirection.Inbound, EventTypes.ItemScanned, "/carriers/acme/scanners/rtm-1", "s-2", "1Z998", time, "1Z998", null, null, "PickedUp", null, null, null, null, null, null, null, null),
            records[3]);
        Assert.Equal(
            new ArchiveRecord(ArchiveDirection.Outbound, EventTypes.ShipmentStatusChanged, "/supplychain/shipments/1Z999", "o-1", "1Z999", time, "1Z999", "1Z999~acme", null, null, null, null, null, null, null, null, null, "{\"status\":\"InTransit\"}"),
            records[4]);
        Assert.Equal(
            new ArchiveRecord(ArchiveDirection.Outbound, EventTypes.GeofenceEntered, "/supplychain/vehicles/TRUCK-17", "o-2", "TRUCK-17", time, null, null, "TRUCK-17", null, null, null, null, null, null, null, null, "{}"),
            records[5]);
    }

    [Fact]
    public async Task AScansReasonAndProof_ComeBackInTheirColumns()
    {
        InboundEvent[] inbound =
        [
            new ScanReceived("/carriers/acme/scanners/rtm-1", "s-1", T0, "1Z999", ScanType.Exception, null, null, null, "box wet")
            {
                Reason = ExceptionReason.Damaged,
            },
            new ScanReceived("/carriers/acme/scanners/rtm-1", "s-2", T0, "1Z999", ScanType.Delivered, new GeoPoint(51.4, 6.7), null, null, null)
            {
                Proof = new ProofOfDelivery("J. Smit", "https://pod.example.com/p.jpg", "https://pod.example.com/s.png"),
            },
        ];

        var bytes = await ArchiveFileWriter.EncodeAsync(inbound, [], TestContext.Current.CancellationToken);
        var records = await ArchiveFileReader.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(("Damaged", null, null, null), (records[0].ReasonCode, records[0].SignedBy, records[0].PhotoUrl, records[0].SignatureUrl));
        Assert.Equal((null, "J. Smit", "https://pod.example.com/p.jpg", "https://pod.example.com/s.png"),
            (records[1].ReasonCode, records[1].SignedBy, records[1].PhotoUrl, records[1].SignatureUrl));

        // Rewritten as records (as an erasure does), the columns stay.
        var again = await ArchiveFileReader.ReadAsync(
            new MemoryStream(await ArchiveFileWriter.EncodeAsync(records, TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken);
        Assert.Equal(records, again);
    }

    [Fact]
    public async Task AFileOfManyRowGroups_ReadsBackEveryRowInOrder()
    {
        var pings = Enumerable.Range(0, 10_000)
            .Select(i => (InboundEvent)new PingReceived("/gps", $"p-{i}", T0.AddSeconds(i), $"V{i % 7}", new GeoPoint(50 + (i * 1e-5), 4), i, null, null))
            .ToArray();
        var bytes = await ArchiveFileWriter.EncodeAsync(pings, [new(Id: "o", Type: EventTypes.GeofenceExited, Source: EventTypes.VehicleSource("V1"), Subject: "V1", Time: T0, Data: "{}")], TestContext.Current.CancellationToken);

        var records = await ArchiveFileReader.ReadAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);

        Assert.Equal([.. Enumerable.Range(0, 10_000).Select(i => $"p-{i}"), "o"], records.Select(r => r.Id));
        Assert.Equal(9_999, records[9_999].SpeedKmh);
        Assert.Null(records[10_000].SpeedKmh);
    }
}
