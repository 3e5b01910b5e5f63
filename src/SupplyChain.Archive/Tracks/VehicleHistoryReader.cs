using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// A vehicle's own outbound events over a span of time, from the archive: for each hour, the vehicle
/// events the track index keeps (<see cref="VehicleEvents"/>) and the event files the index does not
/// cover yet (a minute's worth); an hour without an index is read from all its event files. Reading
/// every event file of a day, as this did before, cost a request thousands of files at a fleet's
/// rate. Thread safe.
/// </summary>
public sealed class VehicleHistoryReader(IArchiveStore store)
{
    /// <summary>The events <paramref name="vehicleId"/> raised with time in [<paramref name="from"/>, <paramref name="to"/>], in time order, each once.</summary>
    public async Task<IReadOnlyList<ArchiveRecord>> VehicleAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var perHour = await IndexedHours.EachAsync(ArchiveLayout.Hours(from, to).ToList(), FilesAsync, cancellationToken);
        var perFile = await IndexedHours.EachAsync(
            perHour.SelectMany(f => f).ToList(),
            async (path, ct) => await store.ReadAsync(path, ct) is { } content
                ? await ArchiveFileReader.ReadAsync(new MemoryStream(content), (d, s, v) => v == vehicleId && VehicleEvents.Is(d, s, v), ct)
                : [],
            cancellationToken);
        var seen = new HashSet<(string, string)>();
        return [.. perFile.SelectMany(r => r).Where(r => r.Time >= from && r.Time <= to && seen.Add(r.IdentityKey)).OrderBy(r => r.Time)];
    }

    /// <summary>
    /// The files that hold hour <paramref name="hour"/>'s vehicle events: its index's and the event files
    /// it does not cover; every event file when the hour has no index of vehicle events.
    /// </summary>
    private async Task<List<string>> FilesAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var manifest = await TrackIndexer.ReadManifestAsync(store, hour, cancellationToken);
        var indexed = manifest?.Events is not null ? manifest : null;
        return [.. indexed?.Events ?? [], .. await IndexedHours.UncoveredEventFilesAsync(store, hour, indexed, cancellationToken)];
    }
}
