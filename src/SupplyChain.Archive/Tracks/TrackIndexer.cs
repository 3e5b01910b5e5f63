using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// Builds the hourly track index, so that a vehicle's track is a few ranged reads whatever the number
/// of event files. Each pass adds the event files archived since the last one to the hour's index as a
/// segment (every ping of those files, copies dropped, sorted by vehicle and time, in one
/// <see cref="TrackFile"/>), the current hour included: its track is what ops look at most, and at a
/// fleet's rate each archive writer adds a file every few seconds. Once an hour holds
/// <see cref="MaxTrackFiles"/> track files, and once it has ended and <see cref="ArchiveOptions.IndexAfter"/>
/// has passed, its track files and new event files are merged into one. A <see cref="TrackIndexManifest"/>
/// names the files covered and the track files. An hour whose folder gains files later is indexed again
/// (within <see cref="ArchiveOptions.IndexLookback"/>). Thread safe, but meant to run in one place at a
/// time (<see cref="Maintenance.ArchiveMaintenanceGrain"/>).
/// </summary>
public sealed partial class TrackIndexer(IArchiveStore store, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<TrackIndexer> logger)
{
    /// <summary>
    /// Most track files an hour holds before they are merged: a read of the hour costs a footer and
    /// a row group per track file (read 8 at once), a merge reads and writes the hour so far, so with
    /// the default period the current hour is merged about every quarter of an hour.
    /// </summary>
    internal const int MaxTrackFiles = 16;

    /// <summary>Indexes what every hour of the lookback, the current one included, gained since the last pass; returns how many hours were (re)built.</summary>
    public async Task<int> IndexDueHoursAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastEnded = ArchiveLayout.HourOf(now - options.Value.IndexAfter).AddHours(-1);
        var built = 0;
        foreach (var hour in ArchiveLayout.Hours(now - options.Value.IndexLookback, ArchiveLayout.HourOf(now)))
        {
            if (await IndexHourAsync(hour, ended: hour <= lastEnded, cancellationToken))
            {
                built++;
            }
        }

        return built;
    }

    /// <summary>
    /// Brings hour <paramref name="hour"/>'s index up to its event files: a segment of the new ones, or,
    /// when the hour has <paramref name="ended"/> or holds <see cref="MaxTrackFiles"/> track files, one
    /// merged track file; each with the vehicles' own events of the same files beside it. True when it wrote one.
    /// </summary>
    public async Task<bool> IndexHourAsync(DateTimeOffset hour, bool ended, CancellationToken cancellationToken)
    {
        var files = await store.EventFilesAsync(hour, cancellationToken);

        if (files.Count == 0)
        {
            return false;
        }

        var manifest = await ReadManifestAsync(store, hour, cancellationToken);
        if (manifest?.Retired is { Count: > 0 } retired)
        {
            foreach (var path in retired)
            {
                await store.DeleteAsync(path, cancellationToken);
            }

            manifest = manifest with { Retired = null };
            await WriteManifestAsync(hour, manifest, cancellationToken);
        }

        // An index from before vehicle events were kept beside the positions is built again whole.
        var outdated = manifest is { Events: null };
        var covered = outdated ? [] : manifest?.Covers ?? [];
        var fresh = files.Except(covered, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tracks = manifest?.TrackFiles(hour) ?? [];
        var events = manifest?.Events ?? [];
        var merge = (outdated && fresh.Count > 0)
            || (ended ? fresh.Count > 0 || tracks.Count > 1 : fresh.Count > 0 && tracks.Count >= MaxTrackFiles);
        if (!merge && fresh.Count == 0)
        {
            return false;
        }

        var (points, vehicleEvents) = await ReadEventFilesAsync(fresh, cancellationToken);
        if (merge && !outdated)
        {
            foreach (var path in tracks)
            {
                await using var stream = await store.OpenReadAsync(path, cancellationToken);
                if (stream is not null)
                {
                    points.AddRange(await TrackFile.ReadAllAsync(stream, cancellationToken));
                }
            }

            foreach (var path in events)
            {
                if (await store.ReadAsync(path, cancellationToken) is { } content)
                {
                    vehicleEvents.AddRange(await ArchiveFileReader.ReadAsync(new MemoryStream(content), cancellationToken));
                }
            }
        }

        var track = TrackPoints.SortedDistinct(points, byVehicle: true);
        var count = covered.Count + fresh.Count;
        var (trackPath, eventsPath) = merge
            ? (TrackLayout.TrackFileOf(hour), TrackLayout.VehicleEventsOf(hour))
            : (TrackLayout.SegmentOf(hour, count), TrackLayout.VehicleEventsSegmentOf(hour, count));
        await store.WriteAsync(trackPath, await TrackFile.EncodeAsync(track, cancellationToken), cancellationToken);
        await store.WriteAsync(eventsPath, await ArchiveFileWriter.EncodeAsync(VehicleEvents.SortedDistinct(vehicleEvents), cancellationToken), cancellationToken);
        await WriteManifestAsync(
            hour,
            merge
                ? new TrackIndexManifest(
                    [.. covered, .. fresh], track.Count, [trackPath], [.. tracks.Concat(events).Where(p => p != trackPath && p != eventsPath)], [eventsPath])
                : new TrackIndexManifest([.. covered, .. fresh], (manifest?.Points ?? 0) + track.Count, [.. tracks, trackPath], null, [.. events, eventsPath]),
            cancellationToken);
        if (merge)
        {
            LogMerged(logger, hour, tracks.Count, fresh.Count, track.Count);
        }
        else
        {
            LogSegment(logger, hour, fresh.Count, track.Count);
        }

        return true;
    }

    /// <summary>The pings and the vehicles' own events of the event files <paramref name="paths"/>.</summary>
    private async Task<(List<TrackPoint> Points, List<ArchiveRecord> VehicleEvents)> ReadEventFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var points = new List<TrackPoint>();
        var vehicleEvents = new List<ArchiveRecord>();
        foreach (var path in paths)
        {
            if (await store.ReadAsync(path, cancellationToken) is not { } content)
            {
                continue;
            }

            points.AddRange(await ArchivePings.ReadAsync(new MemoryStream(content), null, cancellationToken));
            vehicleEvents.AddRange(await ArchiveFileReader.ReadAsync(new MemoryStream(content), VehicleEvents.Is, cancellationToken));
        }

        return (points, vehicleEvents);
    }

    private Task WriteManifestAsync(DateTimeOffset hour, TrackIndexManifest manifest, CancellationToken cancellationToken) =>
        store.WriteAsync(TrackLayout.ManifestOf(hour), JsonSerializer.SerializeToUtf8Bytes(manifest), cancellationToken);

    /// <summary>Hour <paramref name="hour"/>'s manifest, or null when the hour has no index.</summary>
    internal static async Task<TrackIndexManifest?> ReadManifestAsync(IArchiveStore store, DateTimeOffset hour, CancellationToken cancellationToken) =>
        await store.ReadAsync(TrackLayout.ManifestOf(hour), cancellationToken) is { } json
            ? JsonSerializer.Deserialize<TrackIndexManifest>(json)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Track index of {Hour:yyyy-MM-dd HH}:00 merged from {Tracks} track files and {Files} new event files: {Points} positions")]
    private static partial void LogMerged(ILogger logger, DateTimeOffset hour, int tracks, int files, int points);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Track index of {Hour:yyyy-MM-dd HH}:00 gained a segment of {Files} event files: {Points} positions")]
    private static partial void LogSegment(ILogger logger, DateTimeOffset hour, int files, int points);
}
