using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplyChain.Archive.Hosting;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Tracks;

/// <summary>
/// Builds the hourly track index: once an hour has ended (and <see cref="ArchiveOptions.IndexAfter"/>
/// has passed), every ping of its event files, copies dropped, sorted by vehicle and time, in one
/// <see cref="TrackFile"/>, then a <see cref="TrackIndexManifest"/> naming the files it covers. An hour
/// whose folder gained files since is built again (within <see cref="ArchiveOptions.IndexLookback"/>).
/// Thread safe, but meant to run in one place at a time (<see cref="Maintenance.ArchiveMaintenanceGrain"/>).
/// </summary>
public sealed partial class TrackIndexer(IArchiveStore store, IOptions<ArchiveOptions> options, TimeProvider time, ILogger<TrackIndexer> logger)
{
    /// <summary>Indexes every hour due and not yet indexed as it stands; returns how many hours were (re)built.</summary>
    public async Task<int> IndexDueHoursAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastDue = ArchiveLayout.HourOf(now - options.Value.IndexAfter).AddHours(-1);
        var built = 0;
        foreach (var hour in ArchiveLayout.Hours(now - options.Value.IndexLookback, lastDue))
        {
            if (await IndexHourAsync(hour, cancellationToken))
            {
                built++;
            }
        }

        return built;
    }

    /// <summary>Builds hour <paramref name="hour"/>'s index unless it already covers every event file of the hour; true when built.</summary>
    public async Task<bool> IndexHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await foreach (var file in store.ListAsync(ArchiveLayout.HourFolder(hour), cancellationToken))
        {
            if (ArchiveLayout.IsEventFile(file.Path))
            {
                files.Add(file.Path);
            }
        }

        if (files.Count == 0)
        {
            return false;
        }

        var manifest = await ReadManifestAsync(store, hour, cancellationToken);
        if (manifest is not null && files.All(manifest.Covers.Contains))
        {
            return false;
        }

        files.Sort(StringComparer.Ordinal);
        var points = new List<TrackPoint>();
        foreach (var path in files)
        {
            await using var stream = await store.OpenReadAsync(path, cancellationToken);
            if (stream is not null)
            {
                points.AddRange(await ArchivePings.ReadAsync(stream, null, cancellationToken));
            }
        }

        var track = TrackPoints.SortedDistinct(points, byVehicle: true);
        await store.WriteAsync(TrackLayout.TrackFileOf(hour), await TrackFile.EncodeAsync(track, cancellationToken), cancellationToken);
        await store.WriteAsync(
            TrackLayout.ManifestOf(hour),
            JsonSerializer.SerializeToUtf8Bytes(new TrackIndexManifest(files, track.Count)),
            cancellationToken);
        LogIndexed(logger, hour, files.Count, track.Count);
        return true;
    }

    /// <summary>Hour <paramref name="hour"/>'s manifest, or null when the hour has no index.</summary>
    internal static async Task<TrackIndexManifest?> ReadManifestAsync(IArchiveStore store, DateTimeOffset hour, CancellationToken cancellationToken) =>
        await store.ReadAsync(TrackLayout.ManifestOf(hour), cancellationToken) is { } json
            ? JsonSerializer.Deserialize<TrackIndexManifest>(json)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Track index of {Hour:yyyy-MM-dd HH}:00 built from {Files} event files: {Points} positions")]
    private static partial void LogIndexed(ILogger logger, DateTimeOffset hour, int files, int points);
}
