using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// A vehicle's positions over a span of time, from the archive: for each hour, its track files (only
/// the row groups that hold the vehicle) and whatever event files the index does not cover yet (those
/// archived since the indexer's last pass, a minute's worth). Thread safe.
/// </summary>
public sealed class TrackReader(IArchiveStore store)
{
    /// <summary>The positions of <paramref name="vehicleId"/> with time in [<paramref name="from"/>, <paramref name="to"/>], in time order, each once.</summary>
    public async Task<IReadOnlyList<TrackPoint>> VehicleAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var perHour = await IndexedHours.EachAsync(ArchiveLayout.Hours(from, to).ToList(), SourcesAsync, cancellationToken);
        var perSource = await IndexedHours.EachAsync(perHour.SelectMany(s => s).ToList(), (source, ct) => ReadAsync(source, vehicleId, ct), cancellationToken);
        var points = perSource.SelectMany(p => p).Where(p => p.Time >= from && p.Time <= to).ToList();
        return TrackPoints.SortedDistinct(points, byVehicle: false);
    }

    /// <summary>The files that hold hour <paramref name="hour"/>'s pings: its track files and the event files they do not cover.</summary>
    private async Task<List<TrackSource>> SourcesAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var manifest = await TrackIndexer.ReadManifestAsync(store, hour, cancellationToken);
        var uncovered = await IndexedHours.UncoveredEventFilesAsync(store, hour, manifest, cancellationToken);
        return
        [
            .. manifest?.TrackFiles(hour).Select(path => new TrackSource(path, Indexed: true)) ?? [],
            .. uncovered.Select(path => new TrackSource(path, Indexed: false)),
        ];
    }

    private async Task<IReadOnlyList<TrackPoint>> ReadAsync(TrackSource source, string vehicleId, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(source.Path, cancellationToken);
        return stream is null ? []
            : source.Indexed ? await TrackFile.ReadVehicleAsync(stream, vehicleId, cancellationToken)
            : await ArchivePings.ReadAsync(stream, v => v == vehicleId, cancellationToken);
    }

    /// <summary>A file to read a vehicle's pings from: a track file (<paramref name="Indexed"/>) or an event file.</summary>
    private readonly record struct TrackSource(string Path, bool Indexed);
}
