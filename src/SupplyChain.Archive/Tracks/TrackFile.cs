using System.Text.Json;
using Parquet;
using Parquet.Schema;
using SupplyChain.Archive.Records;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// An hour's index of vehicle tracks: every ping of the hour once, sorted by vehicle and time, in row
/// groups of <see cref="RowGroupRows"/>; the file's metadata lists each row group's first and last
/// vehicle, so a reader finds one vehicle's rows from the footer and reads only their row groups (on
/// Azure, ranged reads of a few hundred kilobytes instead of the hour). Stateless.
/// </summary>
internal static class TrackFile
{
    /// <summary>Rows per row group: small enough that one vehicle's hour costs little to read.</summary>
    public const int RowGroupRows = 8_192;

    private const string RangesKey = "supplychain.vehicle_ranges";
    private static readonly DataField<string> VehicleId = new("vehicle_id", nullable: false);
    private static readonly DateTimeDataField Time = new("time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos, isNullable: false);
    private static readonly DataField<double> Lat = new("lat");
    private static readonly DataField<double> Lon = new("lon");
    private static readonly DataField<double?> SpeedKmh = new("speed_kmh");
    private static readonly DataField<double?> HeadingDeg = new("heading_deg");
    private static readonly DataField<double?> AccuracyM = new("accuracy_m");
    private static readonly ParquetSchema Schema = new(VehicleId, Time, Lat, Lon, SpeedKmh, HeadingDeg, AccuracyM);

    /// <summary>The file of <paramref name="points"/>, which must be sorted by vehicle (ordinal) and time.</summary>
    public static async Task<byte[]> EncodeAsync(IReadOnlyList<TrackPoint> points, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        var ranges = new List<string[]>();
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, ParquetSettings.Write, cancellationToken: cancellationToken))
        {
            for (var start = 0; start < points.Count; start += RowGroupRows)
            {
                var group = points.Skip(start).Take(RowGroupRows).ToArray();
                ranges.Add([group[0].VehicleId, group[^1].VehicleId]);
                using var rows = writer.CreateRowGroup();
                await rows.WriteAsync(VehicleId, group.Select(p => p.VehicleId).ToArray());
                await rows.WriteAsync<DateTime>(Time, group.Select(p => p.Time.UtcDateTime).ToArray(), cancellationToken: cancellationToken);
                await rows.WriteAsync<double>(Lat, group.Select(p => p.Lat).ToArray(), cancellationToken: cancellationToken);
                await rows.WriteAsync<double>(Lon, group.Select(p => p.Lon).ToArray(), cancellationToken: cancellationToken);
                await rows.WriteAsync<double>(SpeedKmh, group.Select(p => p.SpeedKmh).ToArray(), cancellationToken: cancellationToken);
                await rows.WriteAsync<double>(HeadingDeg, group.Select(p => p.HeadingDeg).ToArray(), cancellationToken: cancellationToken);
                await rows.WriteAsync<double>(AccuracyM, group.Select(p => p.AccuracyM).ToArray(), cancellationToken: cancellationToken);
            }

            writer.CustomMetadata = new Dictionary<string, string> { [RangesKey] = JsonSerializer.Serialize(ranges) };
        }

        return stream.ToArray();
    }

    /// <summary>The points of <paramref name="vehicleId"/> in the file of <paramref name="stream"/> (seekable), reading only the row groups that can hold them.</summary>
    public static Task<IReadOnlyList<TrackPoint>> ReadVehicleAsync(Stream stream, string vehicleId, CancellationToken cancellationToken) =>
        ReadAsync(stream, vehicleId, cancellationToken);

    /// <summary>Every point in the file of <paramref name="stream"/>, in the file's order (by vehicle and time).</summary>
    public static Task<IReadOnlyList<TrackPoint>> ReadAllAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadAsync(stream, null, cancellationToken);

    private static async Task<IReadOnlyList<TrackPoint>> ReadAsync(Stream stream, string? vehicleId, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, ParquetSettings.Read, cancellationToken: cancellationToken);
        var ranges = reader.CustomMetadata.TryGetValue(RangesKey, out var json) ? JsonSerializer.Deserialize<string[][]>(json) : null;
        var points = new List<TrackPoint>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            if (vehicleId is not null && ranges is not null && g < ranges.Length
                && (string.CompareOrdinal(vehicleId, ranges[g][0]) < 0 || string.CompareOrdinal(vehicleId, ranges[g][1]) > 0))
            {
                continue;
            }

            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var vehicles = new string[rows];
            await group.ReadAsync(VehicleId, vehicles, cancellationToken: cancellationToken);
            var first = vehicleId is null ? 0 : Array.IndexOf(vehicles, vehicleId);
            if (first < 0)
            {
                continue;
            }

            var times = new DateTime[rows];
            var lat = new double[rows];
            var lon = new double[rows];
            var speed = new double?[rows];
            var heading = new double?[rows];
            var accuracy = new double?[rows];
            await group.ReadAsync<DateTime>(Time, times, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Lat, lat, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(Lon, lon, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(SpeedKmh, speed, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(HeadingDeg, heading, cancellationToken: cancellationToken);
            await group.ReadAsync<double>(AccuracyM, accuracy, cancellationToken: cancellationToken);
            for (var i = first; i < rows && (vehicleId is null || vehicles[i] == vehicleId); i++)
            {
                points.Add(new TrackPoint(vehicles[i], new DateTimeOffset(DateTime.SpecifyKind(times[i], DateTimeKind.Utc)), lat[i], lon[i], speed[i], heading[i], accuracy[i]));
            }
        }

        return points;
    }
}
