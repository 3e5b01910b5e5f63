using Parquet;
using Parquet.Schema;

namespace SupplyChain.Archive.Records;

/// <summary>
/// Reads archive files back into <see cref="ArchiveRecord"/>s. Columns are looked up by name, so a
/// file written before a column was added reads with that column null. Stateless.
/// </summary>
public static class ArchiveFileReader
{
    /// <summary>Which rows to read, from a row's direction, source and vehicle id; the other columns are read only for row groups where one is kept.</summary>
    public delegate bool RowFilter(string direction, string source, string? vehicleId);

    /// <summary>Every row of the file in <paramref name="stream"/>, in file order (copies included).</summary>
    public static Task<IReadOnlyList<ArchiveRecord>> ReadAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadAsync(stream, null, cancellationToken);

    /// <summary>The rows of the file in <paramref name="stream"/> that <paramref name="keep"/> accepts (every row when null), in file order (copies included).</summary>
    public static async Task<IReadOnlyList<ArchiveRecord>> ReadAsync(Stream stream, RowFilter? keep, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, ParquetSettings.Read, cancellationToken: cancellationToken);
        var records = new List<ArchiveRecord>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var direction = await Strings(reader, group, ArchiveSchema.Direction, rows, cancellationToken);
            var source = await Strings(reader, group, ArchiveSchema.Source, rows, cancellationToken);
            var vehicleId = await Strings(reader, group, ArchiveSchema.VehicleId, rows, cancellationToken);
            var wanted = new List<int>(keep is null ? rows : 0);
            for (var i = 0; i < rows; i++)
            {
                if (keep is null || keep(direction[i]!, source[i]!, vehicleId[i]))
                {
                    wanted.Add(i);
                }
            }

            if (wanted.Count == 0)
            {
                continue;
            }

            var type = await Strings(reader, group, ArchiveSchema.Type, rows, cancellationToken);
            var id = await Strings(reader, group, ArchiveSchema.Id, rows, cancellationToken);
            var subject = await Strings(reader, group, ArchiveSchema.Subject, rows, cancellationToken);
            var time = new DateTime[rows];
            await group.ReadAsync<DateTime>(Field(reader, ArchiveSchema.Time)!, time, cancellationToken: cancellationToken);
            var trackingNumber = await Strings(reader, group, ArchiveSchema.TrackingNumber, rows, cancellationToken);
            var shipmentKey = await Strings(reader, group, ArchiveSchema.ShipmentKey, rows, cancellationToken);
            var scanType = await Strings(reader, group, ArchiveSchema.ScanType, rows, cancellationToken);
            var facilityId = await Strings(reader, group, ArchiveSchema.FacilityId, rows, cancellationToken);
            var note = await Strings(reader, group, ArchiveSchema.Note, rows, cancellationToken);
            var lat = await Doubles(reader, group, ArchiveSchema.Lat, rows, cancellationToken);
            var lon = await Doubles(reader, group, ArchiveSchema.Lon, rows, cancellationToken);
            var speed = await Doubles(reader, group, ArchiveSchema.SpeedKmh, rows, cancellationToken);
            var heading = await Doubles(reader, group, ArchiveSchema.HeadingDeg, rows, cancellationToken);
            var accuracy = await Doubles(reader, group, ArchiveSchema.AccuracyM, rows, cancellationToken);
            var data = await Strings(reader, group, ArchiveSchema.Data, rows, cancellationToken);
            var reasonCode = await Strings(reader, group, ArchiveSchema.ReasonCode, rows, cancellationToken);
            var signedBy = await Strings(reader, group, ArchiveSchema.SignedBy, rows, cancellationToken);
            var photoUrl = await Strings(reader, group, ArchiveSchema.PhotoUrl, rows, cancellationToken);
            var signatureUrl = await Strings(reader, group, ArchiveSchema.SignatureUrl, rows, cancellationToken);
            foreach (var i in wanted)
            {
                records.Add(new ArchiveRecord(
                    direction[i]!, type[i]!, source[i]!, id[i]!, subject[i], new DateTimeOffset(DateTime.SpecifyKind(time[i], DateTimeKind.Utc)),
                    trackingNumber[i], shipmentKey[i], vehicleId[i], scanType[i], facilityId[i], note[i],
                    lat[i], lon[i], speed[i], heading[i], accuracy[i], data[i])
                {
                    ReasonCode = reasonCode[i],
                    SignedBy = signedBy[i],
                    PhotoUrl = photoUrl[i],
                    SignatureUrl = signatureUrl[i],
                });
            }
        }

        return records;
    }

    /// <summary>The file's own field of <paramref name="field"/>'s name, or null when the file has no such column.</summary>
    private static DataField? Field(ParquetReader reader, DataField field) =>
        reader.Schema.DataFields.FirstOrDefault(f => f.Name == field.Name);

    private static async Task<string?[]> Strings(ParquetReader reader, ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows];
        if (Field(reader, field) is { } own)
        {
            await group.ReadAsync(own, values!, cancellationToken: cancellationToken);
        }

        return values;
    }

    private static async Task<double?[]> Doubles(ParquetReader reader, ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new double?[rows];
        if (Field(reader, field) is { } own)
        {
            await group.ReadAsync<double>(own, values, cancellationToken: cancellationToken);
        }

        return values;
    }
}
