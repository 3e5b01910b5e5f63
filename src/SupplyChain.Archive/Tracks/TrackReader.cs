using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// A vehicle's positions over a span of time, from the archive: for each hour, its track index (only the
/// row groups that hold the vehicle) and whatever event files the index does not cover (the hours not
/// yet indexed, and events archived after the index was built). Thread safe.
/// </summary>
public sealed class TrackReader(IArchiveStore store)
{
    /// <summary>Hours read at once.</summary>
    private const int Parallelism = 8;

    /// <summary>The positions of <paramref name="vehicleId"/> with time in [<paramref name="from"/>, <paramref name="to"/>], in time order, each once.</summary>
    public async Task<IReadOnlyList<TrackPoint>> VehicleAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var hours = ArchiveLayout.Hours(from, to).ToList();
        var perHour = new List<TrackPoint>[hours.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, hours.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => perHour[i] = await HourAsync(vehicleId, hours[i], ct));

        var points = perHour.SelectMany(p => p).Where(p => p.Time >= from && p.Time <= to).ToList();
        return TrackPoints.SortedDistinct(points, byVehicle: false);
    }

    private async Task<List<TrackPoint>> HourAsync(string vehicleId, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var points = new List<TrackPoint>();
        var manifest = await TrackIndexer.ReadManifestAsync(store, hour, cancellationToken);
        if (manifest is not null)
        {
            await using var track = await store.OpenReadAsync(TrackLayout.TrackFileOf(hour), cancellationToken);
            if (track is not null)
            {
                points.AddRange(await TrackFile.ReadVehicleAsync(track, vehicleId, cancellationToken));
            }
        }

        await foreach (var file in store.ListAsync(ArchiveLayout.HourFolder(hour), cancellationToken))
        {
            if (!ArchiveLayout.IsEventFile(file.Path) || (manifest is not null && manifest.Covers.Contains(file.Path)))
            {
                continue;
            }

            await using var stream = await store.OpenReadAsync(file.Path, cancellationToken);
            if (stream is not null)
            {
                points.AddRange(await ArchivePings.ReadAsync(stream, v => v == vehicleId, cancellationToken));
            }
        }

        return points;
    }
}
