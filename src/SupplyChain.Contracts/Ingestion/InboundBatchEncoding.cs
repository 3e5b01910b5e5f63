using System.IO.Compression;
using System.Text;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;
using SupplyChain.Domain.Geodesy;
using SupplyChain.Domain.Shipments;

namespace SupplyChain.Contracts.Ingestion;

/// <summary>
/// The compact binary form of a stream message's events. The strings many events share (the
/// CloudEvent <c>source</c>, the trace context of the request that posted them, scan types) are
/// written once per message in a table and referred to by index, and optional fields cost one bit
/// when absent, and times are differences from the previous event's, so a GPS ping takes about 28
/// bytes plus its id, its vehicle id and 8 bytes per optional reading: smaller than in Orleans'
/// general-purpose form, so one Azure queue message carries more pings (docs/benchmarks.md,
/// "Stream messages", has the sizes). Writing it keeps no table of every object written (as the
/// general form must, for object identity), and decoding shares the common strings again: less
/// work and memory on both ends of the stream.
/// </summary>
/// <remarks>
/// Layout (version 1): version byte; string table (count, then strings); event count; per event a
/// kind byte, the source's table index, id, time (UTC ticks as the difference from the previous
/// event's, zigzag-encoded, then the offset in minutes), trace parent and
/// trace state as table index + 1 (0: none), then the kind's fields. Version 2 is version 1's bytes
/// after the version byte, compressed with Brotli at its fastest quality: a batch's ids, vehicle ids
/// and coordinates repeat much of each other, so a message holds several times the events for a
/// little CPU per event (docs/benchmarks.md, "Stream messages"). Versions 3 and 4 are versions 1 and 2
/// with a details byte after each scan's fields (bit 0: a reason code as a table index, bits 1-3: proof
/// of delivery's signer, photo URL and signature URL), written only when a message has a scan with
/// details: a silo of the release before them refuses such a message by its version, and the stream
/// delivers it again, rather than misreading it. Every version stays readable: messages written by
/// silos of the previous release may still be queued during a rolling upgrade.
/// </remarks>
public static class InboundBatchEncoding
{
    private const byte Plain = 1;
    private const byte Compressed = 2;
    private const byte PlainWithScanDetails = 3;
    private const byte CompressedWithScanDetails = 4;
    private const byte PingKind = 1;
    private const byte ScanKind = 2;

    /// <summary>Brotli's fastest quality: most of the size gain for far less CPU than the higher ones (docs/benchmarks.md, "Stream messages").</summary>
    private const int BrotliQuality = 1;

    private const int BrotliWindowBits = 22;

    /// <summary>Largest scratch buffer a thread keeps between messages; a rare larger message gets its own.</summary>
    private const int KeptScratchBytes = 256 * 1024;

    // One message is encoded at a time per thread, with no await inside: its scratch streams are reused
    // rather than allocated, grown and copied for every message (most of what encoding allocated).
    [ThreadStatic]
    private static MemoryStream? t_body;

    [ThreadStatic]
    private static MemoryStream? t_message;

    /// <summary>The events in compact form; compressed (version 2) when <paramref name="compress"/>.</summary>
    public static byte[] Encode(IReadOnlyList<InboundEvent> events, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(events);
        var details = HasScanDetails(events);
        var table = new StringTable();
        var body = Scratch(ref t_body);
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(events.Count);
            var previousTicks = 0L;
            foreach (var e in events)
            {
                WriteEvent(writer, table, e, previousTicks, details);
                previousTicks = e.Time.UtcTicks;
            }
        }

        var message = Scratch(ref t_message);
        using (var writer = new BinaryWriter(message, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(details ? PlainWithScanDetails : Plain);
            writer.Write7BitEncodedInt(table.Strings.Count);
            foreach (var s in table.Strings)
            {
                writer.Write(s);
            }
        }

        message.Write(body.GetBuffer(), 0, (int)body.Length);
        var plain = message.GetBuffer().AsSpan(0, (int)message.Length);
        var encoded = compress ? Compress(plain, details ? CompressedWithScanDetails : Compressed) : plain.ToArray();
        Release(ref t_body);
        Release(ref t_message);
        return encoded;
    }

    private static MemoryStream Scratch(ref MemoryStream? kept)
    {
        kept ??= new MemoryStream();
        kept.SetLength(0);
        return kept;
    }

    private static void Release(ref MemoryStream? kept)
    {
        if (kept is { Capacity: > KeptScratchBytes })
        {
            kept = null;
        }
    }

