using Parquet;
using Parquet.Schema;
using SupplyChain.Archive.Tracks;
using SupplyChain.Contracts.Events;

namespace SupplyChain.Archive.Records;

/// <summary>Reads only the GPS pings of an archive file, and only the columns a track needs. Stateless.</summary>
internal static class ArchivePings
{
    /// <summary>The pings in the file of <paramref name="stream"/> whose vehicle <paramref name="vehicle"/> accepts (every one when null).</summary>
    public static async Task<List<TrackPoint>> ReadAsync(Stream stream, Func<string, bool>? vehicle, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, ParquetSettings.Read, cancellationToken: cancellationToken);
        var points = new List<TrackPoint>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var type = new string[rows];
            var vehicleId = new string?[rows];
            await group.ReadAsync(Field(reader, ArchiveSchema.Type), type, cancellationToken: cancellationToken);
            await group.ReadAsync(Field(reader, ArchiveSchema.VehicleId), vehicleId!, cancellationToken: cancellationToken);
            var wanted = new List<int>();
            for (var i = 0; i < rows; i++)
            {
                if (type[i] == EventTypes.GpsPing && vehicleId[i] is { } v && (vehicle is null || vehicle(v)))
                {
                    wanted.Add(i);
                }
            }

            if (wanted.Count == 0)
            {
                continue;
            }

            var time = new DateTime[rows];
            var lat = new double?[rows];
            var lon = new double?[rows];
            var speed = new double?[rows];
            var heading = new double?[rows];
            var accuracy = new double?[rows];
            await group.ReadAsync<DateTime>(Field(reader, ArchiveSchema.Time), time, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Field(reader, ArchiveSchema.Lat), lat, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Field(reader, ArchiveSchema.Lon), lon, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Field(reader, ArchiveSchema.SpeedKmh), speed, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Field(reader, ArchiveSchema.HeadingDeg), heading, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Field(reader, ArchiveSchema.AccuracyM), accuracy, cancellationToken: cancellationToken);
            foreach (var i in wanted)
            {
                points.Add(new TrackPoint(vehicleId[i]!, new DateTimeOffset(DateTime.SpecifyKind(time[i], DateTimeKind.Utc)), lat[i] ?? 0, lon[i] ?? 0, speed[i], heading[i], accuracy[i]));
            }
        }

        return points;
    }

    private static DataField Field(ParquetReader reader, DataField field) =>
        reader.Schema.DataFields.First(f => f.Name == field.Name);
}
