using System.Security.Cryptography;
using System.Text;
using SupplyChain.Archive.Records;
using SupplyChain.Archive.Storage;

namespace SupplyChain.Replay.Reading;

/// <summary>
/// Reads the archive hour by hour for a replay: one hour's files at a time in memory (an hour of a
/// 10,000-vehicle fleet is about 600,000 rows), inbound records only, copies dropped by source and id.
/// </summary>
internal sealed class InboundHours(IArchiveStore store)
{
    /// <summary>Where the archive is, for messages and the progress file.</summary>
    public string Location => store.Location;

    /// <summary>The inbound events of <paramref name="hour"/> with event time in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public async Task<ArchiveHour> ReadAsync(DateTimeOffset hour, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await foreach (var file in store.ListAsync(ArchiveLayout.HourFolder(hour), cancellationToken))
        {
            if (ArchiveLayout.IsEventFile(file.Path))
            {
                files.Add(file.Path);
            }
        }

        files.Sort(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var events = new List<ArchiveRecord>();
        foreach (var path in files)
        {
            // A file deleted since the listing (retention, erasure) has nothing left to replay.
            if (await store.ReadAsync(path, cancellationToken) is not { } content)
            {
                continue;
            }

            foreach (var record in await ArchiveFileReader.ReadAsync(new MemoryStream(content), cancellationToken))
            {
                if (record.Direction == ArchiveDirection.Inbound && record.Time >= from && record.Time <= to && seen.Add(record.IdentityKey))
                {
                    events.Add(record);
                }
            }
        }

        // OrderBy is stable: events of one instant keep their file order.
        return new ArchiveHour(hour, Fingerprint(files), [.. events.OrderBy(e => e.Time)]);
    }

    private static string Fingerprint(List<string> files)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', files)));
        return $"{files.Count}:{Convert.ToHexStringLower(hash[..8])}";
    }
}
