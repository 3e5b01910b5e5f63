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
    /// <summary>Hours, and then files, read at once.</summary>
    private const int Parallelism = 8;

    /// <summary>The events <paramref name="vehicleId"/> raised with time in [<paramref name="from"/>, <paramref name="to"/>], in time order, each once.</summary>
    public async Task<IReadOnlyList<ArchiveRecord>> VehicleAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var hours = ArchiveLayout.Hours(from, to).ToList();
        var perHour = new List<string>[hours.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, hours.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => perHour[i] = await FilesAsync(hours[i], ct));

        var files = perHour.SelectMany(f => f).ToList();
        var perFile = new IReadOnlyList<ArchiveRecord>[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => perFile[i] = await store.ReadAsync(files[i], ct) is { } content
                ? await ArchiveFileReader.ReadAsync(new MemoryStream(content), (d, s, v) => v == vehicleId && VehicleEvents.Is(d, s, v), ct)
                : []);

        var seen = new HashSet<(string, string)>();
        return [.. perFile.SelectMany(r => r).Where(r => r.Time >= from && r.Time <= to && seen.Add(r.IdentityKey)).OrderBy(r => r.Time)];
    }

    /// <summary>The files that hold hour <paramref name="hour"/>'s vehicle events: its index's and the event files it does not cover.</summary>
    private async Task<List<string>> FilesAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var manifest = await TrackIndexer.ReadManifestAsync(store, hour, cancellationToken);
        var indexed = manifest?.Events is not null;
        var files = indexed ? [.. manifest!.Events!] : new List<string>();
        var covered = indexed ? manifest!.Covers.ToHashSet(StringComparer.Ordinal) : [];
        await foreach (var file in store.ListAsync(ArchiveLayout.HourFolder(hour), cancellationToken))
        {
            if (ArchiveLayout.IsEventFile(file.Path) && !covered.Contains(file.Path))
            {
                files.Add(file.Path);
            }
        }

        return files;
    }
}
