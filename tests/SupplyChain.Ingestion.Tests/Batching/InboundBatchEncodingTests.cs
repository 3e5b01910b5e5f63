using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Ingestion.Tests.Batching;

/// <summary>The compact form of stream messages, through Orleans' own serializer as the stream providers use it.</summary>
public sealed class InboundBatchEncodingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2));
    private const string Source = "/carriers/acme/devices";
    private const string RequestTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static readonly ServiceProvider Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(InboundBatch).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer<InboundBatch> Orleans = Serializer.GetRequiredService<Serializer<InboundBatch>>();

    [Fact]
    public void ThePublishTime_SurvivesTheRoundTrip_AndAMessageWithoutOneHasNone()
    {
        InboundEvent[] events = [new PingReceived(Source, "TRK-1-0001", T0, "TRK-1", new GeoPoint(51.92, 4.48), null, null, null)];
        var published = T0.AddTicks(1234567);

        var stamped = Orleans.Deserialize(Orleans.SerializeToArray(new InboundBatch(events) { PublishedAt = published }))!;
        var unstamped = Orleans.Deserialize(Orleans.SerializeToArray(new InboundBatch(events)))!;

        Assert.Equal(published, stamped.PublishedAt);
        Assert.Null(unstamped.PublishedAt);
    }

    [Fact]
    public void EveryField_SurvivesTheRoundTrip()
    {
        InboundEvent[] events =
        [
            new PingReceived(Source, "TRK-1-0001", T0, "TRK-1", new GeoPoint(51.92, 4.48), 62.5, 270, 8) { TraceParent = RequestTrace, TraceState = "acme=1" },
            new PingReceived(Source, "TRK-2-0001", T0.ToOffset(TimeSpan.FromHours(-5)), "TRK-2", new GeoPoint(-33.9, 151.2), null, null, null),
            new ScanReceived("/carriers/acme/hubs", "scan-1", T0, "1Z999", ScanType.LoadedOnVehicle, new GeoPoint(52.1, 5.1), "RTM-1", "TRK-1", "Dock 4 — wet box ✓")
            {
                TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            },
            new ScanReceived(Source, "scan-2", T0.AddMinutes(5), "1Z999", ScanType.Delivered, null, null, null, null),
            new PingReceived(Source, "Ünïcødé-ïd", T0.AddSeconds(1), "TRK-Ω", new GeoPoint(0, 179.999999), 0, null, 3.5) { TraceParent = RequestTrace },
        ];

        var decoded = Orleans.Deserialize(Orleans.SerializeToArray(new InboundBatch(events)))!.Events;

        Assert.Equal(events, decoded);
        Assert.Equal(events.Select(e => e.Time.Offset), decoded.Select(e => e.Time.Offset));
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 4)]
    public void ScanDetails_SurviveTheRoundTrip_InTheLayoutThatCarriesThem(bool compress, byte version)
    {
        InboundEvent[] events =
        [
            new ScanReceived(Source, "scan-1", T0, "1Z999", ScanType.Exception, null, "RTM-1", null, "water damage") { Reason = ExceptionReason.Damaged },
            new PingReceived(Source, "TRK-1-0001", T0, "TRK-1", new GeoPoint(51.92, 4.48), 62.5, 270, 8),
            new ScanReceived(Source, "scan-2", T0.AddMinutes(5), "1Z999", ScanType.Delivered, new GeoPoint(51.4, 6.7), null, null, null)
            {
                Proof = new ProofOfDelivery("J. Smit", "https://pod.example.com/p/1.jpg", null),
            },
            new ScanReceived(Source, "scan-3", T0.AddMinutes(6), "1Z998", ScanType.DeliveryAttempted, null, null, null, null)
            {
                Reason = ExceptionReason.RecipientUnavailable,
                Proof = new ProofOfDelivery(null, null, "https://pod.example.com/s/3.png"),
            },
            new ScanReceived(Source, "scan-4", T0.AddMinutes(7), "1Z997", ScanType.PickedUp, null, null, null, null),
        ];

        var encoded = InboundBatchEncoding.Encode(events, compress);

        Assert.Equal(version, encoded[0]);
        Assert.Equal(events, InboundBatchEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void WithoutScanDetails_AMessageKeepsTheLayoutThePreviousReleaseReads(bool compress, byte version)
    {
        InboundEvent[] events =
        [
            new ScanReceived(Source, "scan-1", T0, "1Z999", ScanType.Exception, null, null, null, "no code given"),
            .. Pings(3, shareTrace: true),
        ];

        var encoded = InboundBatchEncoding.Encode(events, compress);

        Assert.Equal(version, encoded[0]);
        Assert.Equal(events, InboundBatchEncoding.Decode(encoded));
    }

    [Fact]
    public void Compressed_EveryFieldSurvives_AndTheBatchIsAtLeastAThirdSmaller()
    {
        var events = Pings(500, shareTrace: true);

        var compressed = InboundBatchEncoding.Encode(events, compress: true);
        var plain = InboundBatchEncoding.Encode(events);

        Assert.Equal(events, InboundBatchEncoding.Decode(compressed));
        Assert.True(compressed.Length * 1.5 < plain.Length, $"compressed {compressed.Length} bytes, plain {plain.Length}");
    }

    [Fact]
    public void OneThread_LargeBatchThenSmallOnes_EachEncodingHoldsOnlyItsOwnEvents()
    {
        // Encoding reuses a thread's scratch buffers: nothing of an earlier, larger message may leak into the next.
        var large = Pings(5_000, shareTrace: false);
        var small = Pings(3, shareTrace: true);

        var encodedLarge = InboundBatchEncoding.Encode(large, compress: true);
        var encodedSmall = InboundBatchEncoding.Encode(small);
        var encodedSmallAgain = InboundBatchEncoding.Encode(small, compress: true);

        Assert.Equal(large, InboundBatchEncoding.Decode(encodedLarge));
        Assert.Equal(small, InboundBatchEncoding.Decode(encodedSmall));
        Assert.Equal(small, InboundBatchEncoding.Decode(encodedSmallAgain));
        Assert.True(encodedSmall.Length < 400, $"three pings took {encodedSmall.Length} bytes");
    }

    [Fact]
    public void AProducersEncoding_IsWhatTheSerializerSends()
    {
        var events = Pings(50, shareTrace: false);
        var encoded = InboundBatchEncoding.Encode(events, compress: true);

        var bytes = Orleans.SerializeToArray(new InboundBatch(events) { Encoded = encoded });

        Assert.Equal(events, Orleans.Deserialize(bytes)!.Events);
        Assert.InRange(bytes.Length, encoded.Length, encoded.Length + 32);
    }

    [Fact]
    public void SharedStrings_AreWrittenOnceAndSharedAgainWhenRead()
    {
        var events = Pings(500, shareTrace: true);

        var payload = InboundBatchEncoding.Encode(events);
        var decoded = InboundBatchEncoding.Decode(payload);

        Assert.Equal(events, decoded);
        Assert.All(decoded, e => Assert.Same(decoded[0].Source, e.Source));
        Assert.All(decoded, e => Assert.Same(decoded[0].TraceParent, e.TraceParent));
        var general = Serializer.GetRequiredService<Serializer<List<InboundEvent>>>().SerializeToArray([.. events]).Length;
        Assert.True(payload.Length < general * 0.8, $"compact {payload.Length} bytes, Orleans' general form {general}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheBatchersEstimate_NeverFallsShortOfTheEncodedSize(bool shareTrace)
    {
        var events = Pings(300, shareTrace);
        var estimate = events.Select((e, i) => InboundBatchEncoding.SizeBound(e, i == 0 ? null : events[i - 1])).Sum();

        var actual = Orleans.SerializeToArray(new InboundBatch(events)).Length;

        Assert.True(estimate >= actual, $"estimated {estimate} bytes, serialized {actual}");
    }

    [Fact]
    public void AnUnknownVersion_IsRefusedNotMisread()
    {
        var payload = InboundBatchEncoding.Encode(Pings(2, shareTrace: true));
        payload[0] = 99;

        var error = Assert.Throws<InvalidDataException>(() => InboundBatchEncoding.Decode(payload));
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Pings as a request's decoding makes them: one source string; one trace for the request, or one per event.</summary>
    private static InboundEvent[] Pings(int count, bool shareTrace)
    {
        var source = string.Concat("/carriers/", "acme/devices");
        return [.. Enumerable.Range(0, count).Select(i => (InboundEvent)new PingReceived(
            source, $"TRK-{i % 97:D5}-{i:D6}", T0.AddSeconds(i), $"TRK-{i % 97:D5}", new GeoPoint(50 + (i * 0.001), 4 + (i * 0.002)), 40 + (i % 50), i % 360, null)
        {
            TraceParent = shareTrace ? RequestTrace : $"00-{Guid.NewGuid():N}-{i:x16}-01",
        })];
    }
}