    /// <summary>
    /// An upper bound of the event's size in this form, for a producer to keep a message under a
    /// queue's size limit before writing it. The strings events share are counted again whenever they
    /// differ from the previous event's, which over-counts a little when they alternate, never under.
    /// </summary>
    public static int SizeBound(InboundEvent e, InboundEvent? previous)
    {
        ArgumentNullException.ThrowIfNull(e);
        var shared = (ReferenceEquals(e.Source, previous?.Source) ? 0 : Utf8(e.Source))
            + (ReferenceEquals(e.TraceParent, previous?.TraceParent) ? 0 : Utf8(e.TraceParent))
            + (ReferenceEquals(e.TraceState, previous?.TraceState) ? 0 : Utf8(e.TraceState));
        var own = e switch
        {
            PingReceived p => 48 + Utf8(p.VehicleId),
            ScanReceived s => 64 + Utf8(s.TrackingNumber) + Utf8(s.FacilityId) + Utf8(s.VehicleId) + Utf8(s.Note)
                + (s.Reason is null ? 0 : 64) + Utf8(s.Proof?.SignedBy) + Utf8(s.Proof?.PhotoUrl) + Utf8(s.Proof?.SignatureUrl),
            _ => throw new ArgumentException($"No compact form for {e.GetType().Name}.", nameof(e)),
        };
        return shared + own + Utf8(e.Id);
    }

    /// <summary>The events of a message in compact form.</summary>
    /// <exception cref="InvalidDataException">The payload is not of a version this silo reads.</exception>
    public static InboundEvent[] Decode(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0 || payload[0] is not (Plain or Compressed or PlainWithScanDetails or CompressedWithScanDetails))
        {
            var version = payload.Length == 0 ? "(none)" : payload[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new InvalidDataException($"Inbound batch version {version} is not one this silo reads (it reads {Plain} to {CompressedWithScanDetails}).");
        }

        var details = payload[0] is PlainWithScanDetails or CompressedWithScanDetails;
        using var content = payload[0] is Compressed or CompressedWithScanDetails
            ? Decompress(payload)
            : new MemoryStream(payload, 1, payload.Length - 1, writable: false);
        using var reader = new BinaryReader(content, Encoding.UTF8);
        var strings = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        var events = new InboundEvent[reader.Read7BitEncodedInt()];
        var previousTicks = 0L;
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = ReadEvent(reader, strings, previousTicks, details);
            previousTicks = events[i].Time.UtcTicks;
        }

