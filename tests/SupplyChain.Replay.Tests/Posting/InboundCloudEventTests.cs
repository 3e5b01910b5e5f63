using System.Text.Json;
using SupplyChain.Archive.Records;
using SupplyChain.Replay.Posting;
using SupplyChain.Replay.Replaying;

namespace SupplyChain.Replay.Tests.Posting;

/// <summary>An archived record goes back out as the CloudEvent the carrier sent: same identity, the tick-exact time, the contract's data fields.</summary>
public sealed class InboundCloudEventTests
{
    private static readonly DateTimeOffset Time = new DateTimeOffset(2026, 12, 4, 6, 7, 8, TimeSpan.Zero).AddTicks(1234567);

    [Fact]
    public void APing_KeepsItsIdentityTimeAndFields()
    {
        var ping = new ArchiveRecord(ArchiveDirection.Inbound, "SupplyChain.GpsPing", "/carriers/acme/devices/gps", "p-1", "TRUCK-17", Time,
            null, null, "TRUCK-17", null, null, null, 51.9225, 4.47917, 72.5, 135, null, null);

        var e = Write(ping);

        Assert.Equal(("1.0", "p-1", "/carriers/acme/devices/gps", "SupplyChain.GpsPing", "TRUCK-17"),
            (Text(e, "specversion"), Text(e, "id"), Text(e, "source"), Text(e, "type"), Text(e, "subject")));
        Assert.Equal("2026-12-04T06:07:08.1234567Z", Text(e, "time"));
        var data = e.GetProperty("data");
        Assert.Equal(("TRUCK-17", 51.9225, 4.47917, 72.5, 135.0), (Text(data, "vehicleId"), data.GetProperty("lat").GetDouble(), data.GetProperty("lon").GetDouble(),
            data.GetProperty("speedKmh").GetDouble(), data.GetProperty("headingDeg").GetDouble()));
        Assert.False(data.TryGetProperty("accuracyM", out _));
    }

    [Fact]
    public void AScan_KeepsItsLocationFacilityVehicleAndNote_AndLeavesOutWhatItHadNot()
    {
        var loaded = new ArchiveRecord(ArchiveDirection.Inbound, "SupplyChain.ItemScanned", "/carriers/acme/scanners/rtm-1", "s-1", "1Z999", Time,
            "1Z999", null, "TRUCK-17", "LoadedOnVehicle", "RTM-1", "fragile", 51.9, 4.4, null, null, null, null);
        var picked = loaded with { Id = "s-2", VehicleId = null, ScanType = "PickedUp", FacilityId = null, Note = null, Lat = null, Lon = null };

        var data = Write(loaded).GetProperty("data");
        var bare = Write(picked).GetProperty("data");

        Assert.Equal(("1Z999", "LoadedOnVehicle", "RTM-1", "TRUCK-17", "fragile"), (Text(data, "trackingNumber"), Text(data, "scanType"), Text(data, "facilityId"), Text(data, "vehicleId"), Text(data, "note")));
        Assert.Equal((51.9, 4.4), (data.GetProperty("location").GetProperty("lat").GetDouble(), data.GetProperty("location").GetProperty("lon").GetDouble()));
        Assert.Equal(["trackingNumber", "scanType"], bare.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void AScan_KeepsItsReasonCodeAndProofOfDelivery()
    {
        var delivered = new ArchiveRecord(ArchiveDirection.Inbound, "SupplyChain.ItemScanned", "/carriers/acme/scanners/rtm-1", "s-1", "1Z999", Time,
            "1Z999", null, null, "Delivered", null, null, null, null, null, null, null, null)
        {
            SignedBy = "J. Smit",
            PhotoUrl = "https://pod.example.com/p.jpg",
        };
        var held = delivered with { Id = "s-2", ScanType = "Exception", SignedBy = null, PhotoUrl = null, ReasonCode = "CustomsHold" };

        var proof = Write(delivered).GetProperty("data").GetProperty("proofOfDelivery");
        var reason = Write(held).GetProperty("data");

        Assert.Equal(["signedBy", "photoUrl"], proof.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("J. Smit", "https://pod.example.com/p.jpg"), (Text(proof, "signedBy"), Text(proof, "photoUrl")));
        Assert.Equal("CustomsHold", Text(reason, "reasonCode"));
        Assert.False(reason.TryGetProperty("proofOfDelivery", out _));
    }

    [Fact]
    public void ABatch_ClosesAtItsByteLimit_ButHoldsAtLeastOneEvent()
    {
        var note = new string('n', 2_000);
        ArchiveRecord[] scans = [.. Enumerable.Range(0, 10).Select(i => new ArchiveRecord(ArchiveDirection.Inbound, "SupplyChain.ItemScanned", "/s", $"s-{i}", "1Z", Time,
            "1Z", null, null, "PickedUp", null, note, null, null, null, null, null, null))];

        var first = EventBatch.From(scans, 0, 1_000, 5_000, _ => false);
        var tiny = EventBatch.From(scans, 9, 1_000, 10, _ => false);

        Assert.Equal(3, first.Count);
        Assert.Equal(3, JsonDocument.Parse(first.Body).RootElement.GetArrayLength());
        Assert.Equal(1, tiny.Count);
        Assert.Equal("s-9", JsonDocument.Parse(tiny.Body).RootElement[0].GetProperty("id").GetString());
    }

    [Fact]
    public void ALoadScan_GoesInABatchOfItsOwn_BetweenThePingsAroundIt()
    {
        ArchiveRecord Ping(int i) => new(ArchiveDirection.Inbound, "SupplyChain.GpsPing", "/v", $"p-{i}", "T1", Time.AddMinutes(i), null, null, "T1", null, null, null, 52, 4, null, null, null, null);
        var load = new ArchiveRecord(ArchiveDirection.Inbound, "SupplyChain.ItemScanned", "/s", "load", "1Z", Time.AddMinutes(2), "1Z", null, "T1", "LoadedOnVehicle", null, null, null, null, null, null, null, null);
        var arrived = load with { Id = "arrived", ScanType = "ArrivedAtFacility", VehicleId = null };
        ArchiveRecord[] day = [Ping(0), Ping(1), load, Ping(3), arrived, Ping(4)];

        var sizes = new List<int>();
        for (var start = 0; start < day.Length; start += sizes[^1])
        {
            sizes.Add(EventBatch.From(day, start, 1_000, 1_000_000, BindingBarrier.Guards).Count);
        }

        Assert.Equal([2, 1, 3], sizes);
    }

    private static JsonElement Write(ArchiveRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            InboundCloudEvent.Write(json, record);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static string? Text(JsonElement e, string name) => e.GetProperty(name).GetString();
}
