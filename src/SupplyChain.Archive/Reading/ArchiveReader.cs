using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Archive.Reading;

/// <summary>
/// Reads the archive's records of a span of event time, each event once: copies (the same
/// <c>source</c> and <c>id</c>, archived again after a redelivery) are dropped, the first kept. Reads
/// every file of each hour in the span, so it serves tools and tests; the track queries read through
/// their index instead. Thread safe.
/// </summary>
public sealed class ArchiveReader(IArchiveStore store)
{
    /// <summary>The records with event time in [<paramref name="from"/>, <paramref name="to"/>] that <paramref name="keep"/> accepts, in time order.</summary>
    public async Task<IReadOnlyList<ArchiveRecord>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, Func<ArchiveRecord, bool>? keep, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string)>();
        var records = new List<ArchiveRecord>();
        foreach (var hour in ArchiveLayout.Hours(from, to))
        {
            foreach (var path in await store.EventFilesAsync(hour, cancellationToken))
            {
                if (await store.ReadAsync(path, cancellationToken) is not { } content)
                {
                    continue;
                }

                foreach (var record in await ArchiveFileReader.ReadAsync(new MemoryStream(content), cancellationToken))
                {
                    if (record.Time >= from && record.Time <= to && (keep is null || keep(record)) && seen.Add(record.IdentityKey))
                    {
                        records.Add(record);
                    }
                }
            }
        }

        // A stable sort: records of one instant keep their file order.
        return [.. records.OrderBy(r => r.Time)];
    }
}
