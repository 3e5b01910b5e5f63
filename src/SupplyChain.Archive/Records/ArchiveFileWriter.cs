using Parquet;
using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Ingestion;
using SupplyChain.Contracts.Shipments;
using SupplyChain.Contracts.Vehicles;

namespace SupplyChain.Archive.Records;

/// <summary>
/// Encodes a batch of inbound and outbound events as one Parquet file of <see cref="ArchiveSchema"/>:
/// row groups of <see cref="RowGroupRows"/>, <see cref="ParquetSettings.Write"/>. Strings
/// that repeat (types, sources, vehicle ids) are dictionary-encoded by the library. Stateless.
/// </summary>
public static class ArchiveFileWriter
{
    private static readonly string VehicleSourcePrefix = EventTypes.VehicleSource(string.Empty);

    /// <summary>
    /// Rows per row group. Column arrays of this many rows stay under the large object heap's 85,000
    /// bytes, so a file's buffers die young instead of forcing full collections in a silo whose heap
    /// holds the fleet.
    /// </summary>
    internal const int RowGroupRows = 4_096;

    /// <summary>The file's bytes: <paramref name="inbound"/> rows first, then <paramref name="outbound"/>.</summary>
    public static async Task<byte[]> EncodeAsync(IReadOnlyList<InboundEvent> inbound, IReadOnlyList<OutboundEvent> outbound, CancellationToken cancellationToken)
    {
        var total = inbound.Count + outbound.Count;
        var columns = new Columns(Math.Min(total, RowGroupRows));
        // About 40 bytes a record once compressed: sized so the stream rarely grows.
        using var stream = new MemoryStream(64 * 1024 + (total * 48));
        await using (var writer = await ParquetWriter.CreateAsync(ArchiveSchema.Schema, stream, ParquetSettings.Write, cancellationToken: cancellationToken))
        {
            for (var start = 0; start < total; start += RowGroupRows)
            {
                columns.Clear();
                for (var i = start; i < Math.Min(total, start + RowGroupRows); i++)
                {
                    if (i < inbound.Count)
                    {
                        columns.Add(inbound[i]);
                    }
                    else
                    {
                        columns.Add(outbound[i - inbound.Count]);
                    }
                }

                using var group = writer.CreateRowGroup();
                await columns.WriteAsync(group, cancellationToken);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The file's bytes for <paramref name="records"/> as read back, in their order: how an erasure writes a file again.</summary>
    public static async Task<byte[]> EncodeAsync(IReadOnlyList<ArchiveRecord> records, CancellationToken cancellationToken)
    {
        var columns = new Columns(Math.Min(records.Count, RowGroupRows));
        using var stream = new MemoryStream(64 * 1024 + (records.Count * 48));
        await using (var writer = await ParquetWriter.CreateAsync(ArchiveSchema.Schema, stream, ParquetSettings.Write, cancellationToken: cancellationToken))
        {
            foreach (var chunk in records.Chunk(RowGroupRows))
            {
                columns.Clear();
                foreach (var record in chunk)
                {
                    columns.Add(record);
                }

                using var group = writer.CreateRowGroup();
                await columns.WriteAsync(group, cancellationToken);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The column arrays of one row group, filled row by row, then written and cleared for the next.</summary>
    private sealed class Columns(int rows)
    {
        private readonly string[] _direction = new string[rows];
        private readonly string[] _type = new string[rows];
        private readonly string[] _source = new string[rows];
        private readonly string[] _id = new string[rows];
        private readonly string?[] _subject = new string?[rows];
        private readonly DateTime[] _time = new DateTime[rows];
        private readonly string?[] _trackingNumber = new string?[rows];
        private readonly string?[] _shipmentKey = new string?[rows];
        private readonly string?[] _vehicleId = new string?[rows];
        private readonly string?[] _scanType = new string?[rows];
        private readonly string?[] _facilityId = new string?[rows];
        private readonly string?[] _note = new string?[rows];
        private readonly double?[] _lat = new double?[rows];
        private readonly double?[] _lon = new double?[rows];
        private readonly double?[] _speed = new double?[rows];
        private readonly double?[] _heading = new double?[rows];
        private readonly double?[] _accuracy = new double?[rows];
        private readonly string?[] _data = new string?[rows];
        private readonly string?[] _reasonCode = new string?[rows];
        private readonly string?[] _signedBy = new string?[rows];
        private readonly string?[] _photoUrl = new string?[rows];
        private readonly string?[] _signatureUrl = new string?[rows];
        private int _row;

        public void Clear()
        {
            _row = 0;
            Array.Clear(_subject);
            Array.Clear(_trackingNumber);
            Array.Clear(_shipmentKey);
            Array.Clear(_vehicleId);
            Array.Clear(_scanType);
            Array.Clear(_facilityId);
            Array.Clear(_note);
            Array.Clear(_lat);
            Array.Clear(_lon);
            Array.Clear(_speed);
            Array.Clear(_heading);
            Array.Clear(_accuracy);
            Array.Clear(_data);
            Array.Clear(_reasonCode);
            Array.Clear(_signedBy);
            Array.Clear(_photoUrl);
            Array.Clear(_signatureUrl);
        }

        public void Add(InboundEvent e)
        {
            var i = Start(ArchiveDirection.Inbound, e.Source, e.Id, e.Time);
            switch (e)
            {
                case PingReceived ping:
                    _type[i] = EventTypes.GpsPing;
                    _subject[i] = ping.VehicleId;
                    _vehicleId[i] = ping.VehicleId;
                    _lat[i] = ping.Position.Lat;
                    _lon[i] = ping.Position.Lon;
                    _speed[i] = ping.SpeedKmh;
                    _heading[i] = ping.HeadingDeg;
                    _accuracy[i] = ping.AccuracyM;
                    break;
                case ScanReceived scan:
                    var number = ShipmentKey.TrackingNumberOf(scan.TrackingNumber);
                    _type[i] = EventTypes.ItemScanned;
                    _subject[i] = number;
                    _trackingNumber[i] = number;
                    _shipmentKey[i] = number == scan.TrackingNumber ? null : scan.TrackingNumber;
                    _vehicleId[i] = scan.VehicleId;
                    _scanType[i] = scan.ScanType.ToString();
                    _facilityId[i] = scan.FacilityId;
                    _note[i] = scan.Note;
                    _lat[i] = scan.Location?.Lat;
                    _lon[i] = scan.Location?.Lon;
                    _reasonCode[i] = scan.Reason?.ToString();
                    _signedBy[i] = scan.Proof?.SignedBy;
                    _photoUrl[i] = scan.Proof?.PhotoUrl;
                    _signatureUrl[i] = scan.Proof?.SignatureUrl;
                    break;
                default:
                    throw new NotSupportedException($"No archive columns for inbound event {e.GetType().Name}.");
            }
        }

        public void Add(OutboundEvent e)
        {
            var i = Start(ArchiveDirection.Outbound, e.Source, e.Id, e.Time);
            _type[i] = e.Type;
            _subject[i] = e.Subject;
            _data[i] = e.Data;
            if (e.Source.StartsWith(VehicleSourcePrefix, StringComparison.Ordinal))
            {
                _vehicleId[i] = e.Subject;
            }
            else
            {
                _trackingNumber[i] = e.Subject;
                _shipmentKey[i] = e.Shipments is [var key] && key != e.Subject ? key : null;
            }
        }

        public void Add(ArchiveRecord r)
        {
            var i = Start(r.Direction, r.Source, r.Id, r.Time);
            _type[i] = r.Type;
            _subject[i] = r.Subject;
            _trackingNumber[i] = r.TrackingNumber;
            _shipmentKey[i] = r.ShipmentKey;
            _vehicleId[i] = r.VehicleId;
            _scanType[i] = r.ScanType;
            _facilityId[i] = r.FacilityId;
            _note[i] = r.Note;
            _lat[i] = r.Lat;
            _lon[i] = r.Lon;
            _speed[i] = r.SpeedKmh;
            _heading[i] = r.HeadingDeg;
            _accuracy[i] = r.AccuracyM;
            _data[i] = r.Data;
            _reasonCode[i] = r.ReasonCode;
            _signedBy[i] = r.SignedBy;
            _photoUrl[i] = r.PhotoUrl;
            _signatureUrl[i] = r.SignatureUrl;
        }

        public async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            var n = _row;
            await group.WriteAsync(ArchiveSchema.Direction, new ArraySegment<string>(_direction, 0, n));
            await group.WriteAsync(ArchiveSchema.Type, new ArraySegment<string>(_type, 0, n));
            await group.WriteAsync(ArchiveSchema.Source, new ArraySegment<string>(_source, 0, n));
            await group.WriteAsync(ArchiveSchema.Id, new ArraySegment<string>(_id, 0, n));
            await group.WriteAsync(ArchiveSchema.Subject, Strings(_subject, n));
            await group.WriteAsync<DateTime>(ArchiveSchema.Time, _time.AsMemory(0, n), cancellationToken: cancellationToken);
            await group.WriteAsync(ArchiveSchema.TrackingNumber, Strings(_trackingNumber, n));
            await group.WriteAsync(ArchiveSchema.ShipmentKey, Strings(_shipmentKey, n));
            await group.WriteAsync(ArchiveSchema.VehicleId, Strings(_vehicleId, n));
            await group.WriteAsync(ArchiveSchema.ScanType, Strings(_scanType, n));
            await group.WriteAsync(ArchiveSchema.FacilityId, Strings(_facilityId, n));
            await group.WriteAsync(ArchiveSchema.Note, Strings(_note, n));
            await group.WriteAsync<double>(ArchiveSchema.Lat, _lat.AsMemory(0, n), cancellationToken: cancellationToken);
            await group.WriteAsync<double>(ArchiveSchema.Lon, _lon.AsMemory(0, n), cancellationToken: cancellationToken);
            await group.WriteAsync<double>(ArchiveSchema.SpeedKmh, _speed.AsMemory(0, n), cancellationToken: cancellationToken);
            await group.WriteAsync<double>(ArchiveSchema.HeadingDeg, _heading.AsMemory(0, n), cancellationToken: cancellationToken);
            await group.WriteAsync<double>(ArchiveSchema.AccuracyM, _accuracy.AsMemory(0, n), cancellationToken: cancellationToken);
            await group.WriteAsync(ArchiveSchema.Data, Strings(_data, n));
            await group.WriteAsync(ArchiveSchema.ReasonCode, Strings(_reasonCode, n));
            await group.WriteAsync(ArchiveSchema.SignedBy, Strings(_signedBy, n));
            await group.WriteAsync(ArchiveSchema.PhotoUrl, Strings(_photoUrl, n));
            await group.WriteAsync(ArchiveSchema.SignatureUrl, Strings(_signatureUrl, n));
        }

        private int Start(string direction, string source, string id, DateTimeOffset time)
        {
            var i = _row++;
            _direction[i] = direction;
            _source[i] = source;
            _id[i] = id;
            _time[i] = time.UtcDateTime;
            return i;
        }
    }

    /// <summary>Nullable string columns: the library takes nulls in a plain string collection.</summary>
    private static IReadOnlyCollection<string> Strings(string?[] values, int count) => new ArraySegment<string>(values!, 0, count);
}
