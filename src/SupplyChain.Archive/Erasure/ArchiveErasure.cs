using Microsoft.Extensions.Logging;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Erasure;

/// <summary>
/// Erases a shipment from the archive by rewriting the event files of its span: every file of each
/// hour from its first to its last event is read, and each file that holds one of its records is
/// written again, whole and under the same name, without them (<see cref="ErasedShipment"/>). A file is
/// replaced in one store operation, so readers see the old file or the new one; the track index keeps
/// its manifest, since it holds positions only and positions are not erased. Thread safe.
/// </summary>
public sealed partial class ArchiveErasure(IArchiveStore store, ILogger<ArchiveErasure> logger)
{
    /// <summary>Rewrites the files of [<paramref name="from"/>, <paramref name="to"/>] without <paramref name="shipment"/>.</summary>
    public async Task<ErasureOutcome> EraseAsync(ErasedShipment shipment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        int read = 0, rewritten = 0, removed = 0, redacted = 0;
        foreach (var hour in ArchiveLayout.Hours(from, to))
        {
            var files = new List<string>();
            await foreach (var file in store.ListAsync(ArchiveLayout.HourFolder(hour), cancellationToken))
            {
                if (ArchiveLayout.IsEventFile(file.Path))
                {
                    files.Add(file.Path);
                }
            }

            foreach (var path in files)
            {
                if (await store.ReadAsync(path, cancellationToken) is not { } content)
                {
                    continue;
                }

                read++;
                var records = await ArchiveFileReader.ReadAsync(new MemoryStream(content), cancellationToken);
                var kept = new List<ArchiveRecord>(records.Count);
                int fileRemoved = 0, fileRedacted = 0;
                foreach (var record in records)
                {
                    switch (shipment.Apply(record))
                    {
                        case null:
                            fileRemoved++;
                            break;
                        case var same when ReferenceEquals(same, record):
                            kept.Add(record);
                            break;
                        case var changed:
                            fileRedacted++;
                            kept.Add(changed);
                            break;
                    }
                }

                if (fileRemoved + fileRedacted == 0)
                {
                    continue;
                }

                if (kept.Count == 0)
                {
                    await store.DeleteAsync(path, cancellationToken);
                }
                else
                {
                    await store.WriteAsync(path, await ArchiveFileWriter.EncodeAsync(kept, cancellationToken), cancellationToken);
                }

                rewritten++;
                removed += fileRemoved;
                redacted += fileRedacted;
            }
        }

        LogErased(logger, shipment.Key, read, rewritten, removed, redacted);
        return new ErasureOutcome(read, rewritten, removed, redacted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive erasure of shipment {Shipment}: {Read} files read, {Rewritten} rewritten, {Removed} records removed, {Redacted} redacted")]
    private static partial void LogErased(ILogger logger, string shipment, int read, int rewritten, int removed, int redacted);
}