        return events;
    }

    private static bool HasScanDetails(IReadOnlyList<InboundEvent> events)
    {
        foreach (var e in events)
        {
            if (e is ScanReceived scan && (scan.Reason is not null || scan.Proof is not null))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteEvent(BinaryWriter writer, StringTable table, InboundEvent e, long previousTicks, bool details)
    {
        writer.Write(e switch
        {
            PingReceived => PingKind,
            ScanReceived => ScanKind,
            _ => throw new ArgumentException($"No compact form for {e.GetType().Name}.", nameof(e)),
        });
        writer.Write7BitEncodedInt(table.IndexOf(e.Source));
        writer.Write(e.Id);
        writer.Write7BitEncodedInt64(ZigZag(e.Time.UtcTicks - previousTicks));
        writer.Write((short)e.Time.TotalOffsetMinutes);
        writer.Write7BitEncodedInt(e.TraceParent is null ? 0 : table.IndexOf(e.TraceParent) + 1);
        writer.Write7BitEncodedInt(e.TraceState is null ? 0 : table.IndexOf(e.TraceState) + 1);
        switch (e)
        {
            case PingReceived ping:
                writer.Write(ping.VehicleId);
                writer.Write(ping.Position.Lat);
                writer.Write(ping.Position.Lon);
                writer.Write(Flags(ping.SpeedKmh.HasValue, ping.HeadingDeg.HasValue, ping.AccuracyM.HasValue, false));
                WriteIfPresent(writer, ping.SpeedKmh);
                WriteIfPresent(writer, ping.HeadingDeg);
                WriteIfPresent(writer, ping.AccuracyM);
                break;
            case ScanReceived scan:
                writer.Write(scan.TrackingNumber);
                writer.Write7BitEncodedInt(table.IndexOf(scan.ScanType.ToString()));
                writer.Write(Flags(scan.Location.HasValue, scan.FacilityId is not null, scan.VehicleId is not null, scan.Note is not null));
                if (scan.Location is { } location)
                {
                    writer.Write(location.Lat);
                    writer.Write(location.Lon);
                }

                WriteIfPresent(writer, scan.FacilityId);
                WriteIfPresent(writer, scan.VehicleId);
                WriteIfPresent(writer, scan.Note);
                if (details)
                {
                    WriteDetails(writer, table, scan);
                }

                break;
        }
    }

    private static void WriteDetails(BinaryWriter writer, StringTable table, ScanReceived scan)
    {
        var proof = scan.Proof;
        writer.Write(Flags(scan.Reason.HasValue, proof?.SignedBy is not null, proof?.PhotoUrl is not null, proof?.SignatureUrl is not null));
        if (scan.Reason is { } reason)
        {
            writer.Write7BitEncodedInt(table.IndexOf(reason.ToString()));
        }

        WriteIfPresent(writer, proof?.SignedBy);
        WriteIfPresent(writer, proof?.PhotoUrl);
        WriteIfPresent(writer, proof?.SignatureUrl);
    }

    private static InboundEvent ReadEvent(BinaryReader reader, string[] strings, long previousTicks, bool details)
    {
        var kind = reader.ReadByte();
        var source = strings[reader.Read7BitEncodedInt()];
        var id = reader.ReadString();
        var utcTicks = previousTicks + UnZigZag(reader.Read7BitEncodedInt64());
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        var time = new DateTimeOffset(utcTicks + offset.Ticks, offset);
        var traceParent = reader.Read7BitEncodedInt() is var p and > 0 ? strings[p - 1] : null;
        var traceState = reader.Read7BitEncodedInt() is var s and > 0 ? strings[s - 1] : null;
        switch (kind)
        {
            case PingKind:
            {
                var vehicleId = reader.ReadString();
                var position = new GeoPoint(reader.ReadDouble(), reader.ReadDouble());
                var flags = reader.ReadByte();
                return new PingReceived(
                    source, id, time, vehicleId, position,
                    ReadDoubleIf(reader, flags, 0), ReadDoubleIf(reader, flags, 1), ReadDoubleIf(reader, flags, 2))
                {
                    TraceParent = traceParent,
                    TraceState = traceState,
                };
            }

            case ScanKind:
            {
                var trackingNumber = reader.ReadString();
                var scanType = Enum.Parse<ScanType>(strings[reader.Read7BitEncodedInt()]);
                var flags = reader.ReadByte();
                GeoPoint? location = (flags & 1) != 0 ? new GeoPoint(reader.ReadDouble(), reader.ReadDouble()) : null;
                var scan = new ScanReceived(
                    source, id, time, trackingNumber, scanType, location,
                    ReadStringIf(reader, flags, 1), ReadStringIf(reader, flags, 2), ReadStringIf(reader, flags, 3))
                {
                    TraceParent = traceParent,
                    TraceState = traceState,
                };
                return details ? ReadDetails(reader, strings, scan) : scan;
            }

            default:
                throw new InvalidDataException($"Unknown inbound event kind {kind}.");
        }
    }

    private static ScanReceived ReadDetails(BinaryReader reader, string[] strings, ScanReceived scan)
    {
        var flags = reader.ReadByte();
        var reason = (flags & 1) != 0 ? Enum.Parse<ExceptionReason>(strings[reader.Read7BitEncodedInt()]) : (ExceptionReason?)null;
        var proof = ProofOfDelivery.Of(ReadStringIf(reader, flags, 1), ReadStringIf(reader, flags, 2), ReadStringIf(reader, flags, 3));
        return flags == 0 ? scan : scan with { Reason = reason, Proof = proof };
    }

    /// <summary>Version 2 (4) of a version 1 (3) message: its version byte replaced, the rest compressed.</summary>
    private static byte[] Compress(ReadOnlySpan<byte> plain, byte version)
    {
        var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(1 + BrotliEncoder.GetMaxCompressedLength(plain.Length - 1));
        try
        {
            scratch[0] = version;
            if (!BrotliEncoder.TryCompress(plain[1..], scratch.AsSpan(1), out var written, BrotliQuality, BrotliWindowBits))
            {
                throw new InvalidOperationException("Brotli could not compress an inbound batch into its own bound.");
            }

            return scratch[..(1 + written)];
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>The version 1 bytes (after the version byte) of a version 2 message, in memory: read field by field, a stream of its own would cost a call per byte.</summary>
    private static MemoryStream Decompress(byte[] payload)
    {
        var plain = new MemoryStream(payload.Length * 3);
        using (var brotli = new BrotliStream(new MemoryStream(payload, 1, payload.Length - 1, writable: false), CompressionMode.Decompress))
        {
            brotli.CopyTo(plain);
        }

        plain.Position = 0;
        return plain;
    }

    /// <summary>Small differences of either sign in few bytes: live events of one message are close in time.</summary>
    private static long ZigZag(long value) => (value << 1) ^ (value >> 63);

    private static long UnZigZag(long value) => (long)((ulong)value >> 1) ^ -(value & 1);

    /// <summary>A string's bytes and its length prefix.</summary>
    private static int Utf8(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value) + 2;

    private static byte Flags(bool first, bool second, bool third, bool fourth) =>
        (byte)((first ? 1 : 0) | (second ? 2 : 0) | (third ? 4 : 0) | (fourth ? 8 : 0));

    private static void WriteIfPresent(BinaryWriter writer, double? value)
    {
        if (value is { } v)
        {
            writer.Write(v);
        }
    }

    private static void WriteIfPresent(BinaryWriter writer, string? value)
    {
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static double? ReadDoubleIf(BinaryReader reader, byte flags, int bit) => (flags & (1 << bit)) != 0 ? reader.ReadDouble() : null;

    private static string? ReadStringIf(BinaryReader reader, byte flags, int bit) => (flags & (1 << bit)) != 0 ? reader.ReadString() : null;

    /// <summary>The strings a message's events share, each written once.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

        public List<string> Strings { get; } = [];

        public int IndexOf(string value)
        {
            if (!_indexes.TryGetValue(value, out var index))
            {
                index = Strings.Count;
                _indexes.Add(value, index);
                Strings.Add(value);
            }

            return index;
        }
    }
}
