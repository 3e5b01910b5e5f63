using Microsoft.Extensions.Logging;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;
using SupplyChain.Archive.Tracks;

namespace SupplyChain.Archive.Erasure;

/// <summary>
/// Erases a shipment from the archive by rewriting the event files of its span: every file of each
/// hour from its first to its last event is read, and each file that holds one of its records is
/// written again, whole and under the same name, without them (<see cref="ErasedShipment"/>). A file is
/// replaced in one store operation, so readers see the old file or the new one. The track index keeps
/// its positions (positions are not erased) and its manifest; its copies of the vehicles' own events,
/// which may name the shipment, are erased by <see cref="ScrubIndexAsync"/>, run by the archive
/// maintenance grain after the files are rewritten. Thread safe.
/// </summary>
public sealed partial class ArchiveErasure(IArchiveStore store, ILogger<ArchiveErasure> logger)
{
    /// <summary>Rewrites the files of [<paramref name="from"/>, <paramref name="to"/>] without <paramref name="shipment"/>.</summary>
    public async Task<ErasureOutcome> EraseAsync(ErasedShipment shipment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var outcome = new ErasureOutcome(0, 0, 0, 0);
        foreach (var hour in ArchiveLayout.Hours(from, to))
        {
            foreach (var path in await store.EventFilesAsync(hour, cancellationToken))
            {
                outcome += await EraseFromAsync(path, shipment, cancellationToken);
            }
        }

        LogErased(logger, shipment.Key, outcome.FilesRead, outcome.FilesRewritten, outcome.RecordsRemoved, outcome.RecordsRedacted);
        return outcome;
    }

    /// <summary>
    /// Rewrites hour <paramref name="hour"/>'s index of vehicle events without <paramref name="shipment"/>,
    /// the files a reader holding the previous manifest may still read included. Meant to run where the
    /// index is built (<see cref="Maintenance.IArchiveMaintenanceGrain.ScrubIndex"/>).
    /// </summary>
    public async Task<ErasureOutcome> ScrubIndexAsync(ErasedShipment shipment, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var outcome = new ErasureOutcome(0, 0, 0, 0);
        if (await TrackIndexer.ReadManifestAsync(store, hour, cancellationToken) is { Events: { } events } manifest)
        {
            foreach (var path in events.Concat(manifest.Retired ?? []).Where(TrackLayout.IsVehicleEvents))
            {
                outcome += await EraseFromAsync(path, shipment, cancellationToken);
            }
        }

        return outcome;
    }

    /// <summary>Rewrites the archive file <paramref name="path"/> without <paramref name="shipment"/>, when it holds any of it.</summary>
    private async Task<ErasureOutcome> EraseFromAsync(string path, ErasedShipment shipment, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(path, cancellationToken) is not { } content)
        {
            return new ErasureOutcome(0, 0, 0, 0);
        }

        var records = await ArchiveFileReader.ReadAsync(new MemoryStream(content), cancellationToken);
        var kept = new List<ArchiveRecord>(records.Count);
        int removed = 0, redacted = 0;
        foreach (var record in records)
        {
            switch (shipment.Apply(record))
            {
                case null:
                    removed++;
                    break;
                case var same when ReferenceEquals(same, record):
                    kept.Add(record);
                    break;
                case var changed:
                    redacted++;
                    kept.Add(changed);
                    break;
            }
        }

        if (removed + redacted == 0)
        {
            return new ErasureOutcome(1, 0, 0, 0);
        }

        if (kept.Count == 0)
        {
            await store.DeleteAsync(path, cancellationToken);
        }
        else
        {
            await store.WriteAsync(path, await ArchiveFileWriter.EncodeAsync(kept, cancellationToken), cancellationToken);
        }

        return new ErasureOutcome(1, 1, removed, redacted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive erasure of shipment {Shipment}: {Read} files read, {Rewritten} rewritten, {Removed} records removed, {Redacted} redacted")]
    private static partial void LogErased(ILogger logger, string shipment, int read, int rewritten, int removed, int redacted);
}
